/**
 * The lean gradients against tfjs's own (a second, independent implementation): BatchNorm in
 * train mode, where the gradient also flows through the batch mean and variance, and matMul with
 * every combination of transpose flags, 2-D and batched.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../nn/tf';
import { mulberry32, normal } from '../util/prng';
import { withTrainingGradients } from './trainingGradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function seeded(shape: number[], seed: number): tf.Tensor {
  const rng = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => normal(rng)),
    shape,
  );
}

/** Gradients of Σ w·BN(x) with respect to x, γ and β, BatchNorm with batch statistics. */
function bnGradients(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, w: tf.Tensor): number[][] {
  return tf.tidy(() =>
    tf
      .grads((xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const { mean, variance } = tf.moments(xi, [0, 1, 2]);
        const y = tf.batchNorm4d(
          xi as tf.Tensor4D,
          mean as tf.Tensor1D,
          variance as tf.Tensor1D,
          b as tf.Tensor1D,
          g as tf.Tensor1D,
          1e-5,
        );
        return tf.sum(tf.mul(y, w));
      })([x, gamma, beta])
      .map((t) => Array.from(t.dataSync())),
  );
}

describe('withTrainingGradients', () => {
  it('gives the same BatchNorm gradients as the stock FusedBatchNorm gradient', () => {
    const x = seeded([4, 3, 3, 5], 1) as tf.Tensor4D;
    const gamma = tf.add(seeded([5], 2), 1) as tf.Tensor1D;
    const beta = seeded([5], 3) as tf.Tensor1D;
    const w = seeded([4, 3, 3, 5], 4);
    const stock = bnGradients(x, gamma, beta, w);
    const lean = withTrainingGradients(() => bnGradients(x, gamma, beta, w));
    expect(lean.map((g) => g.length)).toEqual([180, 5, 5]);
    lean.forEach((g, k) => {
      g.forEach((v, i) => {
        expect(v).toBeCloseTo(stock[k]![i]!, 4);
      });
    });
    // Through the batch statistics the gradient w.r.t. x sums to 0 over the batch per channel.
    for (let c = 0; c < 5; c++) {
      const total = lean[0]!.filter((_, i) => i % 5 === c).reduce((a, b) => a + b, 0);
      expect(Math.abs(total)).toBeLessThan(1e-4);
    }
    for (const t of [x, gamma, beta, w]) t.dispose();
  });

  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])('gives the same matMul gradients as the stock one (transposeA %s, transposeB %s)', (ta, tb) => {
    for (const batch of [[], [2, 3]]) {
      const a = seeded([...batch, ...(ta ? [4, 5] : [5, 4])], 5);
      const b = seeded([...batch, ...(tb ? [6, 4] : [4, 6])], 6);
      const w = seeded([...batch, 5, 6], 7);
      const gradients = () =>
        tf.tidy(() =>
          tf
            .grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, ta, tb), w)))([a, b])
            .map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) })),
        );
      const stock = gradients();
      const lean = withTrainingGradients(gradients);
      lean.forEach((g, k) => {
        expect(g.shape).toEqual(stock[k]!.shape);
        g.values.forEach((v, i) => {
          expect(v).toBeCloseTo(stock[k]!.values[i]!, 4);
        });
      });
      for (const t of [a, b, w]) t.dispose();
    }
  });

  it('puts the stock gradients back afterwards, also after an exception', () => {
    const names = [tf.FusedBatchNorm, tf.BatchMatMul];
    const stock = names.map((name) => tf.getGradient(name));
    expect(stock.every((config) => config !== undefined)).toBe(true);
    withTrainingGradients(() => {
      names.forEach((name, i) => {
        expect(tf.getGradient(name)).not.toBe(stock[i]);
      });
    });
    names.forEach((name, i) => {
      expect(tf.getGradient(name)).toBe(stock[i]);
    });
    expect(() =>
      withTrainingGradients(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    names.forEach((name, i) => {
      expect(tf.getGradient(name)).toBe(stock[i]);
    });
  });
});
