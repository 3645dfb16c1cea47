import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvGradients } from '../compute/backends/wasmConvGradients';
import { tf } from '../core/nn/tf';

/** Runs on the wasm backend (with our convolution gradients), then returns to cpu. */
export async function onWasm<T>(run: () => Promise<T>): Promise<T> {
  registerWasmConvGradients();
  await tf.setBackend('wasm');
  try {
    return await run();
  } finally {
    await tf.setBackend('cpu');
  }
}
