import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigen } from '../kernels/eigen';
import { tf } from '../nn/tf';
import { defaultFlatten, precondComparison, precondProblems, topFlattenedPreconditioner } from './precondGd';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('preconditioned GD (Geifman et al., our reading)', () => {
  it('S scales the top k′ eigenvectors by λ_k′/λ_i and leaves the others alone', () => {
    // K = Q diag(8, 4, 2, 1) Qᵀ with Q a rotation in the (0, 1) and (2, 3) planes; k′ = 3 → g = 2.
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const q = [
      [c, -s, 0, 0],
      [s, c, 0, 0],
      [0, 0, c, s],
      [0, 0, -s, c],
    ];
    const lambdas = [8, 4, 2, 1];
    const k = new Float64Array(16);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        for (let m = 0; m < 4; m++) k[i * 4 + j] = k[i * 4 + j]! + q[i]![m]! * lambdas[m]! * q[j]![m]!;
      }
    }
    const { values, vectors } = symmetricEigen(k, 4);
    const pre = topFlattenedPreconditioner(values, vectors, 4, 3);
    const expectedScale = [2 / 8, 2 / 4, 1, 1];
    for (let m = 0; m < 4; m++) {
      const column = q.map((row) => row[m]!);
      const out = tf.tidy(() => pre.apply(tf.tensor2d(column, [4, 1])).dataSync());
      column.forEach((v, i) => {
        expect(out[i]!).toBeCloseTo(expectedScale[m]! * v, 5);
      });
    }
    pre.dispose();
    expect(defaultFlatten([1, 3], 8)).toBe(7);
    expect(() => topFlattenedPreconditioner([1, 0, 0], new Float64Array(9), 3, 2)).toThrow(/not positive/);
  });

  it('preconditioned GD reaches the threshold in fewer iterations than GD for the highest k and ends at the same function', async () => {
    // 8 points on the circle, width 512, y = cos(3t) (k = 3 is the highest below n/2 = 4), MSE
    // threshold 1e-4, both methods at 0.25 of their own stability limit.
    const out = await precondComparison({
      n: 8,
      width: 512,
      frequencies: [3],
      threshold: 1e-4,
      maxIterations: 3000,
      seed: 0,
    });
    expect(out.flatten).toBe(7);
    const [k3] = out.frequencies;
    const gd = k3!.gd.iterationsToThreshold;
    const pre = k3!.preconditioned.iterationsToThreshold;
    // Linearised, GD needs about λ_1/λ_k times the steps of the preconditioned run, which has k = 3
    // among its flattened directions (measured with seeds 0–2: 1044–1469 steps against 10–13).
    expect(pre).not.toBeNull();
    expect(gd).not.toBeNull();
    expect(pre!).toBeLessThan(gd! / 10);
    expect(k3!.gd.finalMse).toBeLessThanOrEqual(1e-4);
    expect(k3!.preconditioned.finalMse).toBeLessThanOrEqual(1e-4);
    // Same function, on the 32 evaluation points (the training points and three between each pair):
    // tolerance 0.1 on a target of amplitude 1. At the threshold each run is within an RMS 0.01 of y
    // on the training points; between them the linear theory says the two interpolants coincide (both
    // updates lie in the span of Jᵀ), and what is left is the finite-width net's departure from its
    // linearisation, which differs between many small steps and a few large ones: measured 0.038,
    // 0.029 and 0.025 with seeds 0–2 (0.03–0.06 at width 1024 with threshold 1e-3).
    expect(k3!.gd.values).toHaveLength(32);
    expect(k3!.maxDifference).toBeLessThan(0.1);
    // Not trivially equal: both have moved from 0 to the target.
    const peak = Math.max(...k3!.preconditioned.values);
    expect(peak).toBeGreaterThan(0.9);
  });

  it('names every problem of a bad request in plain words', () => {
    const problems = precondProblems({
      n: 8,
      width: 0,
      frequencies: [4, 1.5],
      threshold: 0,
      maxIterations: 0,
      seed: -1,
      flatten: 9,
      lrFraction: 1,
    }).join(' | ');
    expect(problems).toMatch(/width must be an integer/);
    expect(problems).toMatch(/frequency k must be an integer from 0 to 3 .* got 4/);
    expect(problems).toMatch(/got 1\.5/);
    expect(problems).toMatch(/threshold must be a positive number/);
    expect(problems).toMatch(/iteration cap/);
    expect(problems).toMatch(/seed must be an integer/);
    expect(problems).toMatch(/flattened directions k' must be an integer from 1 to 8/);
    expect(problems).toMatch(/fraction of the stability limit must be in \(0, 1\)/);
  });
});
