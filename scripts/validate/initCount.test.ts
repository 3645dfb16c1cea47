import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/util/prng';
import { initCountCurve, initsFor, singleInitAgreement, spearmanBrown } from './initCount';

describe('Spearman–Brown', () => {
  it('matches hand values and inverts', () => {
    expect(spearmanBrown(0.5, 1)).toBe(0.5);
    expect(spearmanBrown(0.5, 3)).toBeCloseTo(0.75, 12); // 1.5 / 2
    expect(spearmanBrown(0.2, 4)).toBeCloseTo(0.5, 12); // 0.8 / 1.6
    expect(initsFor(0.5, 0.8)).toBeCloseTo(4, 12);
    expect(spearmanBrown(0.06, initsFor(0.06, 0.8))).toBeCloseTo(0.8, 12);
    expect(initsFor(0, 0.8)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('the init-count curve', () => {
  it('is 1 at every k when every initialisation gives the same score', () => {
    const same = new Map([
      ['a', [1, 1, 1]],
      ['b', [2, 2, 2]],
      ['c', [3, 3, 3]],
    ]);
    expect(singleInitAgreement(same)).toBe(1);
    const { n, points } = initCountCurve(same, same, 1);
    expect(n).toBe(3);
    expect(points.map((p) => p.measured)).toEqual([1, 1, 1]);
  });

  it('predicts nothing where single initialisations do not agree at all (r₁ ≤ 0)', () => {
    const runA = new Map([
      ['a', [1, 3]],
      ['b', [2, 2]],
      ['c', [3, 1]],
    ]);
    expect(singleInitAgreement(runA)).toBe(-1);
    const { points } = initCountCurve(runA, runA, -1);
    expect(points.map((p) => p.predicted)).toEqual([Number.NaN, Number.NaN]);
  });

  // Score = true value + independent noise of equal variance: one init agrees about 0.5 (Pearson;
  // Spearman on normal data is close), and the measured curve follows Spearman–Brown.
  it('follows Spearman–Brown on signal plus independent noise', () => {
    const random = mulberry32(7);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const run = (truth: number[]) =>
      new Map(truth.map((t, i) => [`n${i}`, Array.from({ length: 8 }, () => t + normal())]));
    const truth = Array.from({ length: 4000 }, normal);
    const a = run(truth);
    const b = run(truth);
    const r1 = singleInitAgreement(a);
    expect(r1).toBeGreaterThan(0.45);
    expect(r1).toBeLessThan(0.53);
    const { points } = initCountCurve(a, b, r1);
    expect(points).toHaveLength(8);
    for (const p of points) expect(Math.abs(p.measured - p.predicted), `k ${p.k}`).toBeLessThan(0.03);
  });
});
