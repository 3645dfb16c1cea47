/**
 * Times forward + backward of a 4-conv net (3x3 'same' convs, 16 channels, 32x32, batch 64, ReLU
 * between) on the wasm backend, with the composed conv gradient kernels from
 * src/runtime/backends/wasmConvGradients.ts versus the wasm backend's original (naive)
 * Conv2DBackpropInput. Run with: npx tsx bench/wasmConvGradients.bench.ts
 *
 * The backward pass is written out kernel by kernel rather than with tf.grads: under plain Node ESM
 * (tsx), tfjs-core's gradient registrations cannot be imported, and the kernel calls here are the
 * ones tf.grads would make for the weight gradients. wasm has no original Conv2DBackpropFilter at all
 * (tfjs issue 8474), so the "original" run uses the original input kernel and the composed filter one.
 * (For scale: the same step on the cpu backend took about 106 s when measured once; it is left out.)
 */
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { registerWasmConvGradients } from '../src/runtime/backends/wasmConvGradients';

const BATCH = 64;
const SIZE = 32;
const CHANNELS = 16;
const LAYERS = 4;

type BackpropInput = (
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  inputShape: [number, number, number, number],
) => tf.Tensor4D;

// Captured before registerWasmConvGradients replaces it; the replacement keeps its setup function, so
// it is ready once the wasm backend initialises.
const originalInput = tf.getKernel(tf.Conv2DBackpropInput, 'wasm');
registerWasmConvGradients();

const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC' } as const;

const composedBackpropInput: BackpropInput = (dy, filter, inputShape) =>
  tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, { ...attrs, inputShape }) as tf.Tensor4D;

const originalBackpropInput: BackpropInput = (dy, filter, inputShape) => {
  const backend = tf.backend();
  const info = originalInput.kernelFunc({ inputs: { dy, filter }, backend, attrs: { ...attrs, inputShape } });
  return tf.engine().makeTensorFromTensorInfo(info as tf.TensorInfo) as tf.Tensor4D;
};

const backpropFilter = (x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: [number, number, number, number]) =>
  tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape }) as tf.Tensor4D;

function seeded(shape: number[], seed: number, scale: number): tf.Tensor {
  let state = seed >>> 0;
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = ((state / 2 ** 32) * 2 - 1) * scale;
  }
  return tf.tensor(values, shape);
}

/** One forward + backward pass; returns the weight gradients (caller disposes). */
function step(x: tf.Tensor4D, weights: tf.Tensor4D[], backpropInput: BackpropInput): tf.Tensor[] {
  return tf.tidy(() => {
    const inputs: tf.Tensor4D[] = [];
    const preActivations: tf.Tensor4D[] = [];
    let h = x;
    for (const w of weights) {
      inputs.push(h);
      const z = tf.conv2d(h, w, 1, 'same');
      preActivations.push(z);
      h = tf.relu(z);
    }
    let dh = tf.onesLike(h) as tf.Tensor4D; // d(sum(h))/dh
    const grads: tf.Tensor[] = [];
    for (let i = LAYERS - 1; i >= 0; i--) {
      const z = preActivations[i] as tf.Tensor4D;
      const w = weights[i] as tf.Tensor4D;
      const input = inputs[i] as tf.Tensor4D;
      const dz = tf.mul(dh, tf.step(z)) as tf.Tensor4D;
      grads.unshift(backpropFilter(input, dz, w.shape));
      if (i > 0) dh = backpropInput(dz, w, input.shape);
    }
    return grads;
  });
}

function time(label: string, iterations: number, fn: () => tf.Tensor[]): number {
  tf.dispose(fn()); // warm-up: XNNPACK operator creation, memory growth
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    const out = fn();
    for (const t of out) t.dataSync();
    times.push(performance.now() - start);
    tf.dispose(out);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  console.log(
    `${label.padEnd(58)} median ${median.toFixed(1).padStart(8)} ms  (min ${(times[0] ?? 0).toFixed(1)}, n=${iterations})`,
  );
  return median;
}

async function main(): Promise<void> {
  await tf.setBackend('wasm');
  console.log(
    `backend ${tf.getBackend()}, ${getThreadsCount()} thread(s); batch ${BATCH}, ${SIZE}x${SIZE}, ${CHANNELS} channels, ${LAYERS} 3x3 convs`,
  );
  const x = seeded([BATCH, SIZE, SIZE, CHANNELS], 1, 1) as tf.Tensor4D;
  const weights = Array.from(
    { length: LAYERS },
    (_, i) => seeded([3, 3, CHANNELS, CHANNELS], 10 + i, 0.25) as tf.Tensor4D,
  );
  const dy = seeded([BATCH, SIZE, SIZE, CHANNELS], 2, 1) as tf.Tensor4D;
  const shape = x.shape;
  const wShape = weights[0]?.shape ?? [3, 3, CHANNELS, CHANNELS];
  const w0 = weights[0] as tf.Tensor4D;

  console.log('\nsingle kernels (one 3x3 conv layer):');
  time('Conv2D forward', 10, () => [tf.conv2d(x, w0, 1, 'same')]);
  const composed = time('Conv2DBackpropInput, composed', 10, () => [composedBackpropInput(dy, w0, shape)]);
  const original = time('Conv2DBackpropInput, original wasm kernel', 5, () => [
    originalBackpropInput(dy, w0, shape),
  ]);
  time('Conv2DBackpropFilter, composed (no original exists)', 10, () => [backpropFilter(x, dy, wShape)]);
  console.log(`input-gradient speed-up: ${(original / composed).toFixed(1)}x`);

  console.log('\n4-conv net, forward + backward (weight gradients):');
  const fast = time('composed input + filter kernels', 10, () => step(x, weights, composedBackpropInput));
  const slow = time('original input kernel + composed filter kernel', 5, () =>
    step(x, weights, originalBackpropInput),
  );
  console.log(`net speed-up: ${(slow / fast).toFixed(1)}x`);

  const grads = [step(x, weights, composedBackpropInput), step(x, weights, originalBackpropInput)];
  const diff = tf.tidy(() =>
    Math.max(
      ...(grads[0] ?? []).map(
        (g, i) => tf.max(tf.abs(tf.sub(g, (grads[1] ?? [])[i] ?? g))).dataSync()[0] ?? 0,
      ),
    ),
  );
  console.log(`max |difference| between the two runs' weight gradients: ${diff.toExponential(2)}`);
  tf.dispose(grads.flat());
}

await main();
