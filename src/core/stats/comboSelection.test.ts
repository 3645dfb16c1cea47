import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/prng';
import type { ComponentScores } from './combo';
import { comboOn, forwardSelect, selectCombo, splitHalves } from './comboSelection';
import { spearman } from './rankCorrelation';

describe('splitHalves', () => {
  it('splits n cells into ⌊n/2⌋ and the rest, disjoint, covering, and the same for the same seed', () => {
    for (const n of [0, 1, 7, 8, 383]) {
      const { selection, heldOut } = splitHalves(n, 5);
      expect(selection).toHaveLength(Math.floor(n / 2));
      expect(heldOut).toHaveLength(n - Math.floor(n / 2));
      expect([...selection, ...heldOut].sort((a, b) => a - b)).toEqual(
        Array.from({ length: n }, (_, i) => i),
      );
      expect(splitHalves(n, 5)).toEqual({ selection, heldOut });
    }
    expect(splitHalves(100, 1).selection).not.toEqual(splitHalves(100, 2).selection);
  });
});

/**
 * 400 cells, five proxies. Accuracy = log(a·b) for a, b uniform on (0, 1); proxy "a" is a (higher is
 * better), proxy "inv_b" is 1/b (lower is better); "a_noisy" is a plus noise (a distractor that agrees
 * with accuracy but adds nothing to "a"); "noise1" and "noise2" are unrelated.
 */
function synthetic(seed: number) {
  const rng = mulberry32(seed);
  const n = 400;
  const a = Array.from({ length: n }, () => 0.001 + 0.998 * rng());
  const b = Array.from({ length: n }, () => 0.001 + 0.998 * rng());
  const scores: ComponentScores = new Map([
    ['noise1', a.map(() => rng())],
    ['a_noisy', a.map((v) => v + 0.6 * rng())],
    ['inv_b', b.map((v) => 1 / v)],
    ['noise2', a.map(() => rng())],
    ['a', a],
  ]);
  const accuracy = a.map((v, i) => Math.log(v * b[i]!));
  return { scores, accuracy, higherIsBetter: (id: string) => id !== 'inv_b' };
}

describe('selectCombo on data where accuracy depends on two of five proxies', () => {
  it('picks those two, and their combo beats the best single proxy on the held-out half', () => {
    for (const seed of [1, 2, 3]) {
      const { scores, accuracy, higherIsBetter } = synthetic(seed);
      const result = selectCombo(scores, higherIsBetter, accuracy, { seed });
      expect([...result.components].sort()).toEqual(['a', 'inv_b']);
      expect(result.steps.map((s) => s.rho)).toEqual(
        [...result.steps.map((s) => s.rho)].sort((x, y) => x - y),
      );
      expect(result.combo.heldOutN).toBe(200);
      expect(result.combo.heldOutRho).toBeGreaterThan(0.95);
      expect(result.combo.heldOutRho).toBeGreaterThan(result.bestSingle.heldOutRho);
      expect(result.components[0]).toBe(result.bestSingle.component);
    }
  });

  it('stops at maxComponents', () => {
    const { scores, accuracy, higherIsBetter } = synthetic(1);
    const one = selectCombo(scores, higherIsBetter, accuracy, { seed: 1, maxComponents: 1 });
    expect(one.components).toHaveLength(1);
    expect(one.combo).toEqual({
      selectionRho: one.bestSingle.selectionRho,
      heldOutRho: one.bestSingle.heldOutRho,
      heldOutN: one.bestSingle.heldOutN,
    });
    expect(() => forwardSelect(scores, higherIsBetter, accuracy, [0, 1, 2], 0)).toThrow(RangeError);
  });
});

describe('the held-out half', () => {
  const { scores, accuracy, higherIsBetter } = synthetic(7);
  const base = selectCombo(scores, higherIsBetter, accuracy, { seed: 7 });
  const inSelection = new Set(base.split.selection);

  it('gives the same held-out ρ when only the selection half’s accuracies move (the choice unchanged)', () => {
    const rng = mulberry32(99);
    const moved = accuracy.map((v, i) => (inSelection.has(i) ? v + 0.05 * (rng() - 0.5) : v));
    const again = selectCombo(scores, higherIsBetter, moved, { seed: 7 });
    expect(again.components).toEqual(base.components);
    expect(again.combo.selectionRho).not.toBe(base.combo.selectionRho);
    expect(again.combo.heldOutRho).toBe(base.combo.heldOutRho);
    expect(again.bestSingle.heldOutRho).toBe(base.bestSingle.heldOutRho);
  });

  it('ranks its cells among themselves: scores on the selection half do not touch them', () => {
    const scrambled: ComponentScores = new Map(
      [...scores].map(([id, values]) => [id, values.map((v, i) => (inSelection.has(i) ? -1e9 * v : v))]),
    );
    expect(comboOn(scrambled, higherIsBetter, base.components, base.split.heldOut)).toEqual(
      comboOn(scores, higherIsBetter, base.components, base.split.heldOut),
    );
    // The held-out ρ is that combo against the held-out accuracies, nothing else.
    expect(base.combo.heldOutRho).toBe(
      spearman(
        comboOn(scores, higherIsBetter, base.components, base.split.heldOut),
        base.split.heldOut.map((c) => accuracy[c]!),
      ),
    );
  });

  it('is never looked at when choosing: scrambling its accuracies changes no choice', () => {
    const rng = mulberry32(3);
    const scrambled = accuracy.map((v, i) => (inSelection.has(i) ? v : rng()));
    const again = selectCombo(scores, higherIsBetter, scrambled, { seed: 7 });
    expect(again.steps).toEqual(base.steps);
    expect(again.combo.heldOutRho).toBeLessThan(0.3);
  });
});
