/**
 * GFLOP/s of the convolution kernels on wasm for NB201's shapes (and a ViT patch embedding): the
 * weight gradient and the input gradient through our SIMD kernels, and through the composition of
 * XNNPACK convolutions and transposes they replaced; the forward convolution (XNNPACK) beside them.
 * Part of `npm run bench -- --ntk-speed` (bench/ntkSpeed.ts); alone:
 * npx tsx --import ./scripts/node/register-tfjs-esm.mjs bench/convKernels.ts
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import '@tensorflow/tfjs-backend-wasm';
import { failWith, startNodeBackend } from '../scripts/kit/cli';
import { tf } from '../src/core/nn/tf';
import { setDirectConvKernels } from '../src/runtime/backends/wasmConvGradients';

interface Shape {
  name: string;
  x: [number, number, number, number];
  k: number;
  co: number;
  stride: number;
  pad: 'same' | 'valid';
}

const SHAPES: Shape[] = [
  { name: 'paper stage 1, 3x3, 16 -> 16', x: [64, 32, 32, 16], k: 3, co: 16, stride: 1, pad: 'same' },
  { name: 'paper stage 2, 3x3, 32 -> 32', x: [64, 16, 16, 32], k: 3, co: 32, stride: 1, pad: 'same' },
  { name: 'paper stage 3, 3x3, 64 -> 64', x: [64, 8, 8, 64], k: 3, co: 64, stride: 1, pad: 'same' },
  { name: 'paper stage 1, 1x1, 16 -> 16', x: [64, 32, 32, 16], k: 1, co: 16, stride: 1, pad: 'same' },
  {
    name: 'paper reduction, 3x3 stride 2, 16 -> 32',
    x: [64, 32, 32, 16],
    k: 3,
    co: 32,
    stride: 2,
    pad: 'same',
  },
  { name: 'quick stage 1, 3x3, 8 -> 8', x: [32, 32, 32, 8], k: 3, co: 8, stride: 1, pad: 'same' },
  { name: 'quick stage 3, 3x3, 32 -> 32', x: [32, 8, 8, 32], k: 3, co: 32, stride: 1, pad: 'same' },
  {
    name: 'ViT patch embedding 4x4 stride 4, 3 -> 240',
    x: [64, 64, 64, 3],
    k: 4,
    co: 240,
    stride: 4,
    pad: 'valid',
  },
];

function filled(shape: number[], seed: number): tf.Tensor {
  let state = seed >>> 0;
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: size }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  });
  return tf.tensor(values, shape);
}

/**
 * Median milliseconds of `run` over 7 timed runs after 2 warm-ups (the first run grows the heap).
 * The output is not read back: WASM kernels finish before runKernel returns, and copying a large
 * output out of the heap (dataSync) takes longer than most of these kernels.
 */
function time(run: () => tf.Tensor): number {
  const times: number[] = [];
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    const out = run();
    if (r >= 2) times.push(performance.now() - t0);
    out.dispose();
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

export interface ConvRate {
  shape: string;
  filterOurs: number;
  filterComposed: number;
  inputOurs: number;
  inputComposed: number;
  forwardXnnpack: number;
}

/** GFLOP/s per shape (one decimal); needs the wasm backend with registerWasmKernels() in place. */
export function convKernelRates(): ConvRate[] {
  const rows: ConvRate[] = [];
  for (const s of SHAPES) {
    const [n, h, w, ci] = s.x;
    const out = (size: number) =>
      s.pad === 'same' ? Math.ceil(size / s.stride) : Math.floor((size - s.k) / s.stride) + 1;
    const x = filled(s.x, 1) as tf.Tensor4D;
    const dy = filled([n, out(h), out(w), s.co], 2) as tf.Tensor4D;
    const filter = filled([s.k, s.k, ci, s.co], 3) as tf.Tensor4D;
    const attrs = { strides: s.stride, pad: s.pad, dataFormat: 'NHWC' };
    const flop = 2 * dy.size * s.k * s.k * ci;
    const rate = (ms: number) => Math.round(flop / ms / 1e5) / 10;
    const filterGrad = () =>
      tf
        .engine()
        .runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape: filter.shape }) as tf.Tensor;
    const inputGrad = () =>
      tf
        .engine()
        .runKernel(tf.Conv2DBackpropInput, { dy, filter }, { ...attrs, inputShape: s.x }) as tf.Tensor;
    setDirectConvKernels(false);
    const filterComposed = rate(time(filterGrad));
    const inputComposed = rate(time(inputGrad));
    setDirectConvKernels(true);
    rows.push({
      shape: s.name,
      filterOurs: rate(time(filterGrad)),
      filterComposed,
      inputOurs: rate(time(inputGrad)),
      inputComposed,
      forwardXnnpack: rate(time(() => tf.conv2d(x, filter, s.stride, s.pad))),
    });
    tf.dispose([x, dy, filter]);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  await startNodeBackend('wasm', failWith('convKernels'));
  console.table(convKernelRates());
}
