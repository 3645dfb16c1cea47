/**
 * A fresh WASM backend after an out-of-memory failure. tfjs-wasm's heap only grows, and once
 * Emscripten aborts (or XNNPACK cannot allocate) the module is broken for every later job: "memory
 * access out of bounds" everywhere. Re-registering the backend makes a new module with a new heap,
 * so the failed job fails alone and the next one runs. Tensors of the old backend are gone with it.
 */
import { tf } from '../../core/nn/tf';
import { registerWasmKernels } from './wasmKernels';

/** Messages of a WASM heap that ran out or was broken by running out. */
export function isWasmMemoryFailure(message: string): boolean {
  return /Aborted\(|memory access out of bounds|out of memory|Cannot enlarge memory|failed to (allocate|create)|xnn_status/i.test(
    message,
  );
}

/** Replaces the WASM backend by a new instance (new module, empty heap) and makes it current. */
export async function restartWasmBackend(): Promise<void> {
  const factory = tf.findBackendFactory('wasm');
  if (!factory) throw new Error('the wasm backend is not registered');
  // Disposing a module whose heap is broken can trap too; it is being thrown away either way.
  const old = tf.findBackend('wasm');
  if (old) {
    const dispose = old.dispose.bind(old);
    old.dispose = () => {
      try {
        dispose();
      } catch {
        // the old module is unusable; nothing of it is kept
      }
    };
  }
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', factory, 2);
  registerWasmKernels();
  if (!(await tf.setBackend('wasm')) || tf.getBackend() !== 'wasm') {
    throw new Error('a fresh wasm backend could not start');
  }
}
