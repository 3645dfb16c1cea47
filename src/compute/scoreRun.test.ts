import { describe, expect, it } from 'vitest';
import type { ScoreJob, ScoreResult } from '../core/proxies/scoreJob';
import { cacheKey } from './cacheKey';
import { MemoryScoreCache } from './scoreCache';
import { runScores, type ScoredJob } from './scoreRun';
import { CancelledError } from './workerPool';

const jobs: ScoreJob[] = [1, 2, 3, 4].map((cell) => ({
  space: 'nb201',
  cell,
  proxy: 'params',
  params: {},
  seed: 0,
  fidelity: 'quick',
  dataset: 'none',
}));

/** Stands in for the worker pool, which this test is not about. */
function fakeScorer(cancelAfter = Number.POSITIVE_INFINITY) {
  const calls: number[] = [];
  return {
    calls,
    async score(job: ScoreJob): Promise<ScoreResult> {
      if (calls.length >= cancelAfter) throw new CancelledError();
      calls.push(job.cell);
      return { value: job.cell * 10, details: {}, warnings: [], backend: 'fake', ms: 1 };
    },
  };
}

const quiet = { onProgress() {}, onError() {} };

describe('runScores', () => {
  it('serves cache hits without computing and caches what it computes', async () => {
    const cache = new MemoryScoreCache();
    const first = jobs[0]!;
    await cache.put({
      key: await cacheKey(first),
      job: first,
      result: { value: -1, details: {}, warnings: [], backend: 'cached', ms: 0 },
      savedAt: 0,
    });
    const scorer = fakeScorer();
    const rows: ScoredJob[] = [];
    const outcome = await runScores(jobs, scorer, cache, 2, { ...quiet, onResult: (r) => rows.push(r) });
    expect(outcome).toBe('finished');
    expect(scorer.calls.sort()).toEqual([2, 3, 4]);
    expect(rows.find((r) => r.job.cell === 1)).toMatchObject({ cached: true, result: { value: -1 } });
    expect(await cache.count()).toBe(4);
  });

  it('stops on cancel, keeps what finished, and a rerun computes only the rest', async () => {
    const cache = new MemoryScoreCache();
    const rows: ScoredJob[] = [];
    const outcome = await runScores(jobs, fakeScorer(2), cache, 1, {
      ...quiet,
      onResult: (r) => rows.push(r),
    });
    expect(outcome).toBe('cancelled');
    expect(rows.map((r) => r.job.cell)).toEqual([1, 2]);
    const again = fakeScorer();
    await runScores(jobs, again, cache, 1, { ...quiet, onResult() {} });
    expect(again.calls).toEqual([3, 4]);
  });

  it('stops dispatching when its signal aborts (a newer run superseded it)', async () => {
    const controller = new AbortController();
    const scorer = fakeScorer();
    const rows: ScoredJob[] = [];
    const outcome = await runScores(
      jobs,
      scorer,
      new MemoryScoreCache(),
      1,
      {
        ...quiet,
        onResult: (r) => {
          rows.push(r);
          controller.abort();
        },
      },
      controller.signal,
    );
    expect(outcome).toBe('cancelled');
    expect(scorer.calls).toEqual([1]);
    expect(rows).toHaveLength(1);
  });

  it('reports progress with an ETA from the mean time per job', async () => {
    let t = 0;
    const progress: { done: number; etaMs: number | null }[] = [];
    await runScores(
      jobs,
      fakeScorer(),
      new MemoryScoreCache(),
      1,
      { onResult() {}, onError() {}, onProgress: (p) => progress.push(p) },
      undefined,
      () => (t += 100),
    );
    expect(progress.at(-1)).toMatchObject({ done: 4, total: 4, etaMs: 0 });
    expect(progress[1]!.etaMs).toBeGreaterThan(0);
  });
});
