/**
 * Our kernels for the tfjs WASM backend, registered together wherever that backend is used (workers,
 * command line, tests, bench): the convolution gradients tfjs lacks or runs slowly, and a matrix
 * product that is fast for transposed and batched operands (docs/performance.md).
 */
import { registerWasmMatMul } from '../../runtime/gemm/wasmMatMul';
import { registerWasmConvGradients } from './wasmConvGradients';

export function registerWasmKernels(): void {
  registerWasmConvGradients();
  registerWasmMatMul();
}
