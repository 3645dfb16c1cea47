/// <reference lib="webworker" />
/**
 * Worker entry: scores proxy jobs with the core, on the backend selectBackend() verified. Data
 * proxies get their batch from public/data (fetched once per dataset, relative to the app's base
 * URL); a missing or broken shard rejects the job with a message naming the file and the fix.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { expose } from 'comlink';
import { tf } from '../src/core/nn/tf';
import { runScoreJob, type ScoreJob, type ScoreResult } from '../src/core/proxies/scoreJob';
import { nb201WholeSpace, type WholeSpaceProxy } from '../src/core/proxies/wholeSpace';
import type { FidelityPreset } from '../src/core/spaces/fidelity';
import type { TrainJobResult } from '../src/core/train/trainJob';
import type { BackendPreference, BackendReport } from '../src/runtime/backends/backendReport';
import { type DeviceWatch, dieWhenDeviceLost, untilWorkerEnds } from '../src/runtime/backends/deviceLoss';
import { selectBackend } from '../src/runtime/backends/selectBackend';
import { createBatchLoader, dataFolderUrl } from '../src/runtime/batchLoader';
import { cancelTraining, type TrainProgressCallback, type TrainRequest, trainCandidate } from './trainApi';

const wasmFiles = {
  'tfjs-backend-wasm.wasm': new URL(wasmPlain, self.location.href).href,
  'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, self.location.href).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreaded, self.location.href).href,
};

let report: Promise<BackendReport> | undefined;
let device: DeviceWatch | undefined;

const loadBatch = createBatchLoader({
  fetch: (url) => fetch(url),
  dataUrl: dataFolderUrl(import.meta.env.BASE_URL, self.location.href),
});

/** A lost WebGPU device stops this worker, so the pool moves its job to the next backend. */
function watchDevice(chosen: BackendReport): void {
  if (chosen.name !== 'webgpu') return;
  device = dieWhenDeviceLost((tf.backend() as unknown as { device?: GPUDevice }).device);
}

const api = {
  init(preference: BackendPreference): Promise<BackendReport> {
    report ??= selectBackend(preference, wasmFiles).then((chosen) => {
      watchDevice(chosen);
      return chosen;
    });
    return report;
  },
  async score(job: ScoreJob): Promise<ScoreResult> {
    if (!report) throw new Error('worker used before init()');
    await report;
    try {
      return await runScoreJob(job, tf.getBackend(), () => performance.now(), loadBatch);
    } catch (error) {
      // Failed because the device went away: the pool retries it once this worker has died.
      if (await device?.lostWithin(2_000)) return untilWorkerEnds();
      throw error;
    }
  },
  /** Trains one candidate by a short, seeded, labelled schedule (ground truth). */
  async train(request: TrainRequest, onProgress?: TrainProgressCallback): Promise<TrainJobResult> {
    if (!report) throw new Error('worker used before init()');
    await report;
    return trainCandidate(request, onProgress);
  },
  /** Stops the named training run after its current step; false if none is running. */
  cancelTraining(id: string): boolean {
    return cancelTraining(id);
  },
  /** params or flops of all 15 625 NB201 cells, in index order (no tfjs needed). */
  wholeSpace(proxy: WholeSpaceProxy, fidelity: FidelityPreset): Promise<Float64Array> {
    return nb201WholeSpace(proxy, fidelity);
  },
};

export type ProxyWorkerApi = typeof api;
expose(api);
