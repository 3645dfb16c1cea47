/**
 * Picks the tfjs backend inside a worker: WebGPU, then WASM, then CPU (or a preferred one first),
 * verifying each choice with tf.getBackend() because setBackend can silently fall through.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../core/nn/tf';
import type { BackendName, BackendPreference, BackendReport } from './backendReport';
import { registerWasmKernels } from './wasmKernels';

export interface WasmFiles {
  'tfjs-backend-wasm.wasm': string;
  'tfjs-backend-wasm-simd.wasm': string;
  'tfjs-backend-wasm-threaded-simd.wasm': string;
}

interface Attempt {
  ok: boolean;
  label: string;
  why: string;
}

async function tryWebGpu(): Promise<Attempt> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { ok: false, label: '', why: 'this browser has no WebGPU' };
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { ok: false, label: '', why: 'no WebGPU adapter' };
  if (!(await tf.setBackend('webgpu')) || tf.getBackend() !== 'webgpu') {
    return { ok: false, label: '', why: 'WebGPU backend failed to start' };
  }
  // adapter.info is newer than the @webgpu/types version tfjs ships with.
  const info = (adapter as { info?: { vendor?: string; architecture?: string } }).info;
  const name = info?.architecture === 'swiftshader' ? 'SwiftShader' : info?.vendor || 'GPU';
  return {
    ok: true,
    label: `WebGPU (${name})`,
    why: `adapter ${info?.vendor ?? '?'} ${info?.architecture ?? ''}`.trim(),
  };
}

async function tryWasm(files: WasmFiles | undefined): Promise<Attempt> {
  if (files) setWasmPaths(files);
  // tfjs-backend-wasm 4.22's pthread helper, started from a blob inside a bundled module worker,
  // dies with "ReferenceError: e is not defined" and the backend never starts. Until that is
  // fixed upstream we take the single-threaded SIMD build, which works everywhere.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmKernels();
  if (!(await tf.setBackend('wasm')) || tf.getBackend() !== 'wasm') {
    return { ok: false, label: '', why: 'WASM backend failed to start' };
  }
  const threads = getThreadsCount();
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  return {
    ok: true,
    label: `WASM (${simd ? 'SIMD, ' : ''}${threads} thread${threads === 1 ? '' : 's'})`,
    why: 'single-threaded build (tfjs 4.22 threads fail in bundled workers)',
  };
}

async function tryCpu(): Promise<Attempt> {
  if (!(await tf.setBackend('cpu')) || tf.getBackend() !== 'cpu') {
    return { ok: false, label: '', why: 'CPU backend failed to start' };
  }
  return { ok: true, label: 'CPU (plain JS, slow)', why: 'last resort' };
}

export async function selectBackend(
  preference: BackendPreference,
  wasmFiles?: WasmFiles,
): Promise<BackendReport> {
  const order: BackendName[] = ['webgpu', 'wasm', 'cpu'];
  const tries = preference === 'auto' ? order : [preference, ...order.filter((b) => b !== preference)];
  const failures: string[] = [];
  for (const name of tries) {
    let attempt: Attempt;
    try {
      attempt =
        name === 'webgpu' ? await tryWebGpu() : name === 'wasm' ? await tryWasm(wasmFiles) : await tryCpu();
    } catch (error) {
      attempt = {
        ok: false,
        label: '',
        why: error instanceof Error ? error.message.slice(0, 120) : 'failed',
      };
    }
    if (attempt.ok) {
      const chosen = preference === 'auto' || preference === name ? '' : ` (asked for ${preference})`;
      const fallback = failures.length ? `${failures.join('; ')}; ` : '';
      return { name, label: attempt.label, reason: `${fallback}${attempt.why}${chosen}` };
    }
    failures.push(`${name}: ${attempt.why}`);
  }
  throw new Error(`no tfjs backend could start: ${failures.join('; ')}`);
}
