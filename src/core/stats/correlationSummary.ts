/**
 * Spearman's ρ and Kendall's τ-b of paired values, with or without their bootstrap intervals.
 *
 * The estimates are cheap (O(n log n)); the intervals are not (B resamples, Kendall's O(B·n log n)
 * took 2 s at n = 15 625), so the UI shows the estimates at once and gets the intervals from a worker
 * (src/compute/statsClient.ts). Both functions give the same estimates, so the numbers shown never
 * jump when the intervals arrive.
 */
import {
  type BootstrapInterval,
  bootstrapKendall,
  bootstrapSpearman,
  MIN_BOOTSTRAP_PAIRS,
} from './bootstrap';
import { finitePairs, kendallTauB, spearman } from './rankCorrelation';

export interface CorrelationSummary {
  rho: BootstrapInterval;
  tau: BootstrapInterval;
  /** 'pending': the bounds are NaN until the intervals are computed; 'done': they are final. */
  intervals: 'pending' | 'done';
}

const LEVEL = 0.95;

function estimateOnly(estimate: number, n: number): BootstrapInterval {
  return { estimate, low: Number.NaN, high: Number.NaN, n, resamples: 0, level: LEVEL };
}

/** The estimates now; the bounds pending (or final NaN where too few pairs allow no interval). */
export function correlationEstimates(x: readonly number[], y: readonly number[]): CorrelationSummary {
  const n = finitePairs(x, y).x.length;
  return {
    rho: estimateOnly(spearman(x, y), n),
    tau: estimateOnly(n > 0 ? kendallTauB(x, y) : Number.NaN, n),
    intervals: n < MIN_BOOTSTRAP_PAIRS ? 'done' : 'pending',
  };
}

/** The estimates with their seeded 95 % percentile bootstrap intervals (bootstrap.ts). */
export function correlationWithIntervals(x: readonly number[], y: readonly number[]): CorrelationSummary {
  return { rho: bootstrapSpearman(x, y), tau: bootstrapKendall(x, y), intervals: 'done' };
}
