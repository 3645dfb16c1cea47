/// <reference lib="webworker" />
/**
 * Training of candidate networks inside the proxy worker (exposed through its comlink api): loads
 * the dataset's shards once (public/data, relative to the app's base URL), trains by the job's
 * schedule on the backend the worker chose, reports progress at most every 250 ms (and each point of
 * the test-accuracy curve when evalEvery is set, at once), and stops between steps when
 * cancelTraining(id) is called for the run.
 */

import { runTrainJob, type TrainJob, type TrainJobResult } from '../src/core/train/trainJob';
import { dataFolderUrl } from '../src/runtime/batchLoader';
import { createDatasetLoader } from '../src/runtime/datasetLoader';

export interface TrainRequest extends TrainJob {
  /** Names the run for cancelTraining; unique among the runs of one worker. */
  id: string;
  /** Also measure test accuracy every this many steps (a positive integer): the result's curve. */
  evalEvery?: number;
}

export interface TrainProgress {
  id: string;
  /** Steps done so far and in all. */
  step: number;
  totalSteps: number;
  /** Mean training loss of the last step's batch. */
  loss: number;
  elapsedMs: number;
  /** The curve point just measured (with evalEvery); such a report is never held back. */
  evaluation?: { step: number; accuracy: number };
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
  const { evalEvery } = request;
  if (evalEvery !== undefined && !(Number.isInteger(evalEvery) && evalEvery >= 1)) {
    throw new Error(`evalEvery must be a whole number of steps, at least 1; got ${String(evalEvery)}`);
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  let lastSent = Number.NEGATIVE_INFINITY;
  let last = { step: 0, totalSteps: 0, loss: Number.NaN };
  // Not awaited: the page may have gone; a lost progress message must not stop training.
  const send = (progress: TrainProgress) => Promise.resolve(onProgress?.(progress)).catch(() => undefined);
  const report = (step: number, loss: number, elapsedMs: number, totalSteps: number) => {
    const done = step + 1;
    last = { step: done, totalSteps, loss };
    if (!onProgress || (elapsedMs - lastSent < PROGRESS_EVERY_MS && done < totalSteps)) return;
    lastSent = elapsedMs;
    send({ id: request.id, ...last, elapsedMs });
  };
  const evaluated = (step: number, accuracy: number, elapsedMs: number) => {
    if (onProgress) send({ id: request.id, ...last, elapsedMs, evaluation: { step, accuracy } });
  };
  const curve = evalEvery === undefined ? {} : { evalEvery, onEvaluate: evaluated };
  try {
    return await runTrainJob(request, loadDataset, {
      signal: controller.signal,
      onProgress: report,
      ...curve,
    });
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
