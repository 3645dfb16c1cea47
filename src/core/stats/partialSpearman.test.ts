/**
 * The partial ρ against a different algorithm: the Pearson correlation of the residuals of rank(x)
 * and rank(y) after a least-squares line on rank(z) (the definition of a partial correlation,
 * applied to ranks), computed here from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapPartialSpearman, partialSpearman } from './partialSpearman';

/** Midranks, 1-based. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

function mean(v: readonly number[]) {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

function residuals(y: readonly number[], x: readonly number[]): number[] {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const slope = sxy / sxx;
  return y.map((v, i) => v - my - slope * (x[i]! - mx));
}

function pearson(a: readonly number[], b: readonly number[]) {
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

function byResiduals(x: number[], y: number[], z: number[]) {
  const rz = ranks(z);
  return pearson(residuals(ranks(x), rz), residuals(ranks(y), rz));
}

describe('partialSpearman', () => {
  it('equals the correlation of rank residuals on z', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 30 }),
            fc.integer({ min: 0, max: 30 }),
            fc.integer({ min: 0, max: 30 }),
          ),
          {
            minLength: 6,
            maxLength: 40,
          },
        ),
        (rows) => {
          const x = rows.map((r) => r[0]);
          const y = rows.map((r) => r[1]);
          const z = rows.map((r) => r[2]);
          const expected = byResiduals(x, y, z);
          const got = partialSpearman(x, y, z);
          if (!Number.isFinite(expected)) return true; // a constant side: no defined value either way
          expect(got).toBeCloseTo(expected, 9);
          return true;
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });

  it('is near 0 for a proxy that only tracks size, and keeps what size does not explain', () => {
    const size = Array.from({ length: 200 }, (_, i) => i);
    // accuracy = size + a part size does not explain; the proxy tracks size alone
    const extra = size.map(
      (i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453),
    );
    const accuracy = size.map((s, i) => s + 150 * extra[i]!);
    expect(
      partialSpearman(
        size.map((s) => s * 2),
        accuracy,
        size,
      ),
    ).toBeNaN(); // proxy = size exactly
    const noisySize = size.map((s, i) => s + (i % 2)); // size plus a little unrelated
    expect(Math.abs(partialSpearman(noisySize, accuracy, size))).toBeLessThan(0.2);
    expect(partialSpearman(extra, accuracy, size)).toBeGreaterThan(0.8);
  });

  it('drops non-finite triples and gives a seeded bootstrap interval around the estimate', () => {
    const z = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
    const y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5];
    const withGap = [...x, Number.NaN];
    expect(partialSpearman(withGap, [...y, 1], [...z, 13])).toBe(partialSpearman(x, y, z));
    const a = bootstrapPartialSpearman(x, y, z, { seed: 3, resamples: 200 });
    const b = bootstrapPartialSpearman(x, y, z, { seed: 3, resamples: 200 });
    expect(a).toEqual(b);
    expect(a.estimate).toBe(partialSpearman(x, y, z));
    expect(a.low).toBeLessThanOrEqual(a.estimate);
    expect(a.high).toBeGreaterThanOrEqual(a.estimate);
    expect(a.n).toBe(12);
  });
});
