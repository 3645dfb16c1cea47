/**
 * Scores a list of jobs: cache first, then the worker pool for the misses, writing each new
 * result to the cache and reporting it as it lands.
 */
import type { ScoreJob, ScoreResult } from '../core/proxies/scoreJob';
import { cacheKey } from './cacheKey';
import type { ScoreCache } from './scoreCache';
import { CancelledError } from './workerPool';

export interface ScoredJob {
  key: string;
  job: ScoreJob;
  result: ScoreResult;
  cached: boolean;
  /** From a pre-scored set that ships with the app (made by `npm run score`), not computed here. */
  prescored?: boolean;
  /** From a scores file the user loaded (npm run score's JSON lines), not computed here. */
  imported?: boolean;
}

export interface RunProgress {
  done: number;
  total: number;
  /** Estimated milliseconds left, from the mean time per computed job so far. */
  etaMs: number | null;
}

export interface ScoreRunHooks {
  onResult(row: ScoredJob): void;
  onProgress(progress: RunProgress): void;
  /** `key` is the job's cache key, as onResult gets it. */
  onError(job: ScoreJob, message: string, key: string): void;
  /**
   * The cache failed (a read, or a write: quota exceeded, storage gone). The run goes on without it:
   * an unreadable cache means every job is computed; an unwritable one, that new scores stay on the
   * page only. Reported once per kind of failure per run.
   */
  onCacheProblem?(message: string): void;
}

const reason = (error: unknown) =>
  (error instanceof Error
    ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
    : String(error)
  ).slice(0, 200);

export interface Scorer {
  score(job: ScoreJob): Promise<ScoreResult>;
}

export async function runScores(
  jobs: readonly ScoreJob[],
  scorer: Scorer,
  cache: ScoreCache,
  concurrency: number,
  hooks: ScoreRunHooks,
  signal?: AbortSignal,
  now: () => number = () => performance.now(),
): Promise<'finished' | 'cancelled'> {
  const keys = await Promise.all(jobs.map(cacheKey));
  const hits = await cache.getMany(keys).catch((error: unknown) => {
    hooks.onCacheProblem?.(
      `the score cache could not be read (${reason(error)}): every score is computed anew`,
    );
    return new Map<string, never>();
  });
  const misses: { key: string; job: ScoreJob }[] = [];
  jobs.forEach((job, i) => {
    const key = keys[i]!;
    const hit = hits.get(key);
    if (hit)
      hooks.onResult({
        key,
        job,
        result: hit.result,
        cached: true,
        ...(hit.origin === 'prescored' ? { prescored: true } : {}),
        ...(hit.origin === 'imported' ? { imported: true } : {}),
      });
    else misses.push({ key, job });
  });
  const total = misses.length;
  let done = 0;
  const start = now();
  hooks.onProgress({ done, total, etaMs: null });
  // A run ends early when cancelled (its in-flight call rejects) or superseded (its signal aborts).
  let cancelled = false;
  signal?.addEventListener('abort', () => {
    cancelled = true;
  });

  let writeFailed = false;
  const worker = async () => {
    while (!cancelled && misses.length) {
      const { key, job } = misses.shift()!;
      try {
        const result = await scorer.score(job);
        if (cancelled) return;
        // Kept before shown: a score on the page is in the cache, so a reload loses none of them.
        await cache.put({ key, job, result, savedAt: Date.now() }).catch((error: unknown) => {
          if (writeFailed) return;
          writeFailed = true;
          hooks.onCacheProblem?.(
            `new scores could not be kept in the score cache (${reason(error)}): they stay on this page until it is closed`,
          );
        });
        if (cancelled) return;
        done++;
        hooks.onResult({ key, job, result, cached: false });
        const perJob = (now() - start) / done;
        hooks.onProgress({ done, total, etaMs: ((total - done) * perJob) / concurrency });
      } catch (error) {
        if (error instanceof CancelledError) {
          cancelled = true;
          return;
        }
        done++;
        hooks.onError(job, error instanceof Error ? error.message : String(error), key);
        hooks.onProgress({ done, total, etaMs: null });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return cancelled ? 'cancelled' : 'finished';
}
