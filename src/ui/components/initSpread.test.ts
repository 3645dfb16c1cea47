import { describe, expect, it } from 'vitest';
import { formatInitSpread, initSpread } from './initSpread';

describe('initSpread', () => {
  it('gives the per-init values, their range and sample SD', () => {
    const spread = initSpread({ log10KappaPerInit: [3, 3.5, 4] });
    // mean 3.5, squared deviations 0.25 + 0 + 0.25 over n − 1 = 2: SD 0.5
    expect(spread).toEqual({ values: [3, 3.5, 4], range: 1, sd: 0.5 });
    expect(formatInitSpread(spread!)).toBe('3.00, 3.50, 4.00 (range 1.00)');
  });

  it('shows a single init without a range, and nothing for missing or broken details', () => {
    expect(formatInitSpread(initSpread({ log10KappaPerInit: [2.25] })!)).toBe('2.25');
    expect(initSpread({})).toBeNull();
    expect(initSpread({ log10KappaPerInit: 'x' })).toBeNull();
    expect(initSpread({ log10KappaPerInit: [1, Number.NaN] })).toBeNull();
  });
});
