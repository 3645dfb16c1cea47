import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../core/nn/tf';
import { isWasmMemoryFailure, restartWasmBackend } from './wasmRestart';

function heapBytes(): number {
  return (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
}

describe('a fresh WASM backend after running out of memory', () => {
  it('recognises the messages of a WASM heap that ran out, and nothing else', () => {
    expect(isWasmMemoryFailure('Aborted(). Build with -sASSERTIONS for more info.')).toBe(true);
    expect(isWasmMemoryFailure('RuntimeError: memory access out of bounds')).toBe(true);
    expect(isWasmMemoryFailure('XNNPACK convolution create failed: xnn_status_out_of_memory')).toBe(true);
    expect(isWasmMemoryFailure('the NTK needs a batch of inputs; none was given')).toBe(false);
  });

  it('gives a new heap, smaller than the one a large tensor grew, where products still run', async () => {
    await restartWasmBackend();
    const big = tf.zeros([64, 1024, 1024]); // 256 MB: the heap grows past it and never shrinks
    big.dispose();
    const grown = heapBytes();
    expect(grown).toBeGreaterThan(256 * 2 ** 20);
    await restartWasmBackend();
    expect(heapBytes()).toBeLessThan(grown / 4);
    // Our matrix product is bound to the new module's memory: A·Aᵀ by hand.
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(Array.from(await tf.matMul(a, a, false, true).data())).toEqual([14, 32, 32, 77]);
    await tf.setBackend('cpu');
  });

  it('replaces a module that traps even when it is disposed (a heap broken by running out)', async () => {
    await restartWasmBackend();
    const broken = (tf.findBackend('wasm') as unknown as { wasm: { tfjs: { dispose: () => void } } }).wasm;
    broken.tfjs.dispose = () => {
      throw new WebAssembly.RuntimeError('memory access out of bounds');
    };
    await restartWasmBackend();
    expect((tf.findBackend('wasm') as unknown as { wasm: unknown }).wasm).not.toBe(broken);
    expect(Array.from(await tf.add(tf.scalar(2), tf.scalar(3)).data())).toEqual([5]);
    await tf.setBackend('cpu');
  });
});
