import '@tensorflow/tfjs-backend-cpu';
import { FusedBatchNorm, getGradient } from '@tensorflow/tfjs-core';
import { fusedBatchNormGradConfig as tfjsOwn } from '@tensorflow/tfjs-core/dist/gradients/FusedBatchNorm_grad.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { onWasm } from '../../test/onWasm';
import { mulberry32, normal } from '../util/prng';
import { batchNormGradConfig } from './batchNormGradient';
import { tf } from './tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function random(shape: number[], seed: number, positive = false): tf.Tensor {
  const rng = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => (positive ? 0.2 + Math.abs(normal(rng)) : normal(rng))),
    shape,
  );
}

const NAMES = ['x', 'mean', 'variance', 'scale', 'offset'] as const;

/** Every input's gradient from one config, as arrays. */
function gradients(config: typeof batchNormGradConfig, seed: number): Record<string, Float32Array> {
  return tf.tidy(() => {
    const x = random([3, 4, 5, 6], seed);
    const saved = [x, random([6], seed + 1), random([6], seed + 2, true), random([6], seed + 3)];
    const dy = random([3, 4, 5, 6], seed + 4);
    const grads = config.gradFunc(dy, saved, { varianceEpsilon: 1e-5 });
    return Object.fromEntries(NAMES.map((name) => [name, grads[name]!().dataSync() as Float32Array]));
  });
}

describe('BatchNorm gradient without the Tile', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`equals tfjs's own gradient bit for bit on ${backend}, for x, mean, variance, scale and offset`, async () => {
      const run = async () => {
        const ours = gradients(batchNormGradConfig, 7);
        const theirs = gradients(tfjsOwn, 7);
        for (const name of NAMES) expect(Array.from(ours[name]!)).toEqual(Array.from(theirs[name]!));
      };
      if (backend === 'wasm') await onWasm(run);
      else await run();
    });
  }

  it('is the registered one, and train-mode BatchNorm differentiates to central differences', () => {
    expect(getGradient(FusedBatchNorm)).toBe(batchNormGradConfig);
    // f(x) = Σ w ⊙ BN(x) with batch statistics (mean and variance depend on x too).
    const x0 = random([4, 2, 2, 3], 11);
    const w = random([4, 2, 2, 3], 12);
    const gamma = random([3], 13, true);
    const beta = random([3], 14);
    const f = (x: tf.Tensor) =>
      tf.tidy(() => {
        const { mean, variance } = tf.moments(x, [0, 1, 2]);
        return tf.sum(
          tf.mul(
            w,
            tf.batchNorm4d(
              x as tf.Tensor4D,
              mean as tf.Tensor1D,
              variance as tf.Tensor1D,
              beta as tf.Tensor1D,
              gamma as tf.Tensor1D,
              1e-5,
            ),
          ),
        );
      });
    const g = tf.grad(f)(x0).dataSync();
    const base = x0.dataSync();
    const h = 1e-2;
    for (const i of [0, 5, 17, 30, 47]) {
      const plus = Float32Array.from(base);
      const minus = Float32Array.from(base);
      plus[i]! += h;
      minus[i]! -= h;
      const numeric =
        (f(tf.tensor(plus, x0.shape)).dataSync()[0]! - f(tf.tensor(minus, x0.shape)).dataSync()[0]!) /
        (2 * h);
      expect(Math.abs(g[i]! - numeric)).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric)));
    }
  });
});
