/**
 * The fused train-mode BatchNorm gradient on wasm against autodiff of the composed BatchNorm
 * (tf.moments + tf.batchNorm4d) on the cpu backend, and against a float64 evaluation of the closed form.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNormTrain } from '../../core/nn/batchNormTrain';
import { BATCH_NORM_TRAIN_GRAD } from '../../core/nn/batchNormTrainGradKernel';
import { tf } from '../../core/nn/tf';
import { mulberry32, normal } from '../../core/util/prng';
import { plainBatchNormGrad, registerWasmBatchNormGrad } from './wasmBatchNormGrad';

beforeAll(async () => {
  registerWasmBatchNormGrad();
  expect(await tf.setBackend('wasm')).toBe(true);
});

function values(size: number, seed: number, offset = 0): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: size }, () => offset + normal(rng));
}

interface Case {
  shape: [number, number, number, number];
  x: Float32Array;
  gamma: Float32Array;
  beta: Float32Array;
  w: Float32Array;
}

function makeCase(shape: [number, number, number, number], seed: number): Case {
  const size = shape.reduce((a, b) => a * b, 1);
  const c = shape[3];
  return {
    shape,
    x: values(size, seed, 0.7),
    gamma: values(c, seed + 1, 1),
    beta: values(c, seed + 2),
    w: values(size, seed + 3),
  };
}

/** [∂x, ∂γ, ∂β] of Σ w ⊙ BN(x) on a backend, through `norm`. */
async function grads(
  backend: string,
  k: Case,
  norm: (x: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor,
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(() => {
    const w = tf.tensor(k.w, k.shape);
    return tf.grads((x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(w, norm(x as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D))),
    )([tf.tensor(k.x, k.shape), tf.tensor1d(k.gamma), tf.tensor1d(k.beta)]);
  });
  const data = out.map((t) => t.dataSync() as Float32Array);
  tf.dispose(out);
  return data;
}

const ours = (x: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => batchNormTrain(x, g, b, 1e-5);
const composed = (x: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return tf.batchNorm4d(x, mean as tf.Tensor1D, variance as tf.Tensor1D, b, g, 1e-5);
};

/** The closed form in float64 from the same inputs: dy = w, statistics of x in float64. */
function closedForm(k: Case): Float64Array[] {
  const c = k.shape[3];
  const m = k.x.length / c;
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let i = 0; i < k.x.length; i++) mean[i % c]! += k.x[i]! / m;
  for (let i = 0; i < k.x.length; i++) variance[i % c]! += (k.x[i]! - mean[i % c]!) ** 2 / m;
  const r = variance.map((v) => 1 / Math.sqrt(v + 1e-5));
  const s1 = new Float64Array(c);
  const s2 = new Float64Array(c);
  for (let i = 0; i < k.w.length; i++) {
    s1[i % c]! += k.w[i]!;
    s2[i % c]! += k.w[i]! * (k.x[i]! - mean[i % c]!) * r[i % c]!;
  }
  const dx = Float64Array.from(k.x, (v, i) => {
    const ch = i % c;
    const xhat = (v - mean[ch]!) * r[ch]!;
    return k.gamma[ch]! * r[ch]! * (k.w[i]! - s1[ch]! / m - (xhat * s2[ch]!) / m);
  });
  return [dx, s2, s1];
}

function maxRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1e-30;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

describe('the fused train-mode BatchNorm gradient on wasm', () => {
  it('is the kernel the wasm backend runs', async () => {
    expect(tf.getKernel(BATCH_NORM_TRAIN_GRAD, 'wasm')).toBeDefined();
    expect(tf.getKernel(BATCH_NORM_TRAIN_GRAD, 'cpu')).toBeUndefined();
  });

  // 13 channels: three SIMD groups and a tail; 1 600 positions: a float32 chunk and part of another.
  it.each([[[5, 3, 4, 6]], [[4, 20, 20, 13]], [[2, 8, 8, 16]]] as const)(
    'equals autodiff of the composed BatchNorm on cpu, shape %j',
    async (shape) => {
      const k = makeCase([...shape], 11 + shape[3]);
      const fusedWasm = await grads('wasm', k, ours);
      const reference = await grads('cpu', k, composed);
      const names = ['x', 'gamma', 'beta'];
      fusedWasm.forEach((g, i) => {
        expect(maxRelative(g, reference[i]!), names[i]).toBeLessThan(1e-4);
      });
      await tf.setBackend('wasm');
    },
  );

  it('sums a large batch (65 536 positions per channel) as the float64 closed form does', async () => {
    const k = makeCase([64, 32, 32, 8], 5);
    const fusedWasm = await grads('wasm', k, ours);
    const exact = closedForm(k);
    const names = ['x', 'gamma', 'beta'];
    fusedWasm.forEach((g, i) => {
      expect(maxRelative(g, exact[i]!), names[i]).toBeLessThan(2e-5);
    });
  });

  it('its JavaScript fallback computes the same closed form', () => {
    const k = makeCase([3, 5, 7, 6], 9);
    const c = 6;
    const m = k.x.length / c;
    const mean = new Float32Array(c);
    const r = new Float32Array(c);
    for (let ch = 0; ch < c; ch++) {
      let s = 0;
      for (let i = ch; i < k.x.length; i += c) s += k.x[i]!;
      mean[ch] = s / m;
      let v = 0;
      for (let i = ch; i < k.x.length; i += c) v += (k.x[i]! - mean[ch]!) ** 2;
      r[ch] = 1 / Math.sqrt(v / m + 1e-5);
    }
    const dx = new Float32Array(k.x.length);
    const dGamma = new Float32Array(c);
    const dBeta = new Float32Array(c);
    plainBatchNormGrad(k.x, k.w, mean, r, k.gamma, dx, dGamma, dBeta, c);
    const exact = closedForm(k);
    expect(maxRelative(dx, exact[0]!)).toBeLessThan(1e-5);
    expect(maxRelative(dGamma, exact[1]!)).toBeLessThan(1e-5);
    expect(maxRelative(dBeta, exact[2]!)).toBeLessThan(1e-5);
  });
});
