import { describe, expect, it } from 'vitest';
import { axisDomain, lineChartTicks, oneTwoFiveTicks, plottableRuns } from './lineChartData';

describe('plottableRuns', () => {
  it('breaks a line at points the axes cannot show and counts them', () => {
    const points = [
      [1, 1],
      [2, 0],
      [3, 3],
      [4, 4],
      [Number.NaN, 5],
      [6, -1],
      [7, 7],
    ] as const;
    const { runs, skipped, missing } = plottableRuns(points, 'linear', 'log');
    expect(runs).toEqual([
      [[1, 1]],
      [
        [3, 3],
        [4, 4],
      ],
      [[7, 7]],
    ]);
    expect(skipped).toBe(3);
    expect(missing).toBe(1);
  });

  it('keeps zero and negative values on linear axes', () => {
    const { runs, skipped } = plottableRuns(
      [
        [0, -2],
        [1, 0],
      ],
      'linear',
      'linear',
    );
    expect(runs).toEqual([
      [
        [0, -2],
        [1, 0],
      ],
    ]);
    expect(skipped).toBe(0);
  });
});

describe('axisDomain', () => {
  it('uses a usable fixed domain as given, in ascending order', () => {
    expect(axisDomain('linear', [5, 6], [1, 0])).toEqual([0, 1]);
  });

  it('ignores a fixed domain a log axis cannot show and pads the data instead', () => {
    const [lo, hi] = axisDomain('log', [1, 100], [0, 10]);
    // padded by 4 % of two decades in log10 space: 10^-0.08 and 10^2.08
    expect(lo).toBeCloseTo(10 ** -0.08, 12);
    expect(hi).toBeCloseTo(10 ** 2.08, 10);
  });
});

describe('oneTwoFiveTicks', () => {
  it('lists 1, 2, 5 times powers of ten inside the range, written exactly', () => {
    expect(oneTwoFiveTicks([0.015, 0.6])).toEqual([0.02, 0.05, 0.1, 0.2, 0.5]);
    expect(oneTwoFiveTicks([3, 30])).toEqual([5, 10, 20]);
  });

  it('returns nothing for a range a log axis cannot take', () => {
    expect(oneTwoFiveTicks([0, 1])).toEqual([]);
  });
});

describe('lineChartTicks', () => {
  it('labels a log axis over many decades in powers of ten', () => {
    const { values, labels } = lineChartTicks('log', [1e-6, 1e3], 400);
    expect(values.every((v) => Number.isInteger(Math.log10(v)))).toBe(true);
    expect(values[0]).toBeGreaterThanOrEqual(1e-6);
    expect(values.at(-1)).toBeLessThanOrEqual(1e3);
    expect(labels.every((l) => l.startsWith('10'))).toBe(true);
  });

  it('falls back to 1-2-5 ticks when a log axis spans less than two decades', () => {
    // [0.015, 0.6] holds only the decade 0.1; d3 linear ticks would crowd the top of a log axis.
    const { values, labels } = lineChartTicks('log', [0.015, 0.6], 400);
    expect(values).toEqual([0.02, 0.05, 0.1, 0.2, 0.5]);
    expect(labels).toEqual(['0.02', '0.05', '0.1', '0.2', '0.5']);
  });

  it('thins 1-2-5 ticks to the room on a short axis', () => {
    // 140 px fit two ticks (one per 70 px): every third of 0.02 … 0.5 → 0.02, 0.2
    expect(lineChartTicks('log', [0.015, 0.6], 140).values).toEqual([0.02, 0.2]);
  });
});

describe('lineChartTicks on a short log axis', () => {
  it('keeps two decades where thinning by multiples would leave one', () => {
    // Three decades (10⁻³, 10⁻², 10⁻¹) and room for two ticks: every second one, counted from the top.
    expect(lineChartTicks('log', [7.7e-4, 0.64], 199).values).toEqual([0.001, 0.1]);
  });

  it('thins many decades from the top so the largest is labelled', () => {
    // 10⁰ … 10⁹ with room for four: step 3 from 10⁹ down → 10⁰, 10³, 10⁶, 10⁹.
    expect(lineChartTicks('log', [1, 1e9], 280).values).toEqual([1, 1e3, 1e6, 1e9]);
  });
});
