import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/util/prng';
import { buildPointGrid, nearestPointIndex, pointIndicesInRect } from './pointGrid';

function bruteNearest(
  xs: Float64Array,
  ys: Float64Array,
  qx: number,
  qy: number,
  maxDistance: number,
): number {
  let best = -1;
  let bestSq = Number.POSITIVE_INFINITY;
  for (let i = 0; i < xs.length; i++) {
    const d = (xs[i]! - qx) ** 2 + (ys[i]! - qy) ** 2;
    if (d < bestSq) {
      bestSq = d;
      best = i;
    }
  }
  return bestSq <= maxDistance * maxDistance ? best : -1;
}

/** Uniform points plus a tight cluster and exact duplicates (ties go to the lower index). */
function samplePoints(seed: number, n: number) {
  const rng = mulberry32(seed);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i % 5 === 0) {
      xs[i] = 300 + rng() * 4;
      ys[i] = 120 + rng() * 4;
    } else if (i % 7 === 0) {
      xs[i] = xs[i - 1]!;
      ys[i] = ys[i - 1]!;
    } else {
      xs[i] = rng() * 640;
      ys[i] = rng() * 400;
    }
  }
  return { xs, ys, rng };
}

describe('nearestPointIndex', () => {
  it('equals a brute-force search for random queries, inside and outside the points, any radius', () => {
    const { xs, ys, rng } = samplePoints(7, 1500);
    for (const cellSize of [5, 16, 90]) {
      const grid = buildPointGrid(xs, ys, cellSize);
      for (let q = 0; q < 300; q++) {
        const qx = -100 + rng() * 840;
        const qy = -100 + rng() * 600;
        for (const radius of [Infinity, 12, 0.5]) {
          expect(nearestPointIndex(grid, qx, qy, radius)).toBe(bruteNearest(xs, ys, qx, qy, radius));
        }
      }
      // A query exactly on a duplicated point returns the first copy.
      expect(nearestPointIndex(grid, xs[13]!, ys[13]!)).toBe(
        bruteNearest(xs, ys, xs[13]!, ys[13]!, Infinity),
      );
    }
  });

  it('returns −1 for an empty set', () => {
    const grid = buildPointGrid(new Float64Array(0), new Float64Array(0));
    expect(nearestPointIndex(grid, 1, 1)).toBe(-1);
  });
});

describe('pointIndicesInRect', () => {
  it('equals a brute-force filter for random rectangles, partly outside the points too', () => {
    const { xs, ys, rng } = samplePoints(11, 1500);
    const grid = buildPointGrid(xs, ys, 16);
    for (let r = 0; r < 200; r++) {
      const xa = -50 + rng() * 740;
      const xb = -50 + rng() * 740;
      const ya = -50 + rng() * 500;
      const yb = -50 + rng() * 500;
      const rect = { x0: Math.min(xa, xb), x1: Math.max(xa, xb), y0: Math.min(ya, yb), y1: Math.max(ya, yb) };
      const expected: number[] = [];
      for (let i = 0; i < xs.length; i++) {
        if (xs[i]! >= rect.x0 && xs[i]! <= rect.x1 && ys[i]! >= rect.y0 && ys[i]! <= rect.y1)
          expected.push(i);
      }
      expect(pointIndicesInRect(grid, rect)).toEqual(expected);
    }
  });
});
