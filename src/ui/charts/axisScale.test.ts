import { describe, expect, it } from 'vitest';
import { createAxisScale, paddedDomain, symlogInverse, symlogTransform } from './axisScale';

describe('symlog transform', () => {
  it('inverse undoes the transform from 1e-12 to 1e40, both signs, for several constants', () => {
    for (const c of [1e-3, 1, 250]) {
      for (let e = -12; e <= 40; e += 0.5) {
        for (const x of [10 ** e, -(10 ** e)]) {
          const back = symlogInverse(symlogTransform(x, c), c);
          expect(Math.abs(back - x) / Math.abs(x)).toBeLessThan(1e-12);
        }
      }
      expect(symlogTransform(0, c)).toBe(0);
      expect(symlogInverse(0, c)).toBe(0);
    }
  });

  it('is linear near zero (slope 1/c) and logarithmic far out (ln|x|/c)', () => {
    const c = 2;
    // log1p(u) = u − u²/2 + …, so the relative deviation from u = 5e-10 is about 2.5e-10.
    expect(symlogTransform(1e-9, c) / (1e-9 / c)).toBeCloseTo(1, 9);
    // log1p(1e30/2) = ln(5e29) + ln(1 + 2e-30) = ln(5e29) to double precision.
    expect(symlogTransform(-1e30, c)).toBeCloseTo(-Math.log(5e29), 12);
  });

  it('the visx symlog scale is linear in the transform (same formula, independent implementation)', () => {
    const c = 3;
    const a = -50;
    const b = 1e6;
    const scale = createAxisScale('symlog', [a, b], [0, 1], c);
    const ta = symlogTransform(a, c);
    const tb = symlogTransform(b, c);
    for (const x of [-50, -7, -0.1, 0, 0.3, 12, 4096, 1e6]) {
      expect(scale(x)).toBeCloseTo((symlogTransform(x, c) - ta) / (tb - ta), 12);
    }
  });
});

describe('paddedDomain', () => {
  it('pads 4% of the span in decades on a log axis, ignoring non-positive values', () => {
    const [lo, hi] = paddedDomain('log', [10, 1e5, 0, -3, Number.NaN]);
    // span 4 decades → 0.16 decade each side
    expect(Math.log10(lo)).toBeCloseTo(1 - 0.16, 12);
    expect(Math.log10(hi)).toBeCloseTo(5 + 0.16, 12);
  });

  it('pads in linear units on a linear axis and keeps every value inside', () => {
    expect(paddedDomain('linear', [-2, 8])).toEqual([-2.4, 8.4]);
  });

  it('gives a unit interval for no values and a non-empty one for a single value', () => {
    expect(paddedDomain('linear', [])).toEqual([0, 1]);
    expect(paddedDomain('log', [-1, 0])).toEqual([1, 10]);
    const [lo, hi] = paddedDomain('log', [100, 100]);
    expect(Math.log10(lo)).toBeCloseTo(1.5, 12);
    expect(Math.log10(hi)).toBeCloseTo(2.5, 12);
    expect(paddedDomain('linear', [5])).toEqual([4.5, 5.5]);
  });
});
