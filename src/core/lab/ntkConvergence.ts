/**
 * How the empirical NTK of a ReLU MLP approaches its infinite-width closed form as the width grows
 * (Jacot et al. 2018): per width, the error of Θ̂ (ntkModel.ts: every parameter, NTK
 * parameterisation, W, b ~ N(0, 1)) against reluNtk on the same inputs, averaged over initialisations
 * seed, seed+1, … The set-up is kernels/ntk.test.ts's (σ_w = √2, 'normal' weights, mean over 4
 * initialisations, max |Θ̂ − Θ| / max |Θ| reported next to the relative Frobenius error); with σ_b = 0
 * and its inputs it gives its numbers. Fluctuations shrink like 1/√width.
 */
import { disposeParams } from '../nn/network';
import { relativeFrobenius, relativeMaxAbs } from './ntkCompare';
import {
  closedFormNtk,
  closedFormUnavailable,
  inputTensor,
  type LabMlpArch,
  type LabScales,
  labInitParams,
  labMlp,
  labMlpProblems,
  labNtk,
  seedProblems,
} from './ntkModel';
import { type LabPoints, labInputs, labPointsProblems } from './ntkPoints';

export interface NtkConvergenceConfig extends LabScales {
  /** A ReLU MLP (the closed form is ReLU's); its width is each of `widths` in turn. */
  arch: LabMlpArch;
  points: LabPoints;
  /** Initialisations averaged per width; default 4. */
  inits?: number;
  /** First seed; default 0. */
  seed?: number;
}

export interface NtkConvergenceRow {
  width: number;
  /** Mean over initialisations of ‖Θ̂ − Θ∞‖_F / ‖Θ∞‖_F. */
  relativeFrobenius: number;
  /** Mean over initialisations of max |Θ̂ − Θ∞| / max |Θ∞|. */
  relativeMaxAbs: number;
  /** The same per initialisation, seed order. */
  frobeniusPerInit: number[];
  maxAbsPerInit: number[];
}

export interface NtkConvergenceResult {
  status: 'done' | 'cancelled';
  /** One row per width done, in the order given. */
  rows: NtkConvergenceRow[];
  seconds: number;
}

export const NTK_CONVERGENCE_DEFAULTS = {
  widths: [16, 64, 256, 1024, 4096],
  arch: { depth: 1, activation: 'relu', mapping: { kind: 'none' } },
  points: { kind: 'circle', n: 32 },
  inits: 4,
  seed: 0,
} as const;

export const NTK_CONVERGENCE_LIMITS = { widths: 12, inits: [1, 32] } as const;

export function ntkConvergenceProblems(widths: readonly number[], config: NtkConvergenceConfig): string[] {
  const problems = labPointsProblems(config.points);
  const dim = problems.length === 0 ? labInputs(config.points).dim : 1;
  if (widths.length === 0 || widths.length > NTK_CONVERGENCE_LIMITS.widths) {
    problems.push(`give 1 to ${NTK_CONVERGENCE_LIMITS.widths} widths, got ${widths.length}`);
  }
  for (const width of widths) {
    const [problem] = labMlpProblems(config.arch, width, dim, config);
    if (problem && !problems.includes(problem)) problems.push(problem);
  }
  if (config.arch.activation !== 'relu') {
    problems.push(`the closed form is for ReLU networks only, got ${config.arch.activation}`);
  }
  const [lo, hi] = NTK_CONVERGENCE_LIMITS.inits;
  const inits = config.inits;
  if (inits !== undefined && !(Number.isInteger(inits) && inits >= lo && inits <= hi)) {
    problems.push(`initialisations per width must be an integer in [${lo}, ${hi}], got ${inits}`);
  }
  problems.push(...seedProblems(config.seed ?? 0));
  return problems;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Rows for each width, reported through onRow as they finish; checks `signal` between
 * initialisations. Throws a RangeError naming every problem when the config is not usable.
 */
export async function ntkConvergence(
  widths: readonly number[],
  config: NtkConvergenceConfig,
  hooks: { onRow?: (row: NtkConvergenceRow) => void; signal?: AbortSignal } = {},
): Promise<NtkConvergenceResult> {
  const problems = ntkConvergenceProblems(widths, config);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const start = performance.now();
  const points = labInputs(config.points);
  const x = inputTensor(points);
  const rows: NtkConvergenceRow[] = [];
  const inits = config.inits ?? NTK_CONVERGENCE_DEFAULTS.inits;
  const seed = config.seed ?? 0;
  try {
    for (const width of widths) {
      const model = labMlp(config.arch, width, points.dim, config);
      const closed = closedFormNtk(model, points);
      if (!closed) throw new RangeError(closedFormUnavailable(model) ?? 'no closed form');
      const frobeniusPerInit: number[] = [];
      const maxAbsPerInit: number[] = [];
      for (let k = 0; k < inits; k++) {
        if (hooks.signal?.aborted)
          return { status: 'cancelled', rows, seconds: (performance.now() - start) / 1000 };
        const params = labInitParams(model, seed + k);
        try {
          const gram = await labNtk(model, params, x);
          frobeniusPerInit.push(relativeFrobenius(gram, closed));
          maxAbsPerInit.push(relativeMaxAbs(gram, closed));
        } finally {
          disposeParams(params);
        }
      }
      const row = {
        width,
        relativeFrobenius: mean(frobeniusPerInit),
        relativeMaxAbs: mean(maxAbsPerInit),
        frobeniusPerInit,
        maxAbsPerInit,
      };
      rows.push(row);
      hooks.onRow?.(row);
    }
  } finally {
    x.dispose();
  }
  return { status: 'done', rows, seconds: (performance.now() - start) / 1000 };
}
