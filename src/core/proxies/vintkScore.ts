/**
 * vintk (docs/science.md §2; our reading of ViNTK, Zhou & Zhu, arXiv 2405.04536):
 *   vintk = −[(1−α)·log10 κ(Θ_lo) + α·log10 κ(Θ_hi)]
 * Θ_lo is ntk_cond's NTK on the batch as given, Θ_hi the same NTK (same network, same
 * initialisations seed, seed+1, …, same settings) on the high-passed batch (data/highPass.ts).
 * Each −log10 κ is ntk_cond's own score (ntkCondScore: mean over re-inits, λ_min floored at
 * 1e-7·λ_max, κ = 1e5 for a dead network), so α = 0 gives ntk_cond exactly and α = 1 ntk_cond
 * of the high-passed batch. The NTK run on the batch as given is shared with ntk_cond's when
 * both run in one job (ntkCondScore keeps recent runs by network, seed, settings and batch).
 */
import type { Batch } from '../data/batch';
import { highPassBatch } from '../data/highPass';
import { ntkCondScore } from './ntkCondScore';
import { VINTK_DEFAULTS } from './paperDefaults';
import type { ProxyInput, ProxyOutput, ProxyParams, ProxyParamValue } from './types';

export const VINTK_R_RANGE = [0, 1.5] as const;
export const VINTK_ALPHA_RANGE = [0, 1] as const;

export interface VintkSettings {
  /** Cut-off radius: frequencies of normalised radius below r are removed (Nyquist = 1). */
  r: number;
  /** Weight of Θ_hi's log10 κ. */
  alpha: number;
}

/** A number, or a string holding one (share links and the command line carry strings). */
function numberOf(value: ProxyParamValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function inRange(value: number, [low, high]: readonly [number, number]): boolean {
  return value >= low && value <= high; // false for NaN
}

export function vintkSettings(
  params: ProxyParams,
): { ok: true; value: VintkSettings } | { ok: false; errors: string[] } {
  const rValue = params.r ?? VINTK_DEFAULTS.r;
  const alphaValue = params.alpha ?? VINTK_DEFAULTS.alpha;
  const r = numberOf(rValue);
  const alpha = numberOf(alphaValue);
  const errors: string[] = [];
  if (!inRange(r, VINTK_R_RANGE)) {
    errors.push(
      `vintk: r (the cut-off radius, Nyquist = 1, corner √2) must be a number in [0, 1.5], got "${String(rValue)}"`,
    );
  }
  if (!inRange(alpha, VINTK_ALPHA_RANGE)) {
    errors.push(
      `vintk: α (alpha, the weight of the high-frequency NTK) must be a number in [0, 1], got "${String(alphaValue)}"`,
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { r, alpha } };
}

/** The NTK settings alone: ntk_cond's run on the same batch then has the same cache key. */
function ntkParams(params: ProxyParams): ProxyParams {
  const { r: _r, alpha: _alpha, ...rest } = params;
  return rest;
}

function failure(message: string): ProxyOutput {
  return { value: Number.NaN, details: {}, warnings: [message] };
}

/** (1−α)·lo + α·hi; a side of weight 0 is left out, so its NaN cannot leak into the score. */
function mix(lo: number, hi: number, alpha: number): number {
  if (alpha === 0) return lo;
  if (alpha === 1) return hi;
  return (1 - alpha) * lo + alpha * hi;
}

function numbersIn(details: ProxyOutput['details'], key: string): number[] {
  const value = details[key];
  return Array.isArray(value) ? value : [];
}

/** λ_i/λ_1 of the mean spectrum over re-initialisations; empty when there is none. */
function normalisedSpectrum(eigenvalues: readonly number[]): number[] {
  const first = eigenvalues[0];
  if (first === undefined || !(first > 0 && Number.isFinite(first))) return [];
  return eigenvalues.map((v) => v / first);
}

/** One side's details under a suffix (Lo or Hi), for the side-by-side view. */
function sideDetails(out: ProxyOutput, suffix: 'Lo' | 'Hi'): ProxyOutput['details'] {
  const eigenvalues = numbersIn(out.details, 'eigenvalues');
  const side: ProxyOutput['details'] = {
    [`score${suffix}`]: out.value,
    [`log10Kappa${suffix}`]: -out.value,
    // 10^(mean log10 κ): the geometric mean of κ over re-initialisations.
    [`kappa${suffix}`]: 10 ** -out.value,
    [`spectrum${suffix}`]: normalisedSpectrum(eigenvalues),
    [`eigenvalues${suffix}`]: eigenvalues,
    [`log10KappaPerInit${suffix}`]: numbersIn(out.details, 'log10KappaPerInit'),
    [`sentinel${suffix}`]: out.details.sentinel === true,
  };
  for (const key of ['lambdaMax', 'lambdaMin', 'trace', 'effectiveRank', 'rankDeficient'] as const) {
    const value = out.details[key];
    if (value !== undefined) side[`${key}${suffix}`] = value;
  }
  return side;
}

/** Warnings both runs gave once, the others labelled with their side. */
function mergedWarnings(lo: ProxyOutput, hi: ProxyOutput, r: number): string[] {
  const shared = lo.warnings.filter((w) => hi.warnings.includes(w));
  return [
    ...shared,
    ...lo.warnings.filter((w) => !shared.includes(w)).map((w) => `Θ_lo (batch as given): ${w}`),
    ...hi.warnings.filter((w) => !shared.includes(w)).map((w) => `Θ_hi (high-passed, r = ${r}): ${w}`),
  ];
}

export async function vintkScore(input: ProxyInput): Promise<ProxyOutput> {
  const settings = vintkSettings(input.params);
  if (!settings.ok) return { value: Number.NaN, details: {}, warnings: settings.errors };
  const { r, alpha } = settings.value;
  const { batch } = input;
  if (!batch) return failure('vintk needs a batch of images; none was given');
  if (batch.shape.length !== 3) {
    return failure(
      `vintk filters images: batch samples must have shape [height, width, channels], got [${batch.shape}]`,
    );
  }
  let high: Batch;
  try {
    high = highPassBatch(batch, r);
  } catch (error) {
    return failure(`vintk: ${error instanceof Error ? error.message : String(error)}`);
  }
  const params = ntkParams(input.params);
  const lo = await ntkCondScore({ ...input, params });
  const hi = await ntkCondScore({ ...input, params, batch: high });
  const warnings = mergedWarnings(lo, hi, r);
  if (high.x.every((v) => v === 0)) {
    warnings.push(
      `r = ${r} removes every frequency of these images: the high-passed batch is all zeros, so Θ_hi says nothing about high frequencies`,
    );
  }
  const shared: ProxyOutput['details'] = {};
  for (const key of ['method', 'samples', 'rows', 'init', 'repeats', 'batchNorm', 'outputs'] as const) {
    const value = lo.details[key] ?? hi.details[key];
    if (value !== undefined) shared[key] = value;
  }
  return {
    value: mix(lo.value, hi.value, alpha),
    details: { r, alpha, ...shared, ...sideDetails(lo, 'Lo'), ...sideDetails(hi, 'Hi') },
    warnings,
  };
}
