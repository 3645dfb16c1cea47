/**
 * The composed wasm conv gradient kernels against tfjs's CPU backend (naive loops, the reference).
 * In Node the wasm backend finds its .wasm files next to its own module, so no setWasmPaths is needed.
 */
import '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../core/nn/tf';
import { registerWasmConvGradients } from './wasmConvGradients';

type Pad =
  | 'same'
  | 'valid'
  | number
  | [[number, number], [number, number], [number, number], [number, number]];
type Rounding = 'floor' | 'round' | 'ceil';
type Shape4 = [number, number, number, number];

interface Case {
  batch: number;
  size: number;
  inC: number;
  outC: number;
  k: number;
  stride: number;
  pad: Pad;
  rounding?: Rounding;
}

/** Deterministic values in [-1, 1) from a 32-bit linear congruential generator. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 2 - 1;
  };
}

function randomArray(n: number, seed: number): Float32Array {
  const next = lcg(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = next();
  return out;
}

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Output height/width of the forward conv, as tfjs computes it. */
function outSize(c: Case): number {
  const probe = tf.backend_util.computeConv2DInfo(
    [c.batch, c.size, c.size, c.inC],
    [c.k, c.k, c.inC, c.outC],
    c.stride,
    1,
    c.pad,
    c.rounding,
  );
  return probe.outHeight;
}

interface Data {
  x: Float32Array;
  w: Float32Array;
  dy: Float32Array;
  xShape: Shape4;
  wShape: Shape4;
  dyShape: Shape4;
}

function makeData(c: Case, seed: number): Data {
  const out = outSize(c);
  const xShape: Shape4 = [c.batch, c.size, c.size, c.inC];
  const wShape: Shape4 = [c.k, c.k, c.inC, c.outC];
  const dyShape: Shape4 = [c.batch, out, out, c.outC];
  return {
    x: randomArray(count(xShape), seed),
    w: randomArray(count(wShape), seed + 1),
    dy: randomArray(count(dyShape), seed + 2),
    xShape,
    wShape,
    dyShape,
  };
}

/** Runs `fn` on `backend` and copies every returned tensor's values out. */
async function on(backend: string, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  expect(tf.getBackend()).toBe(backend);
  const tensors = tf.tidy(fn);
  const values = tensors.map((t) => t.dataSync() as Float32Array);
  tf.dispose(tensors);
  return values;
}

/** [dx, dW] of sum(conv2d(x, W) * dy) via tf.grads: the path training code takes. */
function gradsThroughConv(c: Case, d: Data): tf.Tensor[] {
  const x = tf.tensor4d(d.x, d.xShape);
  const w = tf.tensor4d(d.w, d.wShape);
  const dy = tf.tensor4d(d.dy, d.dyShape);
  const loss = (a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad, 'NHWC', 1, c.rounding), dy));
  return tf.grads(loss)([x, w]);
}

/** [dx, dW] from the two kernels called directly, with every attribute the kernels accept. */
function kernelsDirect(c: Case, d: Data): tf.Tensor[] {
  const x = tf.tensor4d(d.x, d.xShape);
  const w = tf.tensor4d(d.w, d.wShape);
  const dy = tf.tensor4d(d.dy, d.dyShape);
  const common = {
    strides: c.stride,
    pad: c.pad,
    dataFormat: 'NHWC',
    ...(c.rounding ? { dimRoundingMode: c.rounding } : {}),
  };
  const dx = tf
    .engine()
    .runKernel(tf.Conv2DBackpropInput, { dy, filter: w }, { ...common, inputShape: d.xShape });
  const dw = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...common, filterShape: d.wShape });
  return [dx as tf.Tensor, dw as tf.Tensor];
}

/** max |a - b| / max |b|. */
function relativeError(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
    scale = Math.max(scale, Math.abs(b[i] ?? 0));
  }
  return scale === 0 ? diff : diff / scale;
}

function expectClose(actual: Float32Array[], expected: Float32Array[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!a || !e) throw new Error('missing result');
    expect(e.some((v) => v !== 0)).toBe(true);
    expect(relativeError(a, e)).toBeLessThan(1e-4);
  }
}

/** Textbook NHWC [dx, dW] for the forward conv that produced dy (padding from the top/left only). */
function naiveGrads(c: Case, d: Data, padTop: number): Float32Array[] {
  const [batch, height, width, inC] = d.xShape;
  const [k, , , outC] = d.wShape;
  const [, outH, outW] = d.dyShape;
  const dx = new Float32Array(d.x.length);
  const dw = new Float32Array(d.w.length);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < outH; i++)
      for (let j = 0; j < outW; j++)
        for (let kh = 0; kh < k; kh++)
          for (let kw = 0; kw < k; kw++) {
            const h = i * c.stride + kh - padTop;
            const w = j * c.stride + kw - padTop;
            if (h < 0 || h >= height || w < 0 || w >= width) continue;
            for (let ci = 0; ci < inC; ci++)
              for (let co = 0; co < outC; co++) {
                const g = d.dy[((b * outH + i) * outW + j) * outC + co] ?? 0;
                const xi = ((b * height + h) * width + w) * inC + ci;
                const wi = ((kh * k + kw) * inC + ci) * outC + co;
                dx[xi] = (dx[xi] ?? 0) + g * (d.w[wi] ?? 0);
                dw[wi] = (dw[wi] ?? 0) + g * (d.x[xi] ?? 0);
              }
          }
  return [dx, dw];
}

const padName = (p: Pad): string => (typeof p === 'object' ? 'explicit[1,1]' : String(p));

function buildCases(): Case[] {
  const pads: Pad[] = [
    'same',
    'valid',
    0,
    1,
    [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ],
  ];
  const cases: Case[] = [];
  for (const stride of [1, 2]) {
    for (const pad of pads) {
      for (const k of [1, 3]) {
        for (const size of [7, 8]) {
          for (const batch of [1, 4]) {
            for (const [inC, outC] of [
              [3, 8],
              [8, 16],
            ] as const) {
              cases.push({ batch, size, inC, outC, k, stride, pad });
            }
          }
        }
        cases.push({ batch: 4, size: 32, inC: 8, outC: 16, k, stride, pad });
        // Channels that fill neither a group of 4 inputs nor of 8 outputs, and output rows that the
        // SIMD filter gradient splits into chunks in the middle of an image.
        cases.push({ batch: 3, size: 33, inC: 6, outC: 13, k, stride, pad });
      }
    }
  }
  return cases;
}

const caseName = (c: Case): string =>
  `${c.batch}x${c.size}x${c.size}x${c.inC} -> ${c.outC}, ${c.k}x${c.k}, stride ${c.stride}, pad ${padName(c.pad)}` +
  (c.rounding ? `, ${c.rounding}` : '');

beforeAll(async () => {
  registerWasmConvGradients();
  expect(await tf.setBackend('cpu')).toBe(true);
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('the CPU reference', () => {
  it('gives dW = sum(x * dy) and dx = w * dy for a 1x2x2x1 input and a 1x1 kernel', async () => {
    const run = () => {
      const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
      const w = tf.tensor4d([0.5], [1, 1, 1, 1]);
      const dy = tf.tensor4d([5, 6, 7, 8], [1, 2, 2, 1]);
      return tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'), dy)),
      )([x, w]);
    };
    const [cpuDx, cpuDw] = await on('cpu', run);
    expect(Array.from(cpuDw ?? [])).toEqual([1 * 5 + 2 * 6 + 3 * 7 + 4 * 8]);
    expect(Array.from(cpuDx ?? [])).toEqual([2.5, 3, 3.5, 4]);
    const [wasmDx, wasmDw] = await on('wasm', run);
    expect(Array.from(wasmDw ?? [])).toEqual([70]);
    expect(Array.from(wasmDx ?? [])).toEqual([2.5, 3, 3.5, 4]);
  });
});

describe('wasm conv gradients match the CPU backend', () => {
  const cases = buildCases();
  it.each(cases.map((c, i) => [caseName(c), c, i] as const))('%s', async (_name, c, i) => {
    const data = makeData(c, 1000 + 17 * i);
    expectClose(
      await on('wasm', () => gradsThroughConv(c, data)),
      await on('cpu', () => gradsThroughConv(c, data)),
    );
    expectClose(
      await on('wasm', () => kernelsDirect(c, data)),
      await on('cpu', () => kernelsDirect(c, data)),
    );
  });

  it.each([
    ['ceil', 2, 8],
    ['floor', 2, 8],
    ['round', 2, 9],
    ['ceil', 3, 9],
  ] as const)(
    'direct kernels with dimRoundingMode %s, stride %i, size %i',
    async (rounding, stride, size) => {
      const c: Case = { batch: 2, size, inC: 3, outC: 5, k: 3, stride, pad: 1, rounding };
      const data = makeData(c, 77 + stride + size);
      expectClose(
        await on('wasm', () => kernelsDirect(c, data)),
        await on('cpu', () => kernelsDirect(c, data)),
      );
    },
  );

  it('tf.grads with dimRoundingMode ceil uses all of dy (the CPU backend drops the last row)', async () => {
    // tfjs's conv2d gradient does not pass dimRoundingMode on, so the CPU kernels recompute a 4x4
    // output for this 5x5 dy and ignore its last row and column; the wasm kernels use dy's own size.
    const c: Case = { batch: 2, size: 8, inC: 3, outC: 4, k: 3, stride: 2, pad: 1, rounding: 'ceil' };
    const data = makeData(c, 21);
    expect(data.dyShape[1]).toBe(5);
    expectClose(await on('wasm', () => gradsThroughConv(c, data)), naiveGrads(c, data, 1));
  });

  it('the filter gradient in NCHW, and the NCHW input gradient (original kernel)', async () => {
    const xShape: Shape4 = [2, 3, 9, 9];
    const wShape: Shape4 = [3, 3, 3, 4];
    const dyShape: Shape4 = [2, 4, 5, 5];
    const xs = randomArray(count(xShape), 5);
    const ws = randomArray(count(wShape), 6);
    const dys = randomArray(count(dyShape), 7);
    const run = () => {
      const x = tf.tensor4d(xs, xShape);
      const w = tf.tensor4d(ws, wShape);
      const dy = tf.tensor4d(dys, dyShape);
      const attrs = { strides: 2, pad: 'same', dataFormat: 'NCHW' };
      return [
        tf
          .engine()
          .runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape: wShape }) as tf.Tensor,
        tf
          .engine()
          .runKernel(
            tf.Conv2DBackpropInput,
            { dy, filter: w },
            { ...attrs, inputShape: xShape },
          ) as tf.Tensor,
      ];
    };
    expectClose(await on('wasm', run), await on('cpu', run));
  });
});

describe('registerWasmConvGradients', () => {
  it('is idempotent and leaves both kernels installed', async () => {
    const before = tf.getKernel(tf.Conv2DBackpropFilter, 'wasm').kernelFunc;
    const inputBefore = tf.getKernel(tf.Conv2DBackpropInput, 'wasm').kernelFunc;
    registerWasmConvGradients();
    registerWasmConvGradients();
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm').kernelFunc).toBe(before);
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm').kernelFunc).toBe(inputBefore);
    const c: Case = { batch: 2, size: 8, inC: 3, outC: 4, k: 3, stride: 2, pad: 'same' };
    const data = makeData(c, 3);
    expectClose(
      await on('wasm', () => gradsThroughConv(c, data)),
      await on('cpu', () => gradsThroughConv(c, data)),
    );
  });

  it('frees every intermediate it allocates', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    for (const c of [
      { batch: 2, size: 8, inC: 3, outC: 4, k: 3, stride: 2, pad: 'valid' },
      { batch: 2, size: 7, inC: 3, outC: 4, k: 3, stride: 1, pad: 'same' },
      { batch: 1, size: 8, inC: 2, outC: 2, k: 1, stride: 2, pad: 0 },
    ] satisfies Case[]) {
      const data = makeData(c, 11);
      const inputs = [
        tf.tensor4d(data.x, data.xShape),
        tf.tensor4d(data.w, data.wShape),
        tf.tensor4d(data.dy, data.dyShape),
      ];
      const idsBefore = backend.numDataIds();
      const tensorsBefore = tf.memory().numTensors;
      const [x, w, dy] = inputs as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC' };
      const dx = tf
        .engine()
        .runKernel(tf.Conv2DBackpropInput, { dy, filter: w }, { ...attrs, inputShape: data.xShape });
      const dw = tf
        .engine()
        .runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape: data.wShape });
      expect(backend.numDataIds()).toBe(idsBefore + 2);
      tf.dispose([dx as tf.Tensor, dw as tf.Tensor]);
      expect(backend.numDataIds()).toBe(idsBefore);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      tf.dispose(inputs);
    }
  });
});
