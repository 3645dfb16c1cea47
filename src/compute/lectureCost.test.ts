import { describe, expect, it } from 'vitest';
import { lectureCost, lectureCostText } from './lectureCost';

describe('the lecture’s cost line', () => {
  it('is nothing before the first score lands', () => {
    expect(lectureCost([], 3, 2, 1)).toBeNull();
    expect(lectureCost([undefined, undefined], 3, 2, 1)).toBeNull();
  });

  it('takes the mean measured time per proxy and network and scales it to the whole lecture', () => {
    // 90 s and 150 s: 120 s each; 5 networks × 2 proxies × 120 s = 1 200 s = 20 min on one worker.
    const cost = lectureCost(
      [{ ms: 90_000, backend: 'wasm' }, undefined, { ms: 150_000, backend: 'wasm' }],
      5,
      2,
      1,
    );
    expect(cost).toEqual({
      perJobS: 120,
      backend: 'wasm',
      measured: 2,
      networks: 5,
      proxies: 2,
      parallel: 1,
      totalMin: 20,
    });
    expect(lectureCostText(cost!)).toBe(
      'About 120 s per network per proxy on wasm; 5 networks ≈ 20 min; scores are cached, so a prepared lecture reopens instantly.',
    );
    // Two workers side by side halve the wall time.
    const two = lectureCost([{ ms: 3_000, backend: 'cpu' }], 12, 2, 2)!;
    expect(two.totalMin).toBeCloseTo((12 * 2 * 3) / 2 / 60, 12);
    expect(lectureCostText(two)).toBe(
      'About 3.0 s per network per proxy on cpu; 12 networks ≈ 0.60 min with 2 workers side by side; scores are cached, so a prepared lecture reopens instantly.',
    );
  });

  it('names the backend most scores ran on and ignores times that are not numbers', () => {
    const cost = lectureCost(
      [
        { ms: 1_000, backend: 'cpu' },
        { ms: 2_000, backend: 'wasm' },
        { ms: 3_000, backend: 'wasm' },
        { ms: Number.NaN, backend: 'cpu' },
      ],
      3,
      2,
      0,
    )!;
    expect(cost.backend).toBe('wasm');
    expect(cost.measured).toBe(3);
    expect(cost.perJobS).toBeCloseTo(2, 12);
    expect(cost.parallel).toBe(1);
  });
});
