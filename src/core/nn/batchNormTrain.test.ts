import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, normal } from '../util/prng';
import { batchNormTrain } from './batchNormTrain';
import { tf } from './tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function random(shape: number[], seed: number, offset = 0): tf.Tensor {
  const rng = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => offset + normal(rng)),
    shape,
  );
}

/** The same BatchNorm composed by autodiff: tf.moments and tf.batchNorm4d (the previous route). */
function composed(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return tf.batchNorm4d(
    x as tf.Tensor4D,
    mean as tf.Tensor1D,
    variance as tf.Tensor1D,
    beta as tf.Tensor1D,
    gamma as tf.Tensor1D,
    1e-5,
  );
}

type Norm = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor;
const fused: Norm = (x, gamma, beta) =>
  batchNormTrain(x as tf.Tensor4D, gamma as tf.Tensor1D, beta as tf.Tensor1D, 1e-5);

function maxRelative(a: tf.Tensor, b: tf.Tensor): number {
  const [p, q] = [a.dataSync(), b.dataSync()];
  const scale = Math.max(...Array.from(q, Math.abs), 1e-12);
  return Math.max(...Array.from(p, (v, i) => Math.abs(v - q[i]!))) / scale;
}

describe('train-mode BatchNorm as one op', () => {
  const x = random([5, 3, 4, 6], 1, 0.7);
  const gamma = random([6], 2, 1);
  const beta = random([6], 3);
  const w = random([5, 3, 4, 6], 4);

  it('computes what tf.moments + tf.batchNorm4d compute, forward and backward', () => {
    expect(maxRelative(fused(x, gamma, beta), composed(x, gamma, beta))).toBeLessThan(1e-5);
    const loss = (bn: Norm) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(w, tf.square(bn(a, g, b))));
    const ours = tf.grads(loss(fused))([x, gamma, beta]);
    const theirs = tf.grads(loss(composed))([x, gamma, beta]);
    ours.forEach((g, k) => {
      expect(maxRelative(g, theirs[k]!), ['x', 'gamma', 'beta'][k]).toBeLessThan(1e-4);
    });
  });

  it('differentiates twice like the composed op, in x, γ and β (grasp takes a Hessian-vector product)', () => {
    // Every partial of batchNormBackward.ts's written-out second derivatives is exercised: the
    // direction moves x, γ and β, and dy = 2w ⊙ BN(x) depends on all three.
    const direction = [random([5, 3, 4, 6], 5), random([6], 6), random([6], 7)];
    const hvp = (bn: Norm) =>
      tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const first = tf.grads((p: tf.Tensor, q: tf.Tensor, r: tf.Tensor) =>
          tf.sum(tf.mul(w, tf.square(bn(p, q, r)))),
        )([a, g, b]);
        return tf.addN(first.map((d, k) => tf.sum(tf.mul(direction[k]!, d))));
      })([x, gamma, beta]);
    const ours = hvp(fused);
    const theirs = hvp(composed);
    ours.forEach((h, k) => {
      const name = ['x', 'gamma', 'beta'][k];
      expect(maxRelative(h, theirs[k]!), name).toBeLessThan(1e-3);
      expect(tf.max(tf.abs(h)).dataSync()[0], name).toBeGreaterThan(1e-3); // real curvature
    });
  });

  it('keeps only its input and per-channel statistics on the tape', () => {
    const taped = (bn: Norm) => {
      let buffers = 0;
      tf.grad((a: tf.Tensor) => {
        const before = tf.memory().numDataBuffers;
        const y = tf.sum(bn(a, gamma, beta));
        buffers = tf.memory().numDataBuffers - before;
        return y;
      })(x);
      return buffers;
    };
    // New data buffers while taped: the output, the sum, and μ and r per channel (one full-size
    // buffer); the composed op also keeps x − μ and its square (three full-size).
    expect(taped(fused)).toBe(4);
    expect(taped(composed)).toBeGreaterThanOrEqual(6);
  });
});
