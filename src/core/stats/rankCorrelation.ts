/**
 * Rank correlations between a proxy and accuracy (or another proxy). Spearman's ρ on midranks comes
 * from simple-statistics; Kendall's τ-b (ties in either variable corrected, as scipy.stats.kendalltau)
 * is counted here with Knight's O(n log n) merge sort, since no well-kept package ships it.
 * Pairs where either value is not finite are dropped first; n says how many remain.
 */
import { sampleRankCorrelation } from 'simple-statistics';

export interface Paired {
  x: number[];
  y: number[];
}

/** The pairs where both values are finite numbers. */
export function finitePairs(x: readonly number[], y: readonly number[]): Paired {
  if (x.length !== y.length)
    throw new RangeError(`paired arrays differ in length: ${x.length} vs ${y.length}`);
  const out: Paired = { x: [], y: [] };
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      out.x.push(a);
      out.y.push(b);
    }
  }
  return out;
}

function isConstant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/** Spearman's ρ of the finite pairs; NaN with fewer than 3 pairs or a constant side. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const p = finitePairs(x, y);
  if (p.x.length < 3 || isConstant(p.x) || isConstant(p.y)) return Number.NaN;
  return sampleRankCorrelation(p.x, p.y);
}

/** Pairs (i < j) tied within runs of equal values of a sorted array: Σ t(t−1)/2. */
function tiedPairs(sorted: readonly number[]): number {
  let total = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      total += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return total;
}

/** Sorts values in place (stable merge sort) and returns the number of swaps an insertion sort would do. */
function countInversions(values: number[]): number {
  const buffer = new Array<number>(values.length);
  let swaps = 0;
  for (let width = 1; width < values.length; width *= 2) {
    for (let lo = 0; lo < values.length; lo += 2 * width) {
      const mid = Math.min(lo + width, values.length);
      const hi = Math.min(lo + 2 * width, values.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (values[j]! < values[i]!) {
          swaps += mid - i;
          buffer[k++] = values[j++]!;
        } else buffer[k++] = values[i++]!;
      }
      while (i < mid) buffer[k++] = values[i++]!;
      while (j < hi) buffer[k++] = values[j++]!;
      for (let t = lo; t < hi; t++) values[t] = buffer[t]!;
    }
  }
  return swaps;
}

/** Kendall's τ-b of the finite pairs; NaN with fewer than 2 pairs or a constant side. */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  const p = finitePairs(x, y);
  const n = p.x.length;
  if (n < 2 || isConstant(p.x) || isConstant(p.y)) return Number.NaN;
  // Sort by x, then y: ties in x come with their y in order, so they add no inversions.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p.x[a]! - p.x[b]! || p.y[a]! - p.y[b]!);
  const xs = order.map((i) => p.x[i]!);
  const ys = order.map((i) => p.y[i]!);
  const total = (n * (n - 1)) / 2;
  const tiesX = tiedPairs(xs);
  // Pairs tied in both x and y.
  let tiesXY = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && xs[i] === xs[i - 1] && ys[i] === ys[i - 1]) run++;
    else {
      tiesXY += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const discordant = countInversions(ys); // ys is now sorted
  const tiesY = tiedPairs(ys);
  // Concordant − discordant over pairs not tied in x or y.
  const difference = total - tiesX - tiesY + tiesXY - 2 * discordant;
  return difference / Math.sqrt((total - tiesX) * (total - tiesY));
}
