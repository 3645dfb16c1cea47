/**
 * ntk_cond (TE-NAS: Chen, Gong & Wang, ICLR 2021; VITA-Group/TENAS lib/procedures/ntk.py) and the
 * shared NTK run behind ntk_trace and ntk_spectrum (docs/science.md §1).
 *
 * For each of `repeats` initialisations (seeds seed, seed+1, …): Θ = G Gᵀ on the batch
 * (kernels/ntk.ts), its eigenvalues in float64, κ = λ_max / max(λ_min, 1e-7·λ_max). The score is
 * the mean of −log10 κ over the initialisations (a geometric mean of κ; TE-NAS's pruning loop
 * averages relative changes of κ, which has no meaning for a single cell).
 *
 * Sentinel: TE-NAS's variant with `np.nan_to_num(..., nan=100000.0)` gives κ = 1e5 where κ is NaN,
 * i.e. a dead network (Θ = 0). We do the same, so such a network scores −5 — above any network with
 * κ > 1e5 — and say so in a warning. A missing or mismatched batch gives NaN with a warning.
 */
import type { Batch } from '../data/batch';
import { conditionNumber, effectiveRank, symmetricEigenvalues } from '../kernels/eigen';
import { chooseNtkMethod, empiricalNtk, type NtkMethod, type NtkOptions, ntkSize } from '../kernels/ntk';
import { INIT_SCHEMES, type InitScheme } from '../nn/init';
import { disposeParams, initParams, type Network } from '../nn/network';
import { tf } from '../nn/tf';
import { NTK_PROXY_DEFAULTS } from './paperDefaults';
import type { ProxyInput, ProxyOutput, ProxyParams } from './types';

/** TE-NAS's κ where the condition number is NaN (dead network). */
export const NAN_KAPPA_SENTINEL = 1e5;

export interface NtkSettings {
  init: InitScheme;
  repeats: number;
  batchNorm: NtkOptions['batchNorm'];
  outputs: 'summed' | 'per_logit';
  method: 'auto' | NtkMethod;
}

export interface NtkRun {
  /** Eigenvalues of Θ per initialisation, largest first. */
  spectra: Float64Array[];
  /** tr Θ per initialisation. */
  traces: number[];
  samples: number;
  /** Rows of Θ: samples, or samples x logits for the per-logit NTK. */
  rows: number;
  method: NtkMethod;
  settings: NtkSettings;
}

export type NtkRunResult =
  | { ok: true; run: NtkRun; warnings: string[] }
  | { ok: false; dead: boolean; reason: string; warnings: string[] };

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  name: string,
  warnings: string[],
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  warnings.push(`${name} "${String(value)}" is not one of ${allowed.join(', ')}; used ${fallback}`);
  return fallback;
}

export function ntkSettings(params: ProxyParams, warnings: string[]): NtkSettings {
  let repeats: number = NTK_PROXY_DEFAULTS.repeats;
  if (params.repeats !== undefined) {
    const r = Number(params.repeats);
    if (Number.isInteger(r) && r >= 1 && r <= 20) repeats = r;
    else warnings.push(`repeats must be an integer in [1, 20]; used ${repeats}`);
  }
  return {
    init: oneOf(params.init, INIT_SCHEMES, NTK_PROXY_DEFAULTS.init, 'init', warnings),
    repeats,
    batchNorm: oneOf(
      params.batchNorm,
      ['train', 'eval', 'none'] as const,
      NTK_PROXY_DEFAULTS.batchNorm,
      'batchNorm',
      warnings,
    ),
    outputs: oneOf(
      params.outputs,
      ['summed', 'per_logit'] as const,
      NTK_PROXY_DEFAULTS.outputs,
      'outputs',
      warnings,
    ),
    method: oneOf(
      params.method,
      ['auto', 'batched', 'loop'] as const,
      NTK_PROXY_DEFAULTS.method,
      'method',
      warnings,
    ),
  };
}

function batchProblem(network: Network, batch: Batch | undefined): string | null {
  if (!batch) return 'the NTK needs a batch of inputs; none was given';
  const same =
    batch.shape.length === network.inputShape.length &&
    batch.shape.every((d, i) => d === network.inputShape[i]);
  if (!same) return `batch samples have shape [${batch.shape}], the network expects [${network.inputShape}]`;
  if (batch.n < 2) return `the NTK spectrum needs at least 2 samples, the batch has ${batch.n}`;
  if (batch.x.length !== batch.n * batch.shape.reduce((a, b) => a * b, 1))
    return 'batch size and data disagree';
  return null;
}

/**
 * ntk_cond, ntk_trace and ntk_spectrum of one job share one run: the last few runs are kept, keyed
 * by everything the kernel depends on (architecture and its parameter shapes, seed, settings, batch).
 */
const recentRuns = new Map<string, Promise<NtkRunResult>>();
const RECENT_RUNS = 4;

function runKey({ network, seed, params, batch }: ProxyInput): string {
  const shapes = network.specs.map((s) => `${s.name}:${s.shape.join('x')}`).join(',');
  return JSON.stringify([network.arch, shapes, network.inputShape, seed, params, batch?.spec ?? null]);
}

/** Θ's spectrum and trace for each initialisation. Never throws: failures come back as values. */
export function ntkOverInits(input: ProxyInput): Promise<NtkRunResult> {
  // A batch without a spec cannot be told apart from another one: no sharing then.
  if (!input.batch?.spec) return computeNtkOverInits(input);
  const key = runKey(input);
  const known = recentRuns.get(key);
  if (known) return known.then(copyResult);
  const run = computeNtkOverInits(input);
  recentRuns.set(key, run);
  if (recentRuns.size > RECENT_RUNS) recentRuns.delete(recentRuns.keys().next().value as string);
  return run.then(copyResult);
}

/** Callers push onto warnings: each gets its own array. */
function copyResult(result: NtkRunResult): NtkRunResult {
  return { ...result, warnings: [...result.warnings] };
}

async function computeNtkOverInits({ network, seed, params, batch }: ProxyInput): Promise<NtkRunResult> {
  const warnings: string[] = [];
  const settings = ntkSettings(params, warnings);
  if (network.deadReason) return { ok: false, dead: true, reason: network.deadReason, warnings };
  const problem = batchProblem(network, batch);
  if (problem || !batch) return { ok: false, dead: false, reason: problem ?? 'no batch', warnings };
  let method: NtkMethod;
  const options: NtkOptions = {
    mode: settings.method,
    batchNorm: settings.batchNorm,
    outputs: settings.outputs,
  };
  try {
    method = chooseNtkMethod(network, options);
  } catch {
    warnings.push(
      'the batched NTK is exact only without train-mode BatchNorm coupling on supported layers; used the per-sample loop',
    );
    method = 'loop';
  }
  const rows = ntkSize(network, batch.n, settings.outputs);
  const x = tf.tensor(batch.x, [batch.n, ...batch.shape]);
  const spectra: Float64Array[] = [];
  const traces: number[] = [];
  try {
    for (let r = 0; r < settings.repeats; r++) {
      const weights = initParams(network, settings.init, seed + r);
      try {
        const gram = await empiricalNtk(network, weights, x, { ...options, mode: method });
        let trace = 0;
        for (let i = 0; i < rows; i++) trace += gram[i * rows + i]!;
        traces.push(trace);
        spectra.push(
          gram.every(Number.isFinite)
            ? symmetricEigenvalues(gram, rows)
            : new Float64Array(rows).fill(Number.NaN),
        );
      } finally {
        disposeParams(weights);
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, dead: false, reason: `NTK computation failed: ${message}`, warnings };
  } finally {
    x.dispose();
  }
  return { ok: true, run: { spectra, traces, samples: batch.n, rows, method, settings }, warnings };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Element-wise mean of equally long arrays. */
export function meanSpectrum(spectra: readonly ArrayLike<number>[]): number[] {
  const n = spectra[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => mean(spectra.map((s) => s[i]!)));
}

export function runDetails(run: NtkRun): ProxyOutput['details'] {
  return {
    method: run.method,
    samples: run.samples,
    rows: run.rows,
    init: run.settings.init,
    repeats: run.settings.repeats,
    batchNorm: run.settings.batchNorm,
    outputs: run.settings.outputs,
  };
}

export async function ntkCondScore(input: ProxyInput): Promise<ProxyOutput> {
  const result = await ntkOverInits(input);
  if (!result.ok) {
    const sentinel = -Math.log10(NAN_KAPPA_SENTINEL);
    return result.dead
      ? {
          value: sentinel,
          details: { sentinel: true },
          warnings: [...result.warnings, `${result.reason}: Θ = 0, κ set to 1e5 as TE-NAS does (score −5)`],
        }
      : { value: Number.NaN, details: {}, warnings: [...result.warnings, result.reason] };
  }
  const { run, warnings } = result;
  const conditioning = run.spectra.map(conditionNumber);
  const log10Kappa = conditioning.map((c) =>
    Math.log10(Number.isNaN(c.kappa) ? NAN_KAPPA_SENTINEL : c.kappa),
  );
  const sentinels = conditioning.filter((c) => Number.isNaN(c.kappa)).length;
  if (sentinels > 0) {
    warnings.push(
      `${sentinels} of ${run.spectra.length} initialisation(s) gave Θ without a positive eigenvalue; κ set to 1e5 there (TE-NAS)`,
    );
  }
  const rankDeficient = conditioning.some((c) => c.rankDeficient);
  if (rankDeficient) {
    warnings.push(`Θ is rank-deficient (λ_min < 1e-7·λ_max): λ_min floored, κ is a lower bound`);
  }
  return {
    value: -mean(log10Kappa),
    details: {
      ...runDetails(run),
      eigenvalues: meanSpectrum(run.spectra),
      lambdaMax: mean(conditioning.map((c) => c.lambdaMax)),
      lambdaMin: mean(conditioning.map((c) => c.lambdaMin)),
      trace: mean(run.traces),
      effectiveRank: mean(run.spectra.map(effectiveRank)),
      rankDeficient,
      log10KappaPerInit: log10Kappa,
    },
    warnings,
  };
}
