/** How a correlation's numbers read on screen: fixed digits, and its interval or "[…]" while pending. */
import type { BootstrapInterval } from '../core/stats/bootstrap';
import type { CorrelationSummary } from '../core/stats/correlationSummary';

export const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/** "[low, high]", or "[…]" while the statistics worker computes the interval. */
export function boundsText(c: CorrelationSummary, i: BootstrapInterval): string {
  return c.intervals === 'pending' ? '[…]' : `[${fmt(i.low)}, ${fmt(i.high)}]`;
}
