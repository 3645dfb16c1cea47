/**
 * Train-mode BatchNorm's first-order gradient as one kernel on the tfjs WASM backend (the kernel the
 * core names in src/core/nn/batchNormTrainGradKernel.ts), run by our SIMD module
 * (src/runtime/gemm/assembly/batchNormGrad.ts) on the backend's heap. Where that module cannot run
 * (the threaded build's shared memory) the same two passes run in plain JavaScript on the heap's
 * typed arrays.
 */
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { getKernel, type KernelFunc, registerKernel, type TensorInfo, util } from '@tensorflow/tfjs-core';
import { BATCH_NORM_TRAIN_GRAD } from '../../core/nn/batchNormTrainGradKernel';
import { bindSimd, heapOffsets } from '../gemm/simdModule';

const BACKEND = 'wasm';

function batchNormTrainGrad(args: Parameters<KernelFunc>[0]): TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const { x, dy, mean, r, gamma } = args.inputs as Record<'x' | 'dy' | 'mean' | 'r' | 'gamma', TensorInfo>;
  const simd = bindSimd(backend);
  const channels = x.shape[x.shape.length - 1] ?? 0;
  const positions = channels === 0 ? 0 : util.sizeFromShape(x.shape) / channels;
  const dx = backend.makeOutput([...x.shape], 'float32');
  const dGamma = backend.makeOutput([channels], 'float32');
  const dBeta = backend.makeOutput([channels], 'float32');
  const outputs = [dx, dGamma, dBeta];
  if (positions === 0 || channels === 0) return outputs;
  if (!simd || simd.exports.batchNormGradScratchBytes(channels) > simd.packBytes) {
    const [xs, dys, means, rs, gammas, dxs, dGammas, dBetas] = [x, dy, mean, r, gamma, dx, dGamma, dBeta].map(
      (t) => backend.typedArrayFromHeap(t) as Float32Array,
    ) as Float32Array[] as [
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    plainBatchNormGrad(xs, dys, means, rs, gammas, dxs, dGammas, dBetas, channels);
    return outputs;
  }
  const pointers = heapOffsets(
    backend,
    [x, dy, mean, r, gamma, dx, dGamma, dBeta],
    outputs,
    'a BatchNorm gradient',
  );
  const [px, pdy, pmean, pr, pgamma, pdx, pdGamma, pdBeta] = pointers as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  simd.exports.batchNormGrad(
    px,
    pdy,
    pmean,
    pr,
    pgamma,
    pdx,
    pdGamma,
    pdBeta,
    simd.pack,
    positions,
    channels,
  );
  return outputs;
}

/** The same two passes in float64 JavaScript: the fallback where our module cannot run. */
export function plainBatchNormGrad(
  x: Float32Array,
  dy: Float32Array,
  mean: Float32Array,
  r: Float32Array,
  gamma: Float32Array,
  dx: Float32Array,
  dGamma: Float32Array,
  dBeta: Float32Array,
  channels: number,
): void {
  const s1 = new Float64Array(channels);
  const s2 = new Float64Array(channels);
  for (let i = 0; i < x.length; i++) {
    const k = i % channels;
    s1[k] = (s1[k] ?? 0) + (dy[i] ?? 0);
    s2[k] = (s2[k] ?? 0) + (dy[i] ?? 0) * ((x[i] ?? 0) - (mean[k] ?? 0));
  }
  const m = x.length / channels;
  for (let k = 0; k < channels; k++) {
    dBeta[k] = s1[k] ?? 0;
    dGamma[k] = (r[k] ?? 0) * (s2[k] ?? 0);
  }
  for (let i = 0; i < x.length; i++) {
    const k = i % channels;
    const rk = r[k] ?? 0;
    const centred = (x[i] ?? 0) - (mean[k] ?? 0);
    const inner = (dy[i] ?? 0) - (s1[k] ?? 0) / m - (centred * rk * rk * (s2[k] ?? 0)) / m;
    dx[i] = (gamma[k] ?? 0) * rk * inner;
  }
}

/** Registers the fused BatchNorm gradient for 'wasm' (idempotent). */
export function registerWasmBatchNormGrad(): void {
  if (getKernel(BATCH_NORM_TRAIN_GRAD, BACKEND)) return;
  registerKernel({
    kernelName: BATCH_NORM_TRAIN_GRAD,
    backendName: BACKEND,
    kernelFunc: batchNormTrainGrad as unknown as KernelFunc,
  });
}
