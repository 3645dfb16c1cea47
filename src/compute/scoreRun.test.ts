import { describe, expect, it } from 'vitest';
import {
  nb201CellOf,
  nb201Job,
  runScoreJob,
  type ScoreJob,
  type ScoreResult,
} from '../core/proxies/scoreJob';
import { createBatchLoader } from '../runtime/batchLoader';
import { cacheKey } from './cacheKey';
import { MemoryScoreCache } from './scoreCache';
import { runScores, type ScoredJob } from './scoreRun';
import { CancelledError } from './workerPool';

const jobs: ScoreJob[] = [1, 2, 3, 4].map((cell) =>
  nb201Job(cell, { proxy: 'params', params: {}, seed: 0, fidelity: 'quick', dataset: 'none' }),
);
const cellOf = (job: ScoreJob): number => nb201CellOf(job)!;

/** Stands in for the worker pool, which this test is not about. */
function fakeScorer(cancelAfter = Number.POSITIVE_INFINITY) {
  const calls: number[] = [];
  return {
    calls,
    async score(job: ScoreJob): Promise<ScoreResult> {
      if (calls.length >= cancelAfter) throw new CancelledError();
      calls.push(cellOf(job));
      return { value: cellOf(job) * 10, details: {}, warnings: [], backend: 'fake', ms: 1 };
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
    expect(rows.find((r) => cellOf(r.job) === 1)).toMatchObject({ cached: true, result: { value: -1 } });
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
    expect(rows.map((r) => cellOf(r.job))).toEqual([1, 2]);
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

  it("reports a job whose shard is missing as an error with the loader's message, and runs the rest", async () => {
    // The worker's path without the worker: runScoreJob over a loader whose fetch finds nothing.
    const load = createBatchLoader({
      fetch: async () => ({
        ok: false,
        status: 404,
        statusText: 'Not Found',
        headers: { get: () => null },
        arrayBuffer: async () => new ArrayBuffer(0),
      }),
      dataUrl: 'https://app.test/data/',
    });
    const scorer = { score: (job: ScoreJob) => runScoreJob(job, 'cpu', () => 0, load) };
    const nwot = nb201Job(7, {
      proxy: 'nwot',
      params: {},
      seed: 0,
      fidelity: 'quick',
      dataset: 'cifar10-train n=2 seed=0',
    });
    const errors: [ScoreJob, string][] = [];
    const rows: ScoredJob[] = [];
    const cache = new MemoryScoreCache();
    const outcome = await runScores([nwot, jobs[0]!], scorer, cache, 1, {
      onProgress() {},
      onResult: (r) => rows.push(r),
      onError: (job, message) => errors.push([job, message]),
    });
    expect(outcome).toBe('finished');
    expect(errors).toEqual([
      [
        nwot,
        'public/data/cifar10-train.bin is missing (HTTP 404 Not Found for https://app.test/data/cifar10-train.bin): ' +
          'run `npm run prepare-data` to create the data shards, then try again',
      ],
    ]);
    expect(rows.map((r) => r.job)).toEqual([jobs[0]]);
    // Only the scored job is cached: the failed one runs again next time.
    expect(await cache.count()).toBe(1);
  });

  it('computes every job when the cache cannot be read, and says so once', async () => {
    const cache = new MemoryScoreCache();
    cache.getMany = () => Promise.reject(new Error('UnknownError: the database connection is closing'));
    const problems: string[] = [];
    const rows: ScoredJob[] = [];
    const outcome = await runScores(jobs, fakeScorer(), cache, 2, {
      ...quiet,
      onResult: (r) => rows.push(r),
      onCacheProblem: (m) => problems.push(m),
    });
    expect(outcome).toBe('finished');
    expect(rows.map((r) => r.result.value).sort((a, b) => a - b)).toEqual([10, 20, 30, 40]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/could not be read .*database connection is closing/);
  });

  it('keeps delivering scores when cache writes fail (quota exceeded), saying so once', async () => {
    const cache = new MemoryScoreCache();
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    cache.put = () => Promise.reject(quota);
    const problems: string[] = [];
    const rows: ScoredJob[] = [];
    await runScores(jobs, fakeScorer(), cache, 2, {
      ...quiet,
      onResult: (r) => rows.push(r),
      onCacheProblem: (m) => problems.push(m),
    });
    expect(rows).toHaveLength(4);
    expect(problems).toEqual([
      'new scores could not be kept in the score cache (QuotaExceededError: The quota has been exceeded.): they stay on this page until it is closed',
    ]);
  });
});
