/**
 * Our WebAssembly SIMD module (assembly/index.ts: the matrix product and the convolution weight
 * gradient), instantiated on the tfjs WASM backend's own memory so that it runs on tensors where
 * they are, without copies. Shared by the kernels that call it (wasmMatMul.ts, and
 * src/runtime/backends/wasmConvGradients.ts).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { GEMM_WASM_BASE64 } from './gemmWasm';

export interface SimdExports {
  packBytes(): number;
  gemm(
    a: number,
    aRow: number,
    aCol: number,
    b: number,
    bRow: number,
    bCol: number,
    c: number,
    cRow: number,
    m: number,
    n: number,
    k: number,
    accumulate: number,
    symmetric: number,
    pack: number,
  ): void;
  convFilter(
    x: number,
    dy: number,
    dw: number,
    batch: number,
    inH: number,
    inW: number,
    ci: number,
    outH: number,
    outW: number,
    co: number,
    kh: number,
    kw: number,
    strideH: number,
    strideW: number,
    padTop: number,
    padLeft: number,
  ): void;
  batchNormGradScratchBytes(c: number): number;
  batchNormGrad(
    x: number,
    dy: number,
    mean: number,
    r: number,
    gamma: number,
    dx: number,
    dGamma: number,
    dBeta: number,
    scratch: number,
    m: number,
    c: number,
  ): void;
  convInputScratchBytes(kh: number, kw: number, ci: number, co: number): number;
  convInput(
    dy: number,
    w: number,
    dx: number,
    scratch: number,
    batch: number,
    inH: number,
    inW: number,
    ci: number,
    outH: number,
    outW: number,
    co: number,
    kh: number,
    kw: number,
    strideH: number,
    strideW: number,
    padTop: number,
    padLeft: number,
  ): void;
}

/** What we need of the Emscripten module behind the WASM backend. */
interface EmscriptenModule {
  asm?: { memory?: WebAssembly.Memory };
  wasmMemory?: WebAssembly.Memory;
  _malloc(bytes: number): number;
}

export interface SimdBinding {
  exports: SimdExports;
  /** 16-byte aligned scratch inside the backend's heap, packBytes() long: the matrix product's packed
   * panels, or the input gradient's transposed filter. */
  pack: number;
  packBytes: number;
}

let compiled: WebAssembly.Module | undefined;
/** Our instance on the current backend; null where it cannot be made (then tfjs's kernels run). */
let bound: SimdBinding | null | undefined;
let boundTo: EmscriptenModule | undefined;

function simdModule(): WebAssembly.Module {
  if (!compiled) {
    const bytes = Uint8Array.from(atob(GEMM_WASM_BASE64), (c) => c.charCodeAt(0));
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/**
 * Our instance on this backend's memory (made again if the backend was re-created), or null where
 * the backend's memory cannot be imported: the threaded build's memory is shared, which our module
 * does not declare, and then tfjs's own kernels do the work.
 */
export function bindSimd(backend: BackendWasm): SimdBinding | null {
  const module = backend.wasm as unknown as EmscriptenModule;
  if (boundTo === module && bound !== undefined) return bound;
  boundTo = module;
  const memory = module.asm?.memory ?? module.wasmMemory;
  try {
    if (!memory || memory.buffer instanceof ArrayBuffer === false) throw new Error('no plain memory');
    const instance = new WebAssembly.Instance(simdModule(), { env: { memory } });
    const exports = instance.exports as unknown as SimdExports;
    const raw = module._malloc(exports.packBytes() + 16);
    if (raw === 0) throw new Error('no scratch memory');
    bound = { exports, pack: (raw + 15) & ~15, packBytes: exports.packBytes() };
  } catch {
    bound = null;
  }
  return bound;
}

/** Byte offset of a tensor's data in the backend's heap. */
export function heapOffset(backend: BackendWasm, t: TensorInfo): number {
  return (backend.dataIdMap.get(t.dataId) as unknown as { memoryOffset: number }).memoryOffset;
}

/**
 * Heap offsets of `tensors`, in order. tfjs's allocator answers 0 when the heap cannot grow (4 GB),
 * and writing there would wreck the heap: then `outputs` are freed and an out-of-memory error names
 * `what`.
 */
export function heapOffsets(
  backend: BackendWasm,
  tensors: readonly TensorInfo[],
  outputs: readonly TensorInfo[],
  what: string,
): number[] {
  const offsets = tensors.map((t) => heapOffset(backend, t));
  if (offsets.includes(0)) {
    for (const t of outputs) backend.disposeData(t.dataId);
    throw new Error(`out of memory: the WASM heap could not hold ${what}`);
  }
  return offsets;
}
