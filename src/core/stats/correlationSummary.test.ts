import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlationEstimates, correlationWithIntervals } from './correlationSummary';

// Values from a small set, so that ties (which change both statistics) are common.
const pairs = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc.tuple(
    fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
    fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(Number.NaN)), {
      minLength: n,
      maxLength: n,
    }),
  ),
);

const same = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : Math.abs(a - b) <= 1e-12);

describe('correlation summary', () => {
  it('shows the same estimates before and after the intervals arrive', () => {
    fc.assert(
      fc.property(pairs, ([x, y]) => {
        const now = correlationEstimates(x, y);
        const later = correlationWithIntervals(x, y);
        expect(same(now.rho.estimate, later.rho.estimate)).toBe(true);
        expect(same(now.tau.estimate, later.tau.estimate)).toBe(true);
        expect(now.rho.n).toBe(later.rho.n);
        expect(now.tau.n).toBe(later.tau.n);
      }),
      { numRuns: 300 },
    );
  });

  it('marks intervals pending only where a bootstrap will give them', () => {
    expect(correlationEstimates([1, 2], [2, 1]).intervals).toBe('done');
    expect(correlationEstimates([1, 2, Number.NaN], [2, 1, 3]).intervals).toBe('done');
    const pending = correlationEstimates([1, 2, 3, 4], [1, 3, 2, 4]);
    expect(pending.intervals).toBe('pending');
    expect(Number.isNaN(pending.rho.low)).toBe(true);
    // Hand count: pairs (2,3) discordant, the other 5 concordant: τ = (5 − 1)/6.
    expect(pending.tau.estimate).toBeCloseTo(4 / 6, 12);
    expect(correlationWithIntervals([1, 2, 3, 4], [1, 3, 2, 4]).rho.low).toBeLessThanOrEqual(0.8);
  });
});
