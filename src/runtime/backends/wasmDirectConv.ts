/**
 * Our SIMD convolution-gradient kernels for NHWC (src/runtime/gemm/assembly/convFilter.ts and
 * convInput.ts) as wasmConvGradients.ts calls them, and the switch the bench uses to turn them off.
 */

import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { bindSimd, heapOffsets } from '../gemm/simdModule';
import type { Shape4 } from './wasmKernelScratch';

/** Whether NHWC gradients take our SIMD kernels (the bench turns them off for its before/after). */
let directKernels = true;

/** Turns our SIMD convolution-gradient kernels off (the XNNPACK composition runs) or back on. */
export function setDirectConvKernels(on: boolean): void {
  directKernels = on;
}
/**
 * NHWC: our SIMD kernel (src/runtime/gemm/assembly/convFilter.ts) sums x ⊗ dy straight from the two
 * tensors, 2.5-14x faster than the composition in conv2DBackpropFilter on NB201's shapes (1x1
 * convolutions gain most; docs/performance.md). Returns null where our module cannot run on this
 * backend (the threaded build's shared memory); the composition then does the work.
 */
export function directFilterGradient(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo | null {
  const simd = directKernels ? bindSimd(backend) : null;
  if (!simd) return null;
  const [batch, dyHeight, dyWidth] = dy.shape as Shape4;
  const { filterHeight, filterWidth, inChannels, outChannels } = info;
  const out = backend.makeOutput([filterHeight, filterWidth, inChannels, outChannels], 'float32');
  if (out.shape.some((d) => d === 0)) return out;
  const [px, pdy, pw] = heapOffsets(backend, [x, dy, out], [out], 'a convolution gradient') as [
    number,
    number,
    number,
  ];
  simd.exports.convFilter(
    px,
    pdy,
    pw,
    batch,
    info.inHeight,
    info.inWidth,
    inChannels,
    dyHeight,
    dyWidth,
    outChannels,
    filterHeight,
    filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
  );
  return out;
}

/**
 * NHWC: our SIMD kernel (src/runtime/gemm/assembly/convInput.ts) gathers each position's taps straight
 * from dy and the filter, visiting only the taps a stride lets through. Returns null where our
 * module cannot run on this backend or its scratch cannot hold the transposed filter.
 */
export function directInputGradient(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo | null {
  const simd = directKernels ? bindSimd(backend) : null;
  const { filterHeight, filterWidth, inChannels, outChannels } = info;
  if (
    !simd ||
    simd.exports.convInputScratchBytes(filterHeight, filterWidth, inChannels, outChannels) > simd.packBytes
  ) {
    return null;
  }
  const [batch, dyHeight, dyWidth] = dy.shape as Shape4;
  const out = backend.makeOutput([...info.inShape], 'float32');
  if (out.shape.some((d) => d === 0)) return out;
  const [pdy, pw, px] = heapOffsets(backend, [dy, filter, out], [out], 'a convolution gradient') as [
    number,
    number,
    number,
  ];
  simd.exports.convInput(
    pdy,
    pw,
    px,
    simd.pack,
    batch,
    info.inHeight,
    info.inWidth,
    inChannels,
    dyHeight,
    dyWidth,
    outChannels,
    filterHeight,
    filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
  );
  return out;
}
