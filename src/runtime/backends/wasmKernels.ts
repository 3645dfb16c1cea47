/**
 * Our kernels for the tfjs WASM backend, registered together wherever that backend is used (workers,
 * command line, tests, bench): the convolution gradients tfjs lacks or runs slowly, a matrix
 * product that is fast for transposed and batched operands, and train-mode BatchNorm's gradient as
 * one kernel (docs/performance.md).
 */
import { registerWasmMatMul } from '../gemm/wasmMatMul';
import { registerWasmBatchNormGrad } from './wasmBatchNormGrad';
import { registerWasmConvGradients } from './wasmConvGradients';

export function registerWasmKernels(): void {
  registerWasmConvGradients();
  registerWasmBatchNormGrad();
  registerWasmMatMul();
}
