/**
 * "Recompute live" in the lecture: the shown jobs computed again in the workers, past every cache,
 * and each new value compared with the one on screen (pre-scored or cached). The new values are
 * not stored: they only show that the shipped numbers are what this browser computes.
 */
import { create } from 'zustand';
import { MemoryScoreCache } from '../compute/scoreCache';
import { runScores } from '../compute/scoreRun';
import type { ScoreJob } from '../core/proxies/scoreJob';
import { getPool } from './explorerScoring';
import { jobId, lectureConcurrency, lectureScorer, useLectureScores } from './lectureScoring';

export interface LiveRecompute {
  status: 'idle' | 'running' | 'finished' | 'cancelled';
  done: number;
  total: number;
  /** Jobs whose recomputed value could be compared with a shown one. */
  compared: number;
  /** Largest |new − shown| / max(|shown|, 1e-12) over the compared jobs. */
  maxRelDiff: number;
  failed: number;
}

export const useLiveRecompute = create<LiveRecompute>()(() => ({
  status: 'idle',
  done: 0,
  total: 0,
  compared: 0,
  maxRelDiff: 0,
  failed: 0,
}));

let controller: AbortController | undefined;

/** Relative difference of a recomputed score from the shown one (equal non-finite values: 0). */
export function relativeDifference(recomputed: number, shown: number): number {
  if (recomputed === shown) return 0;
  if (!Number.isFinite(recomputed) || !Number.isFinite(shown)) return Number.POSITIVE_INFINITY;
  return Math.abs(recomputed - shown) / Math.max(Math.abs(shown), 1e-12);
}

export async function recomputeLectureLive(jobs: readonly ScoreJob[]): Promise<void> {
  controller?.abort();
  const mine = new AbortController();
  controller = mine;
  const set = useLiveRecompute.setState;
  set({ status: 'running', done: 0, total: jobs.length, compared: 0, maxRelDiff: 0, failed: 0 });
  const outcome = await runScores(
    jobs,
    lectureScorer(),
    new MemoryScoreCache(),
    lectureConcurrency(),
    {
      onResult: ({ job, result }) => {
        if (controller !== mine) return;
        const shown = useLectureScores.getState().results[jobId(job)]?.value;
        set((s) => ({
          done: s.done + 1,
          ...(shown === undefined
            ? {}
            : {
                compared: s.compared + 1,
                maxRelDiff: Math.max(s.maxRelDiff, relativeDifference(result.value, shown)),
              }),
        }));
      },
      onProgress: () => {},
      onError: () => {
        if (controller === mine) set((s) => ({ done: s.done + 1, failed: s.failed + 1 }));
      },
    },
    mine.signal,
  );
  if (controller === mine) set({ status: outcome });
}

export function cancelLiveRecompute(): void {
  controller?.abort();
  controller = undefined;
  getPool().cancelAll();
  useLiveRecompute.setState({ status: 'cancelled' });
}
