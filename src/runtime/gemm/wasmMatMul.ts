/**
 * A faster BatchMatMul for the tfjs WASM backend: our SIMD matrix product (assembly/gemm.ts) runs
 * directly on the backend's heap (it imports the same WebAssembly.Memory), so there is no copy.
 *
 * Why: @tensorflow/tfjs-backend-wasm 4.22's BatchMatMul reaches 1.6 GFLOP/s on a 1024³ product on
 * this machine and 0.02 GFLOP/s on a batch of 64 small products ([17, 192]ᵀ·[17, 768]), the shapes
 * of per-sample gradients; see docs/performance.md. Every matrix product of every proxy, forward and
 * backward, goes through this kernel once it is registered.
 *
 * A single product without transposes still goes to tfjs's kernel (XNNPACK: as fast here, and it keeps
 * forward passes bit-identical to before).
 *
 * A Gram matrix (A·Aᵀ or Aᵀ·A of one tensor) is computed as one triangle and mirrored.
 *
 * Semantics are tfjs's: rank ≥ 2 operands, transposeA / transposeB, and batch dimensions broadcast
 * as tfjs broadcasts them. Results equal tfjs's up to float32 summation order.
 */
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  BatchMatMul,
  type BatchMatMulAttrs,
  broadcast_util,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  registerKernel,
  type TensorInfo,
  unregisterKernel,
  util,
} from '@tensorflow/tfjs-core';
import { bindSimd, heapOffset } from './simdModule';

const BACKEND = 'wasm';

/** The WASM backend's own BatchMatMul, kept for plain products and for unregisterWasmMatMul. */
let original: KernelConfig | undefined;

/** Flat index into an operand's batch, from the output batch's multi-index (broadcasting). */
function batchIndex(outer: readonly number[], outShape: readonly number[], flat: number): number {
  let index = 0;
  let stride = 1;
  let rest = flat;
  const shift = outShape.length - outer.length;
  for (let d = outShape.length - 1; d >= 0; d--) {
    const coordinate = rest % outShape[d]!;
    rest = Math.floor(rest / outShape[d]!);
    const size = d - shift >= 0 ? outer[d - shift]! : 1;
    if (d - shift >= 0) {
      index += (size === 1 ? 0 : coordinate) * stride;
      stride *= size;
    }
  }
  return index;
}

function batchMatMul(args: {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
  attrs: BatchMatMulAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') {
    throw new Error('BatchMatMul needs float32 operands');
  }
  const ra = a.shape.length;
  const rb = b.shape.length;
  const [aRows, aCols] = [a.shape[ra - 2]!, a.shape[ra - 1]!];
  const [bRows, bCols] = [b.shape[rb - 2]!, b.shape[rb - 1]!];
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const kb = transposeB ? bCols : bRows;
  const n = transposeB ? bRows : bCols;
  util.assert(
    k === kb,
    () =>
      `Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ${a.shape} and ${b.shape} ` +
      `and transposeA=${transposeA} and transposeB=${transposeB} must match.`,
  );
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const outer = broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
  const batches = util.sizeFromShape(outer);
  const ours = bindSimd(backend);
  if (original && (ours === null || (!transposeA && !transposeB && batches === 1))) {
    // One plain product: tfjs's own (XNNPACK) kernel is as fast, and forward passes stay bit-identical.
    return (original.kernelFunc as unknown as typeof batchMatMul)(args);
  }
  const out = backend.makeOutput([...outer, m, n], 'float32');
  if (batches === 0 || m === 0 || n === 0) return out;
  if (!ours) throw new Error('wasm matMul: neither our kernel nor tfjs own is available');
  const { exports: kernels, pack } = ours;
  const pa = heapOffset(backend, a);
  const pb = heapOffset(backend, b);
  const pc = heapOffset(backend, out);
  // tfjs's allocator answers 0 when the heap cannot grow (4 GB): writing there would wreck the heap.
  if (pa === 0 || pb === 0 || pc === 0) {
    backend.disposeData(out.dataId);
    throw new Error('out of memory: the WASM heap could not hold a matrix product');
  }
  // Element (i, k) of op(A) sits at i·aRow + k·aCol (floats) in A's matrix; likewise for B.
  const [aRow, aCol] = transposeA ? [1, aCols] : [aCols, 1];
  const [bRow, bCol] = transposeB ? [1, bCols] : [bCols, 1];
  const sameBatch = util.arraysEqual(outerA, outer) && util.arraysEqual(outerB, outer);
  // A·Aᵀ or Aᵀ·A of the same tensor (a Gram matrix): compute one triangle.
  const symmetric = a.dataId === b.dataId && sameBatch && transposeA !== transposeB ? 1 : 0;
  for (let t = 0; t < batches; t++) {
    const ia = sameBatch ? t : batchIndex(outerA, outer, t);
    const ib = sameBatch ? t : batchIndex(outerB, outer, t);
    kernels.gemm(
      pa + ia * aRows * aCols * 4,
      aRow,
      aCol,
      pb + ib * bRows * bCols * 4,
      bRow,
      bCol,
      pc + t * m * n * 4,
      n,
      m,
      n,
      k,
      0,
      symmetric,
      pack,
    );
  }
  return out;
}

/** Replaces the WASM backend's BatchMatMul with ours (idempotent). */
export function registerWasmMatMul(): void {
  const current = getKernel(BatchMatMul, BACKEND) as KernelConfig | undefined;
  if (current?.kernelFunc === (batchMatMul as unknown as KernelFunc)) return;
  original ??= current;
  if (current) unregisterKernel(BatchMatMul, BACKEND);
  registerKernel({
    kernelName: BatchMatMul,
    backendName: BACKEND,
    kernelFunc: batchMatMul as unknown as KernelFunc,
    // A backend started after this point sets up the kernels registered then: ours stands in for
    // tfjs's, whose setup binds the C function we still call for plain products.
    setupFunc: (backend) => original?.setupFunc?.(backend),
  });
}

/** Puts tfjs's own kernel back (for the benchmark's before/after). */
export function unregisterWasmMatMul(): void {
  const current = getKernel(BatchMatMul, BACKEND) as KernelConfig | undefined;
  if (current?.kernelFunc !== (batchMatMul as unknown as KernelFunc) || !original) return;
  unregisterKernel(BatchMatMul, BACKEND);
  registerKernel(original);
}
