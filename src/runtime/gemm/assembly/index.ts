// The one WebAssembly module of our tfjs WASM kernels (scripts/build-gemm.ts compiles this entry).
export { gemm, packBytes } from './gemm';
export { convFilter } from './convFilter';
export { convInput, convInputScratchBytes } from './convInput';
export { batchNormGrad, batchNormGradScratchBytes } from './batchNormGrad';
