import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../core/nn/tf';
import { registerWasmMatMul, unregisterWasmMatMul } from './wasmMatMul';

/** Deterministic values in [-1, 1) from a seed (no tfjs RNG: it differs between builds). */
function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}

interface Case {
  outerA: number[];
  outerB: number[];
  m: number;
  n: number;
  k: number;
  transposeA: boolean;
  transposeB: boolean;
  seed: number;
}

async function product(c: Case, backend: 'cpu' | 'wasm'): Promise<{ shape: number[]; data: Float32Array }> {
  await tf.setBackend(backend);
  const shapeA = [...c.outerA, ...(c.transposeA ? [c.k, c.m] : [c.m, c.k])];
  const shapeB = [...c.outerB, ...(c.transposeB ? [c.n, c.k] : [c.k, c.n])];
  const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
  const result = tf.tidy(() => {
    let a = tf.tensor(values(size(shapeA), c.seed), shapeA);
    let b = tf.tensor(values(size(shapeB), c.seed + 7), shapeB);
    if (backend === 'cpu') {
      // The reference broadcasts by tiling first: tfjs's cpu kernel only broadcasts a batch of 1.
      const rank = Math.max(c.outerA.length, c.outerB.length);
      const pad = (o: number[]) => [...Array<number>(rank - o.length).fill(1), ...o];
      const [oa, ob] = [pad(c.outerA), pad(c.outerB)];
      const outer = oa.map((d, i) => Math.max(d, ob[i]!));
      a = tf.tile(tf.reshape(a, [...oa, ...shapeA.slice(-2)]), [...outer.map((d, i) => d / oa[i]!), 1, 1]);
      b = tf.tile(tf.reshape(b, [...ob, ...shapeB.slice(-2)]), [...outer.map((d, i) => d / ob[i]!), 1, 1]);
    }
    return tf.matMul(a, b, c.transposeA, c.transposeB);
  });
  const data = (await result.data()) as Float32Array;
  const shape = result.shape;
  result.dispose();
  return { shape, data };
}

describe('our WASM BatchMatMul', () => {
  beforeAll(() => registerWasmMatMul());
  afterAll(async () => {
    unregisterWasmMatMul();
    await tf.setBackend('cpu');
  });

  it('equals the cpu backend on any shapes, transposes and batch broadcasts', async () => {
    const dims = fc.integer({ min: 1, max: 37 });
    const outer = fc.constantFrom<[number[], number[]]>(
      [[], []],
      [[3], [3]],
      [[1], [4]],
      [[2, 3], [3]],
      [
        [2, 1],
        [1, 3],
      ],
    );
    await fc.assert(
      fc.asyncProperty(
        dims,
        dims,
        fc.integer({ min: 1, max: 600 }),
        fc.boolean(),
        fc.boolean(),
        outer,
        fc.nat(),
        async (m, n, k, ta, tb, [oa, ob], seed) => {
          const c: Case = { outerA: oa, outerB: ob, m, n, k, transposeA: ta, transposeB: tb, seed };
          const want = await product(c, 'cpu');
          const got = await product(c, 'wasm');
          expect(got.shape).toEqual(want.shape);
          for (let i = 0; i < want.data.length; i++) {
            // float32 sums of k terms of size ≤ 1 in another order: error ≲ k·2⁻²⁴ per term
            expect(Math.abs(got.data[i]! - want.data[i]!)).toBeLessThanOrEqual(1e-5 * k);
          }
        },
      ),
      { numRuns: 60, seed: 20261204 },
    );
  });

  it('handles blocks larger than one packed panel (k > 256, n > 2048, m > 96)', async () => {
    const c: Case = {
      outerA: [],
      outerB: [],
      m: 130,
      n: 2100,
      k: 300,
      transposeA: true,
      transposeB: true,
      seed: 3,
    };
    const want = await product(c, 'cpu');
    const got = await product(c, 'wasm');
    let worst = 0;
    for (let i = 0; i < want.data.length; i++)
      worst = Math.max(worst, Math.abs(got.data[i]! - want.data[i]!));
    expect(worst).toBeLessThan(1e-3);
  });

  it('computes Gram matrices A·Aᵀ and Aᵀ·A by one triangle, exactly symmetric and equal to the cpu backend', async () => {
    for (const [rows, cols, transposeA] of [
      [37, 300, false],
      [130, 70, false],
      [70, 130, true],
      [5, 2100, false],
    ] as const) {
      const data = values(rows * cols, rows + cols);
      const gram = async (backend: 'cpu' | 'wasm') => {
        await tf.setBackend(backend);
        const a = tf.tensor2d(data, [rows, cols]);
        const g = transposeA ? tf.matMul(a, a, true, false) : tf.matMul(a, a, false, true);
        const out = { shape: g.shape, data: (await g.data()) as Float32Array };
        tf.dispose([a, g]);
        return out;
      };
      const want = await gram('cpu');
      const got = await gram('wasm');
      const n = transposeA ? cols : rows;
      expect(got.shape).toEqual([n, n]);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          expect(got.data[i * n + j]).toBe(got.data[j * n + i]);
          expect(Math.abs(got.data[i * n + j]! - want.data[i * n + j]!)).toBeLessThan(
            1e-5 * (transposeA ? rows : cols),
          );
        }
      }
    }
  });

  it('gives gradients of a matrix product equal to the cpu backend', async () => {
    const grads = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const x = tf.tensor(values(5 * 7, 1), [5, 7]);
      const w = tf.tensor(values(7 * 3, 2), [7, 3]);
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.matMul(a, b))))([x, w]);
      const out = await Promise.all(g.map((t) => t.data()));
      tf.dispose([x, w, ...g]);
      return out;
    };
    const want = await grads('cpu');
    const got = await grads('wasm');
    want.forEach((w, t) => {
      w.forEach((v, i) => {
        expect(got[t]![i]).toBeCloseTo(v, 4);
      });
    });
  });
});
