/**
 * What `npm run score` hands the job runner (src/compute/scoreRun.ts, the browser's too): a Scorer
 * that computes each job in this process exactly as a worker does (runScoreJob), and a cache made
 * of the records an earlier run wrote, so that a rerun into the same --out skips what is there.
 */

import { createWriteStream, type WriteStream } from 'node:fs';
import type { CachedScore, ScoreCache } from '../src/compute/scoreCache';
import type { Scorer } from '../src/compute/scoreRun';
import { tf } from '../src/core/nn/tf';
import { runScoreJob, type ScoreJob, type ScoreResult } from '../src/core/proxies/scoreJob';
import { isWasmMemoryFailure, restartWasmBackend } from '../src/runtime/backends/wasmRestart';
import { loadBatchBySpec } from './kit/data';
import { endTornLine, readJsonLines } from './kit/jsonl';
import { watchXnnFailures, xnnFailureCount } from './xnnFailures';

/** One output line of `npm run score`. */
export interface ScoreRecord {
  /** cacheKey(job): the same for the same computation, whichever run or shard made it. */
  key: string;
  job: ScoreJob;
  arch: string;
  proxy: string;
  value: number | null;
  nonFinite?: string;
  error?: string;
  backend: string;
  ms: number;
  warnings?: string[];
  /** The proxy's details (ntk_cond's eigenvalues, …): what the app's spectra and notes show. */
  details?: ScoreResult['details'];
  fidelity: string;
  seed: number;
}

/**
 * Computes each job in this process (runScoreJob). A job during which XNNPACK printed an allocation
 * failure (its output is garbage, nothing throws) fails as out of memory instead of giving a value.
 */
export function inProcessScorer(): Scorer {
  watchXnnFailures();
  return {
    async score(job: ScoreJob): Promise<ScoreResult> {
      try {
        const failuresBefore = xnnFailureCount();
        const result = await runScoreJob(
          job,
          tf.getBackend(),
          () => performance.now(),
          async (spec, network) => loadBatchBySpec(spec, network),
        );
        if (xnnFailureCount() > failuresBefore) throw new Error('xnn_status: XNNPACK could not allocate');
        // Some proxies catch a failure and report it as a warning beside NaN: a heap that ran out
        // must still be replaced, or every later job fails with it.
        const memory = result.warnings.find(isWasmMemoryFailure);
        if (!Number.isFinite(result.value) && memory) throw new Error(memory);
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (tf.getBackend() === 'wasm' && isWasmMemoryFailure(message)) {
          // The WASM heap (4 GB at most) ran out, and the module is broken after it: this job
          // fails alone, and the next one runs in a fresh WASM instance.
          await restartWasmBackend();
          throw new Error(`out of memory (wasm heap): ${message.slice(0, 200)}`);
        }
        throw error;
      }
    },
  };
}

/**
 * Opens a records file for appending. A run killed mid-write leaves a last line without its end:
 * it is ended first, so that the next record starts a line of its own (readers skip the torn one).
 */
export function appendRecords(path: string): WriteStream {
  endTornLine(path);
  return createWriteStream(path, { flags: 'a' });
}

/** Parses JSON lines; a torn or foreign line (a run killed mid-write) is skipped, not fatal. */
export function readRecords(path: string): ScoreRecord[] {
  // Committed result files are kept gzip-compressed (bench/results/*.jsonl.gz): readJsonLines reads both.
  return readJsonLines<Partial<ScoreRecord>>(path).records.filter(
    (r): r is ScoreRecord =>
      typeof r === 'object' &&
      r !== null &&
      typeof r.key === 'string' &&
      typeof r.job === 'object' &&
      r.job !== null &&
      r.error === undefined,
  );
}

/** The records of earlier runs as a read-only cache: failed jobs are not in it, so they run again. */
export function recordsCache(records: readonly ScoreRecord[]): ScoreCache {
  const byKey = new Map(records.map((r) => [r.key, r]));
  return {
    kind: 'memory',
    async getMany(keys) {
      const found = new Map<string, CachedScore>();
      for (const key of keys) {
        const r = byKey.get(key);
        if (!r) continue;
        const value = r.value ?? Number(r.nonFinite ?? Number.NaN);
        const result: ScoreResult = {
          value,
          details: r.details ?? {},
          warnings: r.warnings ?? [],
          backend: r.backend,
          ms: r.ms,
        };
        found.set(key, { key, job: r.job, result, savedAt: 0 });
      }
      return found;
    },
    async put() {
      // The caller writes every new result as a record line.
    },
    async putMany() {
      // As put.
    },
    async clear() {
      byKey.clear();
    },
    async count() {
      return byKey.size;
    },
  };
}
