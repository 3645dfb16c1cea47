import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/prng';
import { finitePairs, kendallTauB, spearman } from './rankCorrelation';

/** τ-b straight from its definition: every pair looked at once. */
function kendallByPairs(x: number[], y: number[]): number {
  let concordant = 0;
  let discordant = 0;
  let onlyX = 0;
  let onlyY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) onlyX++;
      else if (dy === 0) onlyY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  return (
    (concordant - discordant) /
    Math.sqrt((concordant + discordant + onlyX) * (concordant + discordant + onlyY))
  );
}

describe('spearman', () => {
  it('matches values worked out by hand', () => {
    // Ranks x 1..5, y 2,1,4,3,5: Σd² = 4, ρ = 1 − 6·4/(5·24) = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])).toBeCloseTo(0.8, 12);
    // Ties: x midranks 1.5,1.5,3,4; y ranks 1..4; Pearson of the ranks.
    const rx = [1.5, 1.5, 3, 4];
    const ry = [1, 2, 3, 4];
    const mx = 2.5;
    const num = rx.reduce((s, v, i) => s + (v - mx) * (ry[i]! - mx), 0);
    const den = Math.sqrt(
      rx.reduce((s, v) => s + (v - mx) ** 2, 0) * ry.reduce((s, v) => s + (v - mx) ** 2, 0),
    );
    expect(spearman([7, 7, 8, 9], [1, 2, 3, 4])).toBeCloseTo(num / den, 12);
  });

  it('is ±1 for monotone relations and drops non-finite pairs', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(finitePairs([1, Number.NaN, 3, 4], [1, 2, Number.POSITIVE_INFINITY, 4]).x).toEqual([1, 4]);
    expect(spearman([1, 2, Number.NaN, 4, 5], [2, 4, 1, 8, 10])).toBeCloseTo(1, 12);
  });

  it('is NaN when there is nothing to rank', () => {
    expect(spearman([1, 2], [1, 2])).toBeNaN();
    expect(spearman([3, 3, 3], [1, 2, 3])).toBeNaN();
  });
});

describe('kendallTauB', () => {
  it('matches values worked out by hand', () => {
    // 5 pairs: (1,2),(2,1),(3,4),(4,3),(5,5): 2 discordant of 10, τ = (8 − 2)/10.
    expect(kendallTauB([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.6, 12);
    // x = [1,1,2,3], y = [1,2,2,3]: pairs: (0,1) tie x; (0,2) C; (0,3) C; (1,2) tie y; (1,3) C; (2,3) C.
    // τ-b = 4 / sqrt((6 − 1)(6 − 1)) = 0.8.
    expect(kendallTauB([1, 1, 2, 3], [1, 2, 2, 3])).toBeCloseTo(0.8, 12);
  });

  it('equals the pair-by-pair definition on random data with many ties', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(rng() * 200);
      const x = Array.from({ length: n }, () => Math.floor(rng() * 8));
      const y = Array.from({ length: n }, (_, i) => Math.floor(rng() * 5) + (x[i]! > 4 ? 3 : 0));
      expect(kendallTauB(x, y)).toBeCloseTo(kendallByPairs(x, y), 12);
    }
  });

  it('is ±1 for monotone relations and NaN for a constant side', () => {
    expect(kendallTauB([1, 2, 3], [10, 20, 30])).toBeCloseTo(1, 12);
    expect(kendallTauB([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(kendallTauB([1, 1, 1], [3, 2, 1])).toBeNaN();
  });
});
