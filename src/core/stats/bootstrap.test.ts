import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, normal } from '../util/prng';
import {
  bootstrapKendall,
  bootstrapPaired,
  bootstrapSpearman,
  defaultResamples,
  topKHits,
} from './bootstrap';
import { kendallTauB, spearman } from './rankCorrelation';

/** Midrank of each value by counting (O(n²)): #below + (#equal + 1)/2. */
function midranksByCounting(v: readonly number[]): number[] {
  return v.map((a) => v.filter((b) => b < a).length + (v.filter((b) => b === a).length + 1) / 2);
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  a.forEach((v, i) => {
    sab += (v - ma) * (b[i]! - mb);
    saa += (v - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb); // 0/0 = NaN for a constant side
}

const spearmanByHand = (x: readonly number[], y: readonly number[]) =>
  pearson(midranksByCounting(x), midranksByCounting(y));

/** τ-b from its definition, every pair once. */
function kendallByHand(x: readonly number[], y: readonly number[]): number {
  let c = 0;
  let d = 0;
  let onlyX = 0;
  let onlyY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) onlyX++;
      else if (dy === 0) onlyY++;
      else if (dx === dy) c++;
      else d++;
    }
  }
  return (c - d) / Math.sqrt((c + d + onlyX) * (c + d + onlyY));
}

/** Type-7 quantile (numpy's default): linear between order statistics at (m − 1)·p. */
function quantileType7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The documented procedure replayed: same stream, explicit resamples, statistics by hand. */
function bootstrapByHand(
  x: readonly number[],
  y: readonly number[],
  stat: (a: number[], b: number[]) => number,
  resamples: number,
  seed: number,
) {
  const rng = mulberry32(deriveSeed(seed, 'bootstrap'));
  const n = x.length;
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const idx = Array.from({ length: n }, () => Math.floor(rng() * n));
    const v = stat(
      idx.map((i) => x[i]!),
      idx.map((i) => y[i]!),
    );
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  return { low: quantileType7(values, 0.025), high: quantileType7(values, 0.975), kept: values.length };
}

function correlated(n: number, seed: number, noise: number): { x: number[]; y: number[] } {
  const rng = mulberry32(seed);
  const x = Array.from({ length: n }, () => normal(rng));
  const y = x.map((v) => v + noise * normal(rng));
  return { x, y };
}

describe('bootstrap intervals', () => {
  // Six pairs with ties on both sides, so small resamples often come out constant (NaN, dropped).
  const x = [1, 2, 2, 3, 5, 8];
  const y = [2, 1, 3, 3, 4, 9];

  it('equal an explicit by-hand replay of the same resamples (Spearman and Kendall)', () => {
    const B = 57;
    const hs = bootstrapByHand(x, y, spearmanByHand, B, 7);
    const s = bootstrapSpearman(x, y, { resamples: B, seed: 7 });
    expect(s.estimate).toBeCloseTo(spearmanByHand(x, y), 12);
    expect(s.low).toBeCloseTo(hs.low, 12);
    expect(s.high).toBeCloseTo(hs.high, 12);
    expect(s.resamples).toBe(hs.kept);
    expect(s.n).toBe(6);
    expect(s.level).toBe(0.95);

    const hk = bootstrapByHand(x, y, kendallByHand, B, 7);
    const k = bootstrapKendall(x, y, { resamples: B, seed: 7 });
    expect(k.estimate).toBeCloseTo(kendallByHand(x, y), 12);
    expect(k.low).toBeCloseTo(hk.low, 12);
    expect(k.high).toBeCloseTo(hk.high, 12);
    expect(k.resamples).toBe(hk.kept);
  });

  it('Spearman fast path (counts, no sorting) equals resampling explicitly with spearman()', () => {
    const rng = mulberry32(3);
    const n = 300;
    // Heavy ties on both sides.
    const xs = Array.from({ length: n }, () => Math.floor(rng() * 12));
    const ys = xs.map((v) => Math.floor(v / 3 + rng() * 4));
    const fast = bootstrapSpearman(xs, ys, { resamples: 120, seed: 11 });
    const slow = bootstrapPaired(xs, ys, spearman, { resamples: 120, seed: 11 });
    expect(fast.estimate).toBeCloseTo(spearman(xs, ys), 12);
    expect(fast.low).toBeCloseTo(slow.low, 12);
    expect(fast.high).toBeCloseTo(slow.high, 12);
    expect(fast.resamples).toBe(120);
  });

  it('drops non-finite pairs before resampling', () => {
    const a = bootstrapSpearman([1, Number.NaN, ...x], [5, 2, ...y], { resamples: 50, seed: 2 });
    const b = bootstrapSpearman([1, ...x], [5, ...y], { resamples: 50, seed: 2 });
    expect(a).toEqual(b);
    expect(a.n).toBe(7);
  });

  it('contains the estimate, is deterministic per seed, and changes with the seed', () => {
    const d = correlated(200, 5, 1);
    for (const f of [bootstrapSpearman, bootstrapKendall]) {
      const r = f(d.x, d.y, { resamples: 300, seed: 42 });
      expect(r.low).toBeLessThan(r.estimate);
      expect(r.high).toBeGreaterThan(r.estimate);
      expect(f(d.x, d.y, { resamples: 300, seed: 42 })).toEqual(r);
      const other = f(d.x, d.y, { resamples: 300, seed: 43 });
      expect(other.estimate).toBe(r.estimate);
      expect(other.low).not.toBe(r.low);
    }
    expect(bootstrapKendall(d.x, d.y, { resamples: 300, seed: 42 }).estimate).toBeCloseTo(
      kendallTauB(d.x, d.y),
      12,
    );
  });

  it('shrinks roughly like 1/√n', () => {
    const width = (n: number) => {
      const d = correlated(n, 9, 1);
      const r = bootstrapSpearman(d.x, d.y, { resamples: 400, seed: 1 });
      return r.high - r.low;
    };
    const w50 = width(50);
    const w800 = width(800);
    // √(800/50) = 4; allow Monte-Carlo slack.
    expect(w50 / w800).toBeGreaterThan(2.5);
    expect(w50 / w800).toBeLessThan(6);
  });

  it('gives NaN bounds without throwing on degenerate input', () => {
    const cases: [number[], number[]][] = [
      [[], []],
      [[1], [2]],
      [
        [1, 2],
        [2, 1],
      ],
      [
        [3, 3, 3, 3],
        [1, 2, 3, 4],
      ],
      [
        [1, 2, 3, 4],
        [5, 5, 5, 5],
      ],
      [
        [Number.NaN, 1, Number.POSITIVE_INFINITY, 2],
        [1, 2, 3, Number.NaN],
      ],
    ];
    for (const [a, b] of cases) {
      for (const f of [bootstrapSpearman, bootstrapKendall]) {
        const r = f(a, b, { resamples: 20 });
        expect(r.low).toBeNaN();
        expect(r.high).toBeNaN();
        expect(r.resamples).toBe(0);
      }
    }
    // Kendall exists for 2 pairs, but no interval is drawn below 3.
    const two = bootstrapKendall([1, 2], [2, 1]);
    expect(two.estimate).toBeCloseTo(-1, 12);
    expect(two.n).toBe(2);
    expect(() => bootstrapSpearman([1, 2, 3], [1, 2], {})).toThrow(RangeError);
  });

  it('lowers the default Kendall resample count only for large n', () => {
    expect(defaultResamples(500, 'kendall')).toBe(1000);
    expect(defaultResamples(15_625, 'kendall')).toBe(200);
    expect(defaultResamples(15_625, 'spearman')).toBe(1000);
  });
});

/** All orders of indices with values non-increasing: the equally likely random tie-breaks. */
function tieBreakOrders(values: readonly number[]): number[][] {
  const out: number[][] = [];
  const permute = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) {
      if (prefix.every((v, i) => i === 0 || values[prefix[i - 1]!]! >= values[v]!)) out.push(prefix);
      return;
    }
    rest.forEach((v, i) => {
      permute([...prefix, v], [...rest.slice(0, i), ...rest.slice(i + 1)]);
    });
  };
  permute(
    [],
    values.map((_, i) => i),
  );
  return out;
}

function topKHitsByEnumeration(proxy: readonly number[], truth: readonly number[], k: number): number {
  const ps = tieBreakOrders(proxy);
  const ts = tieBreakOrders(truth);
  let total = 0;
  for (const p of ps) {
    for (const t of ts) {
      const top = new Set(t.slice(0, k));
      total += p.slice(0, k).filter((i) => top.has(i)).length;
    }
  }
  return total / (ps.length * ts.length);
}

describe('topKHits', () => {
  it('counts overlaps of the two top-k sets without ties', () => {
    // Proxy top 3: indices 5, 4, 3; truth top 3: 5, 0, 3 → 2 hits.
    const proxy = [1, 2, 3, 4, 5, 6];
    const truth = [50, 10, 20, 30, 5, 60];
    expect(topKHits(proxy, truth, 3)).toEqual({ hits: 2, k: 3, n: 6 });
    expect(topKHits(proxy, truth, 1).hits).toBe(1);
    expect(topKHits(proxy, truth, 0).hits).toBe(0);
    expect(topKHits(proxy, truth, 99)).toEqual({ hits: 6, k: 6, n: 6 });
  });

  it('averages over random tie-breaks at the boundary', () => {
    // Proxy: three-way tie straddling k = 2 (indices 1, 2, 3 at value 5, index 0 alone at 9).
    const proxy = [9, 5, 5, 5, 1, 0];
    const truth = [1, 8, 7, 0, 9, 2];
    // By hand: index 0 is in proxy top 2 surely, not in truth top 2 (4, 1); index 1 is in proxy's top 2
    // with probability 1/3 and in truth's surely → 1/3.
    expect(topKHits(proxy, truth, 2).hits).toBeCloseTo(1 / 3, 12);
    for (const k of [1, 2, 3, 4, 5]) {
      expect(topKHits(proxy, truth, k).hits).toBeCloseTo(topKHitsByEnumeration(proxy, truth, k), 12);
    }
    // Ties on both sides.
    const p2 = [3, 3, 2, 2, 2, 1];
    const t2 = [1, 4, 4, 2, 4, 0];
    for (const k of [1, 2, 3, 4]) {
      expect(topKHits(p2, t2, k).hits).toBeCloseTo(topKHitsByEnumeration(p2, t2, k), 12);
    }
  });

  it('drops non-finite pairs and ignores row order', () => {
    const r = topKHits([Number.NaN, 4, 3, 2, 1], [9, 1, 2, 3, 4], 2);
    expect(r).toEqual({ hits: 0, k: 2, n: 4 });
    const a = topKHits([9, 5, 5, 5, 1], [1, 8, 7, 0, 9], 2).hits;
    const b = topKHits([5, 5, 1, 9, 5], [0, 7, 9, 1, 8], 2).hits;
    expect(a).toBeCloseTo(b, 12);
  });
});
