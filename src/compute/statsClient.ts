/**
 * The page's side of the statistics worker: one worker, started on first use. Where a worker cannot
 * start (or dies), the intervals are computed here instead, after the current frame, so the numbers
 * still come, only less smoothly.
 */
import { type Remote, transfer, wrap } from 'comlink';
import type { StatsWorkerApi } from '../../workers/stats.worker';
import { type CorrelationSummary, correlationWithIntervals } from '../core/stats/correlationSummary';

let worker: Remote<StatsWorkerApi> | null | undefined;
let raw: Worker | undefined;

function statsWorker(): Remote<StatsWorkerApi> | null {
  if (worker === undefined) {
    try {
      raw = new Worker(new URL('../../workers/stats.worker.ts', import.meta.url), { type: 'module' });
      worker = wrap<StatsWorkerApi>(raw);
    } catch {
      worker = null;
    }
  }
  return worker;
}

function onThisThread(x: readonly number[], y: readonly number[]): Promise<CorrelationSummary> {
  return new Promise((resolve) => setTimeout(() => resolve(correlationWithIntervals(x, y)), 0));
}

/** ρ and τ with their bootstrap intervals (the same numbers as correlationWithIntervals). */
export async function correlationIntervals(
  x: readonly number[],
  y: readonly number[],
): Promise<CorrelationSummary> {
  const remote = statsWorker();
  if (!remote) return onThisThread(x, y);
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  try {
    return await remote.correlation(transfer(xs, [xs.buffer]), transfer(ys, [ys.buffer]));
  } catch {
    raw?.terminate();
    worker = null;
    return onThisThread(x, y);
  }
}
