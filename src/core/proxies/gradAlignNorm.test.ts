/**
 * gradalign_norm = ‖(1/N) Σ_i g_i/‖g_i‖‖ against answers known without the code under test: closed
 * forms on hand-made gradients (two unit vectors at angle θ average to length cos(θ/2)), and on a
 * linear network z = Wᵀx the per-sample cross-entropy gradients written out in plain JS,
 * g_n = x_n ⊗ (softmax(Wᵀx_n) − e_{y_n}), normalised and averaged in float64.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { freeProblem, GENERIC_LINEAR_CASE, handProblem, linearNet } from '../../test/linearLossProblem';
import type { Batch } from '../data/batch';
import { tf } from '../nn/tf';
import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { gradAlignDetProxy, gradAlignNormProxy, gradAlignProxy } from './gradAlign';
import { gradAlignNormOf, meanUnitGradientNorm } from './gradAlignScore';
import { PROXY_IDS } from './ids';
import { getProxy } from './registry';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('meanUnitGradientNorm on a Gram matrix', () => {
  it('gives cos(θ/2) for two gradients at angle θ, whatever their lengths', () => {
    // g₁ = (1, 0), g₂ = (1, 1): 45° apart; K = [[1, 1], [1, 2]].
    expect(meanUnitGradientNorm([1, 1, 1, 2], 2).value).toBeCloseTo(Math.cos(Math.PI / 8), 12);
    // g₁ = (3, 0), g₂ = (0, 0.5): orthogonal, lengths 3 and ½.
    expect(meanUnitGradientNorm([9, 0, 0, 0.25], 2).value).toBeCloseTo(Math.SQRT1_2, 12);
    // g and −5g cancel once normalised.
    expect(meanUnitGradientNorm([1, -5, -5, 25], 2).value).toBeCloseTo(0, 12);
  });

  it('counts a zero gradient as the zero vector in the mean, and gives NaN when all are zero', () => {
    // (1, 0) and (0, 0): mean of unit vectors (½, 0).
    expect(meanUnitGradientNorm([1, 0, 0, 0], 2)).toEqual({ value: 0.5, zeroGradients: 1 });
    const none = meanUnitGradientNorm([0, 0, 0, 0], 2);
    expect(none.value).toBeNaN();
    expect(none.zeroGradients).toBe(2);
  });
});

describe('gradalign_norm of a linear network against per-sample gradients in plain JS', () => {
  const run = async (w: number[], x: number[], y: number[], d: number, c: number) => {
    const p = handProblem(linearNet(d, c), { 'fc.weight': w }, x, y);
    const out = await gradAlignNormOf(p);
    freeProblem(p);
    return out;
  };

  it('W = 0, two classes: identical, g g −g, orthogonal and opposite gradients', async () => {
    // g_n = x_n ⊗ (½ − [y_n = 0], ½ − [y_n = 1]).
    expect((await run([0, 0, 0, 0], [1, 0, 1, 0], [0, 0], 2, 2)).value).toBeCloseTo(1, 6);
    expect((await run([0, 0, 0, 0], [1, 0, 1, 0, 1, 0], [0, 0, 1], 2, 2)).value).toBeCloseTo(1 / 3, 6);
    expect((await run([0, 0, 0, 0], [1, 0, 0, 1], [0, 0], 2, 2)).value).toBeCloseTo(Math.SQRT1_2, 6);
    expect((await run([0, 0, 0, 0], [1, 0, 1, 0], [0, 1], 2, 2)).value).toBeCloseTo(0, 6);
  });

  it('a generic case: 3 inputs, 4 classes, 5 samples', async () => {
    const d = 3;
    const c = 4;
    const { X, Y, W } = GENERIC_LINEAR_CASE;
    // Per sample: z = Wᵀx, r = softmax(z) − e_y, g = x ⊗ r (the [d, c] layout of W, flattened).
    const mean = new Array<number>(d * c).fill(0);
    X.forEach((x, n) => {
      const z = Array.from({ length: c }, (_, k) => x.reduce((s, xi, i) => s + xi * W[i]![k]!, 0));
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const total = e.reduce((a, b) => a + b, 0);
      const r = e.map((v, k) => v / total - (k === Y[n] ? 1 : 0));
      const g = x.flatMap((xi) => r.map((rk) => xi * rk));
      const length = Math.hypot(...g);
      g.forEach((v, j) => {
        mean[j]! += v / length / X.length;
      });
    });
    const expected = Math.hypot(...mean);
    const out = await run(W.flat(), X.flat(), Y, d, c);
    expect(out.warnings).toEqual([]);
    expect(Math.abs(out.value - expected)).toBeLessThan(1e-5);
    expect(out.value).toBeGreaterThan(0.1);
    expect(out.value).toBeLessThan(1);
  });
});

describe('gradalign_norm in the registry', () => {
  it('sits after gradalign_det, on NB201 and ViTs, with the ViT initialisation there', () => {
    expect(PROXY_IDS.indexOf('gradalign_norm')).toBe(PROXY_IDS.indexOf('gradalign_det') + 1);
    expect(getProxy('gradalign_norm')).toBe(gradAlignNormProxy);
    expect(gradAlignNormProxy.spaces).toEqual(['nb201', 'vit']);
    expect(gradAlignNormProxy.familyDefaults).toBe(VIT_INIT_BY_FAMILY);
    expect(gradAlignNormProxy.defaults).toEqual(gradAlignProxy.defaults);
    expect(gradAlignNormProxy.formula).toContain('‖(1/N) Σ_i g_i/‖g_i‖‖');
  });

  it('shares the per-sample gradients of gradalign and gradalign_det of the same job', async () => {
    const network = linearNet(3, 4);
    const batch: Batch = {
      x: Float32Array.from([0.5, -1.2, 0.3, 1.1, 0.4, -0.7, -0.3, 0.9, 1.5, 0.8, -0.6, -1.1]),
      y: Int32Array.from([2, 0, 3, 1]),
      n: 4,
      shape: [3],
      spec: 'gradalign_norm sharing test',
    };
    const input = { network, seed: 5, params: { init: 'pytorch' }, batch };
    const alone = await gradAlignNormProxy.compute({ ...input, batch: { ...batch, spec: 'another spec' } });
    await gradAlignProxy.compute(input);
    let norm: Awaited<ReturnType<typeof gradAlignNormProxy.compute>> | undefined;
    const profile = await tf.profile(async () => {
      norm = await gradAlignNormProxy.compute(input);
      await gradAlignDetProxy.compute(input);
    });
    // The Gram of the first job serves both: no gradient or matMul kernel runs again.
    expect(profile.kernels).toHaveLength(0);
    expect(norm?.value).toBe(alone.value);
  });
});
