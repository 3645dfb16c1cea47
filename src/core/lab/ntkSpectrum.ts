/**
 * Panel 3, the NTK spectrum: the empirical NTK Θ = J Jᵀ (every parameter, ntkModel.ts) of one
 * initialised MLP on the lab's points, its eigenvalues and leading eigenvectors as functions on the
 * points, next to the infinite-width ReLU NTK of the same architecture on the same (mapped) inputs.
 * Small eigenvalues belong to directions gradient descent learns slowly (docs/science.md §9); on the
 * circle the eigenvectors are close to Fourier modes, so the spectrum is the spectral bias of §7.
 */

import { disposeParams } from '../nn/network';
import { relativeFrobenius } from './ntkCompare';
import { type KernelSpectrum, kernelSpectrum } from './ntkEigen';
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

export interface NtkSpectrumConfig extends LabScales {
  arch: LabMlpArch;
  /** grid → 1-D inputs z; circle → 2-D inputs (cos t, sin t). */
  points: LabPoints;
  /** Seed of the initial weights. */
  seed: number;
  width: number;
  /** Leading eigenvectors returned for each kernel; default 6. */
  topK?: number;
}

export interface LabKernel extends KernelSpectrum {
  /** Row-major [n, n]. */
  gram: Float64Array;
}

export interface NtkSpectrumResult {
  n: number;
  /** Plot coordinate of each point: z_j, t_j, or the index. */
  coordinate: Float64Array;
  empirical: LabKernel;
  /** The infinite-width ReLU NTK, or null (see infiniteNote). */
  infinite: LabKernel | null;
  /** Why `infinite` is null, else null. */
  infiniteNote: string | null;
  /** ‖Θ̂ − Θ∞‖_F / ‖Θ∞‖_F, or null without a closed form. */
  relativeError: number | null;
  seconds: number;
}

export const NTK_SPECTRUM_DEFAULTS = {
  arch: { depth: 1, activation: 'relu', mapping: { kind: 'none' } },
  points: { kind: 'grid', n: 128 },
  seed: 0,
  width: 1024,
  topK: 6,
} as const satisfies NtkSpectrumConfig;

export function ntkSpectrumProblems(config: NtkSpectrumConfig): string[] {
  const pointProblems = labPointsProblems(config.points);
  const dim = pointProblems.length === 0 ? labInputs(config.points).dim : 1;
  const problems = [...pointProblems, ...labMlpProblems(config.arch, config.width, dim, config)];
  problems.push(...seedProblems(config.seed));
  const topK = config.topK;
  if (topK !== undefined && !(Number.isInteger(topK) && topK >= 0)) {
    problems.push(`the number of eigenvectors must be a non-negative integer, got ${topK}`);
  }
  return problems;
}

/** Throws a RangeError naming every problem when the config is not usable. */
export async function labNtkSpectrum(config: NtkSpectrumConfig): Promise<NtkSpectrumResult> {
  const problems = ntkSpectrumProblems(config);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const start = performance.now();
  const points = labInputs(config.points);
  const model = labMlp(config.arch, config.width, points.dim, config);
  const topK = config.topK ?? NTK_SPECTRUM_DEFAULTS.topK;
  const params = labInitParams(model, config.seed);
  const x = inputTensor(points);
  let gram: Float64Array;
  try {
    gram = await labNtk(model, params, x);
  } finally {
    x.dispose();
    disposeParams(params);
  }
  const closed = closedFormNtk(model, points);
  return {
    n: points.n,
    coordinate: points.coordinate,
    empirical: { gram, ...kernelSpectrum(gram, points.n, topK) },
    infinite: closed && { gram: closed, ...kernelSpectrum(closed, points.n, topK) },
    infiniteNote: closedFormUnavailable(model),
    relativeError: closed && relativeFrobenius(gram, closed),
    seconds: (performance.now() - start) / 1000,
  };
}
