/**
 * What the WASM convolution-gradient kernels (wasmConvGradients.ts) share: calling another registered
 * WASM kernel, a scratch list that frees each intermediate exactly once, and the crops and explicit
 * pads that turn a gradient into a 'valid' convolution.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  Fill,
  getKernel,
  type KernelConfig,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  Reshape,
  Slice,
  type TensorInfo,
  Transpose,
} from '@tensorflow/tfjs-core';

export const BACKEND = 'wasm';

export type Shape4 = [number, number, number, number];
export type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];
/** Runs another registered WASM kernel and returns its single output. */
export function runKernel(
  kernelName: string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap,
): TensorInfo {
  const config = getKernel(kernelName, BACKEND) as KernelConfig | undefined;
  if (!config) throw new Error(`wasmConvGradients: the wasm backend has no '${kernelName}' kernel`);
  const out = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`wasmConvGradients: '${kernelName}' returned several outputs`);
  return out;
}

/** Tracks intermediates so that each is freed exactly once, whatever path the kernel takes. */
export class Scratch {
  private readonly infos: TensorInfo[] = [];
  constructor(readonly backend: BackendWasm) {}

  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const out = runKernel(kernelName, this.backend, inputs, attrs);
    this.infos.push(out);
    return out;
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run(Transpose, { x }, { perm });
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run(Reshape, { x }, { shape });
  }

  dispose(): void {
    for (const info of this.infos) this.backend.disposeData(info.dataId);
    this.infos.length = 0;
  }
}

/**
 * How to make dims 1 and 2 of an NHWC-laid-out tensor span exactly the rows/columns a stride-1
 * convolution needs: `before`/`after` are the wanted zero padding, negative meaning "drop rows".
 * Positive amounts become the convolution's own explicit padding (free in XNNPACK); negative ones
 * become a Slice.
 */
export interface Span {
  before: number;
  after: number;
}

export function needsCrop(spans: [Span, Span]): boolean {
  return spans.some((s) => s.before < 0 || s.after < 0);
}

/** Crops the negative parts of `spans` off dims 1 and 2 of `x`; returns `x` itself when none is. */
export function cropSpans(scratch: Scratch, x: TensorInfo, spans: [Span, Span]): TensorInfo {
  if (!needsCrop(spans)) return x;
  const [n, h, w, c] = x.shape as Shape4;
  const [rows, cols] = spans;
  const top = Math.max(0, -rows.before);
  const left = Math.max(0, -cols.before);
  const height = h - top - Math.max(0, -rows.after);
  const width = w - left - Math.max(0, -cols.after);
  return scratch.run(Slice, { x }, { begin: [0, top, left, 0], size: [n, height, width, c] });
}

export function explicitPad(spans: [Span, Span]): ExplicitPad {
  const [rows, cols] = spans;
  return [
    [0, 0],
    [Math.max(0, rows.before), Math.max(0, rows.after)],
    [Math.max(0, cols.before), Math.max(0, cols.after)],
    [0, 0],
  ];
}

/** Rows kept from a dimension of `size` once `span` is applied; <= 0 means nothing is read. */
export function keptSize(size: number, span: Span): number {
  return size - Math.max(0, -span.before) - Math.max(0, -span.after);
}

export function zeros(scratch: Scratch, shape: number[]): TensorInfo {
  return runKernel(Fill, scratch.backend, {}, { shape, value: 0, dtype: 'float32' });
}
