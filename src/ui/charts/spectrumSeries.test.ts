import { describe, expect, it } from 'vitest';
import { normaliseSpectrum, seriesDash, spectrumDomains } from './spectrumSeries';

describe('normaliseSpectrum', () => {
  it('sorts decreasing, divides by λ₁ and drops NaN, zero and negative eigenvalues', () => {
    const s = normaliseSpectrum([0.5, 4, -1e-12, 2, Number.NaN, 0, 1]);
    expect(s.ratios).toEqual([1, 0.5, 0.25, 0.125]);
    expect(s.lambdaMax).toBe(4);
    expect(s.dropped).toBe(3);
  });

  it('keeps ratios across 300 decades (float64), dropping only what underflows', () => {
    const s = normaliseSpectrum([1e150, 1e-150, 1e-200]);
    expect(s.ratios).toEqual([1, 1e-300]);
    expect(s.dropped).toBe(1);
  });

  it('a spectrum without a positive eigenvalue is empty and counted', () => {
    expect(normaliseSpectrum([-1, 0, Number.NaN])).toEqual({ ratios: [], lambdaMax: Number.NaN, dropped: 3 });
  });
});

describe('spectrumDomains', () => {
  it('reaches down to the power of ten below the smallest ratio and across the longest series', () => {
    const a = normaliseSpectrum([10, 1, 0.03]); // smallest ratio 3e-3
    const b = normaliseSpectrum([5, 4]);
    expect(spectrumDomains([a, b])).toEqual({ index: [1, 3], ratio: [1e-3, 1] });
  });

  it('exact powers of ten are not pushed a decade lower; at least one decade is shown', () => {
    expect(spectrumDomains([normaliseSpectrum([1, 1e-4])]).ratio).toEqual([1e-4, 1]);
    expect(spectrumDomains([normaliseSpectrum([2])])).toEqual({ index: [1, 2], ratio: [0.1, 1] });
  });
});

describe('seriesDash', () => {
  it('solid for the first palette round, dashed after it', () => {
    expect(seriesDash(3, 8)).toBeUndefined();
    expect(seriesDash(9, 8)).toBe('6 3');
    expect(seriesDash(17, 8)).toBe('2 2');
  });
});
