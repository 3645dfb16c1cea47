import { describe, expect, it } from 'vitest';
import { spaceTicks, tickLabelsFor, tickValuesFor } from './axisTicks';

describe('tickValuesFor', () => {
  it('log axis over 50 decades: powers of ten, inside the domain, no more than asked', () => {
    const ticks = tickValuesFor('log', [1e-7, 1e43], 6);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(6);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(1e-7);
      expect(t).toBeLessThanOrEqual(1e43);
      expect(Number.isInteger(Math.log10(t))).toBe(true);
    }
    // step = ceil(51 / 6) = 9, anchored at multiples of 9: 10^-0 ... 10^36
    expect(ticks).toEqual([1, 1e9, 1e18, 1e27, 1e36]);
    expect(tickLabelsFor('log', ticks)).toEqual(['10⁰', '10⁹', '10¹⁸', '10²⁷', '10³⁶']);
  });

  it('log axis within one decade falls back to plain ticks', () => {
    expect(tickValuesFor('log', [2, 8], 4)).toEqual([2, 4, 6, 8]);
  });

  it('linear axis uses round numbers', () => {
    expect(tickValuesFor('linear', [0, 1], 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('symlog axis: zero and ±powers of ten, symmetric for a symmetric domain', () => {
    const ticks = tickValuesFor('symlog', [-1e6, 1e6], 7, 1);
    expect(ticks).toContain(0);
    expect(ticks).toEqual(
      [...ticks]
        .map((t) => -t)
        .reverse()
        .map((t) => (t === 0 ? 0 : t)),
    );
    for (const t of ticks) if (t !== 0) expect(Number.isInteger(Math.log10(Math.abs(t)))).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(9);
  });

  it('symlog axis inside the linear region falls back to linear ticks', () => {
    expect(tickValuesFor('symlog', [0, 0.5], 5, 1)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });
});

describe('tickLabelsFor', () => {
  it('labels decade-ticked log and symlog axes in powers throughout', () => {
    expect(tickLabelsFor('log', [0.01, 1, 100])).toEqual(['10⁻²', '10⁰', '10²']);
    expect(tickLabelsFor('symlog', [-1000, 0, 1000])).toEqual(['−10³', '0', '10³']);
  });

  it('keeps plain numbers when the ticks are not all decades, and on linear axes', () => {
    expect(tickLabelsFor('log', [2, 4, 6, 8])).toEqual(['2', '4', '6', '8']);
    expect(tickLabelsFor('linear', [0, 10, 100])).toEqual(['0', '10', '100']);
    expect(tickLabelsFor('linear', [0, 1e-7])).toEqual(['0', '10⁻⁷']);
  });
});

describe('spaceTicks', () => {
  it('keeps zero and the outer decades where the symlog linear region squeezes ticks together', () => {
    // pixel = 10·sign(v)·log10(1 + |v|): ±1 lands 3 px from 0, ±1e30 lands 300 px out
    const toPixel = (v: number) => 10 * Math.sign(v) * Math.log10(1 + Math.abs(v));
    expect(spaceTicks([-1e30, -1, 0, 1, 1e30], toPixel, 40)).toEqual([-1e30, 0, 1e30]);
  });

  it('leaves evenly spread ticks alone', () => {
    expect(spaceTicks([0, 0.5, 1], (v) => v * 200, 40)).toEqual([0, 0.5, 1]);
  });
});
