/// <reference lib="webworker" />
/**
 * Training of candidate networks inside the proxy worker (exposed through its comlink api): loads
 * the dataset's shards once (public/data, relative to the app's base URL), trains by the job's
 * schedule on the backend the worker chose, reports progress at most every 250 ms, and stops
 * between steps when cancelTraining(id) is called for the run.
 */
import { dataFolderUrl } from '../src/compute/batchLoader';
import { createDatasetLoader } from '../src/compute/datasetLoader';
import { runTrainJob, type TrainJob, type TrainJobResult } from '../src/core/train/trainJob';

export interface TrainRequest extends TrainJob {
  /** Names the run for cancelTraining; unique among the runs of one worker. */
  id: string;
}

export interface TrainProgress {
  id: string;
  /** Steps done so far and in all. */
  step: number;
  totalSteps: number;
  /** Mean training loss of the last step's batch. */
  loss: number;
  elapsedMs: number;
}

/** Progress callback; across comlink it is a proxy() whose calls return promises. */
export type TrainProgressCallback = (progress: TrainProgress) => unknown;

const PROGRESS_EVERY_MS = 250;

const loadDataset = createDatasetLoader({
  fetch: (url) => fetch(url),
  dataUrl: dataFolderUrl(import.meta.env.BASE_URL, self.location.href),
});

const running = new Map<string, AbortController>();

/**
 * Trains one candidate and resolves with its accuracy, loss curve and schedule label. Rejects
 * with a plain message when the job cannot run, and with an error named TrainingCancelledError
 * when cancelled. Call after the worker's init() has chosen a backend.
 */
export async function trainCandidate(
  request: TrainRequest,
  onProgress?: TrainProgressCallback,
): Promise<TrainJobResult> {
  if (running.has(request.id)) throw new Error(`a training run named ${request.id} is already running`);
  const controller = new AbortController();
  running.set(request.id, controller);
  let lastSent = Number.NEGATIVE_INFINITY;
  const report = (step: number, loss: number, elapsedMs: number, totalSteps: number) => {
    const done = step + 1;
    if (!onProgress || (elapsedMs - lastSent < PROGRESS_EVERY_MS && done < totalSteps)) return;
    lastSent = elapsedMs;
    // Not awaited: the page may have gone; a lost progress message must not stop training.
    Promise.resolve(onProgress({ id: request.id, step: done, totalSteps, loss, elapsedMs })).catch(
      () => undefined,
    );
  };
  try {
    return await runTrainJob(request, loadDataset, { signal: controller.signal, onProgress: report });
  } finally {
    running.delete(request.id);
  }
}

/** Asks the run named `id` to stop after its current step; false when no such run is going. */
export function cancelTraining(id: string): boolean {
  const controller = running.get(id);
  if (!controller) return false;
  controller.abort();
  return true;
}
