import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../core/nn/tf';
import { registerWasmKernels } from '../runtime/backends/wasmKernels';

/** Runs on the wasm backend (with our convolution gradients), then returns to cpu. */
export async function onWasm<T>(run: () => Promise<T>): Promise<T> {
  registerWasmKernels();
  await tf.setBackend('wasm');
  try {
    return await run();
  } finally {
    await tf.setBackend('cpu');
  }
}
