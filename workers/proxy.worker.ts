/// <reference lib="webworker" />
/** Worker entry: scores proxy jobs with the core, on the backend selectBackend() verified. */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { expose } from 'comlink';
import type { BackendPreference, BackendReport } from '../src/compute/backends/backendReport';
import { selectBackend } from '../src/compute/backends/selectBackend';
import { tf } from '../src/core/nn/tf';
import { runScoreJob, type ScoreJob, type ScoreResult } from '../src/core/proxies/scoreJob';

const wasmFiles = {
  'tfjs-backend-wasm.wasm': new URL(wasmPlain, self.location.href).href,
  'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, self.location.href).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreaded, self.location.href).href,
};

let report: Promise<BackendReport> | undefined;

const api = {
  init(preference: BackendPreference): Promise<BackendReport> {
    report ??= selectBackend(preference, wasmFiles);
    return report;
  },
  async score(job: ScoreJob): Promise<ScoreResult> {
    if (!report) throw new Error('worker used before init()');
    await report;
    return runScoreJob(job, tf.getBackend(), () => performance.now());
  },
};

export type ProxyWorkerApi = typeof api;
expose(api);
