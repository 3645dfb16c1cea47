/**
 * What every command-line script (npm run score, validate:*, build:*, bench) starts with: a one-line
 * failure with exit code 2, and a tfjs backend in Node that is checked to be the one asked for.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../src/core/nn/tf';
import { registerWasmKernels } from '../../src/runtime/backends/wasmKernels';

/** A `fail(message)` that prints "name: message" (and `usage`, if given) and exits with code 2. */
export function failWith(name: string, usage?: string): (message: string) => never {
  return (message) => {
    console.error(`${name}: ${message}`);
    if (usage) console.error(usage);
    process.exit(2);
  };
}

/** The tfjs backends a script can run on in Node. */
export type NodeBackend = 'wasm' | 'cpu';

export const isNodeBackend = (name: string): name is NodeBackend => name === 'wasm' || name === 'cpu';

/**
 * Starts `backend` in this process as the app's workers do (our WASM kernels registered first) and
 * checks that tfjs runs on it; otherwise fails with the reason.
 */
export async function startNodeBackend(
  backend: NodeBackend,
  fail: (message: string) => never,
): Promise<void> {
  if (backend === 'wasm') registerWasmKernels();
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) {
    fail(`the ${backend} backend could not start`);
  }
}
