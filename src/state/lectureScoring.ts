/**
 * The lecture view's scoring: each candidate gets an ntk_cond job and a job for the high-frequency
 * proxy the lecture chose (vintk(r, α), or vintk_rfp(σ), docs/science.md §2's alternative), exactly
 * like the Explorer's jobFor builds them for the candidates' space ('vit-browser', or the space of
 * an imported table's rows such as 'autoformer-tiny'; quick fidelity, a seeded cifar10-train batch
 * of the fidelity's size, seed = the lecture's seed), so the Explorer's score cache serves both
 * views. Results land in a small store keyed by jobId, so moving a slider back shows the earlier
 * numbers at once (from memory, else from the cache).
 */
import { create } from 'zustand';
import { openScoreCache, type ScoreCache } from '../compute/scoreCache';
import { type RunProgress, runScores, type Scorer } from '../compute/scoreRun';
import { pageWorkerCount } from '../compute/workerCount';
import { batchSpec } from '../core/data/imageDataset';
import { NTK_PROXY_DEFAULTS } from '../core/proxies/paperDefaults';
import type { ScoreJob, ScoreResult } from '../core/proxies/scoreJob';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { FIDELITY_PRESETS } from '../core/spaces/fidelity';
import type { CorrelationSummary } from '../core/stats/correlationSummary';
import { getPool } from './explorerScoring';
import type { LectureHfProxy, LectureTableSpace } from './lectureState';
import { prescoredFor } from './shippedData';

/** The space of the shipped table and of the seeded sample. */
export const LECTURE_SPACE = 'vit-browser' as const;
export const LECTURE_FIDELITY = 'quick' as const;
export const LECTURE_DATASET = 'cifar10-train';

/** The batch both proxies read: the Explorer's default for a quick vit-browser view with this seed. */
export function lectureBatchSpec(seed: number): string {
  return batchSpec(LECTURE_DATASET, FIDELITY_PRESETS[LECTURE_FIDELITY].batch, seed);
}

export interface LectureSettings {
  seed: number;
  r: number;
  alpha: number;
  /** Initialisations averaged; absent = the proxies' default (3), and such jobs stay as they were. */
  repeats?: number;
}

/** The NTK parameters a lecture job names: none at the default, so its jobs keep their old ids. */
function repeatsParams(repeats: number | undefined): { repeats?: number } {
  return repeats === undefined || repeats === NTK_PROXY_DEFAULTS.repeats ? {} : { repeats };
}

/** `space`: the candidates' space (an imported table's rows may be AutoFormer, scored at 64 px). */
export function ntkJob(
  arch: string,
  { seed, repeats }: Pick<LectureSettings, 'seed' | 'repeats'>,
  space: LectureTableSpace = LECTURE_SPACE,
): ScoreJob {
  return {
    space,
    arch,
    proxy: 'ntk_cond',
    params: repeatsParams(repeats),
    seed,
    fidelity: LECTURE_FIDELITY,
    dataset: lectureBatchSpec(seed),
  };
}

export function vintkJob(
  arch: string,
  { seed, r, alpha, repeats }: LectureSettings,
  space: LectureTableSpace = LECTURE_SPACE,
): ScoreJob {
  return {
    ...ntkJob(arch, { seed }, space),
    proxy: 'vintk',
    params: { r, alpha, ...repeatsParams(repeats) },
  };
}

export function vintkRfpJob(
  arch: string,
  { seed, sigma, repeats }: { seed: number; sigma: number; repeats?: number },
  space: LectureTableSpace = LECTURE_SPACE,
): ScoreJob {
  return {
    ...ntkJob(arch, { seed }, space),
    proxy: 'vintk_rfp',
    params: { sigma, ...repeatsParams(repeats) },
  };
}

export interface HfSettings extends LectureSettings {
  hf: LectureHfProxy;
  sigma: number;
}

export function vintkFfJob(
  arch: string,
  { seed, sigma, repeats }: { seed: number; sigma: number; repeats?: number },
  space: LectureTableSpace = LECTURE_SPACE,
): ScoreJob {
  return {
    ...ntkJob(arch, { seed }, space),
    proxy: 'vintk_ff',
    params: { sigma, ...repeatsParams(repeats) },
  };
}

/** The second column's job: vintk's exactly as before, or vintk_rfp's or vintk_ff's with σ. */
export function hfJob(
  arch: string,
  settings: HfSettings,
  space: LectureTableSpace = LECTURE_SPACE,
): ScoreJob {
  if (settings.hf === 'vintk_rfp') return vintkRfpJob(arch, settings, space);
  if (settings.hf === 'vintk_ff') return vintkFfJob(arch, settings, space);
  return vintkJob(arch, settings, space);
}

/** A synchronous key of a job for the in-memory store (the cache uses its own hashed key). */
export function jobId(job: ScoreJob): string {
  const params = Object.keys(job.params)
    .sort()
    .map((k) => `${k}=${String(job.params[k])}`)
    .join(',');
  return `${job.proxy}|${job.space}|${job.arch}|${params}|${job.seed}|${job.fidelity}|${job.dataset}`;
}

/**
 * The candidates of the shipped table (its first n rows) or of the seeded sample (n distinct
 * vit-browser architectures). An imported table's come from tableLectureCandidates (state/lectureTable).
 */
export function lectureCandidates(
  source: 'shipped' | 'sample',
  n: number,
  seed: number,
  shippedArchs: readonly string[],
): string[] {
  if (source === 'shipped') return shippedArchs.slice(0, n);
  const codec = candidateCodec(LECTURE_SPACE);
  const out: string[] = [];
  // A seeded ViT sample may repeat an architecture: draw a few more and keep the first n distinct.
  for (const index of codec.sample(Math.min(codec.size, n * 2 + 8), seed)) {
    const arch = codec.archOf(index);
    if (!out.includes(arch)) out.push(arch);
    if (out.length === n) break;
  }
  return out;
}

export interface LectureRow {
  arch: string;
  ntk: number | undefined;
  /** The chosen high-frequency proxy's score (vintk or vintk_rfp; the name is kept for the page's data-vintk). */
  vintk: number | undefined;
  acc: number | undefined;
}

export type ProxyCorrelation = CorrelationSummary;

/** One proxy's scores (higher = better) and the accuracies of the rows that have both. */
export function correlationPairs(
  rows: readonly LectureRow[],
  proxy: 'ntk' | 'vintk',
): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const row of rows) {
    const x = row[proxy];
    if (x === undefined || row.acc === undefined) continue;
    xs.push(x);
    ys.push(row.acc);
  }
  return { xs, ys };
}

export interface LectureScores {
  results: Record<string, ScoreResult>;
  /** Where each result came from: a shipped pre-scored set, this browser's cache, or computed now. */
  origins: Record<string, 'prescored' | 'imported' | 'cache' | 'live'>;
  errors: Record<string, string>;
  status: 'idle' | 'running' | 'finished' | 'cancelled';
  progress: RunProgress | null;
  cacheProblem: string | null;
}

export const useLectureScores = create<LectureScores>()(() => ({
  results: {},
  origins: {},
  errors: {},
  status: 'idle',
  progress: null,
  cacheProblem: null,
}));

let cachePromise: Promise<ScoreCache> | undefined;
let runId = 0;
let current: AbortController | undefined;

/** Workers the lecture scores with side by side (the Explorer's pool: workerCount.ts). */
export function lectureConcurrency(): number {
  return pageWorkerCount();
}

/**
 * A scorer that hands a job already being computed the same pending result instead of a second
 * computation. A superseded run drops the result of the job it had in flight; the run replacing it
 * (n or a slider moved) usually asks for that very job, and for an AutoFormer network it is minutes
 * of work.
 */
export function sharingScorer(inner: Scorer): Scorer {
  const pending = new Map<string, Promise<ScoreResult>>();
  return {
    score(job) {
      const id = jobId(job);
      const running = pending.get(id);
      if (running) return running;
      const result = inner.score(job).finally(() => pending.delete(id));
      pending.set(id, result);
      return result;
    },
  };
}

let scorer: Scorer | undefined;
export const lectureScorer = (): Scorer => {
  scorer ??= sharingScorer({ score: (job) => getPool().score(job) });
  return scorer;
};

/** Scores the jobs not yet in memory (cache first, then the worker pool); a new call supersedes the last. */
let lastJobs: readonly ScoreJob[] = [];

/** Runs the lecture's last jobs again: those now in the cache (a loaded scores file) are served from it. */
export function rescoreLecture(): Promise<void> {
  return scoreLectureJobs(lastJobs);
}

export async function scoreLectureJobs(jobs: readonly ScoreJob[]): Promise<void> {
  lastJobs = jobs;
  const id = ++runId;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const store = useLectureScores;
  const todo = jobs.filter((j) => !store.getState().results[jobId(j)]);
  if (todo.length === 0) {
    store.setState({ status: 'finished', progress: { done: 0, total: 0, etaMs: null } });
    return;
  }
  cachePromise ??= openScoreCache().then((cache) => {
    store.setState({ cacheProblem: cache.problem ?? null });
    return cache;
  });
  const cache = await cachePromise;
  // Shipped pre-scored sets holding some of these jobs go into the cache before it is read.
  await prescoredFor(todo, () => Promise.resolve(cache));
  if (id !== runId) return;
  store.setState({ status: 'running', progress: { done: 0, total: todo.length, etaMs: null } });
  const concurrency = lectureConcurrency();
  const outcome = await runScores(
    todo,
    lectureScorer(),
    cache,
    concurrency,
    {
      onResult: (row) => {
        if (id !== runId) return;
        const origin = row.prescored
          ? 'prescored'
          : row.imported
            ? 'imported'
            : row.cached
              ? 'cache'
              : 'live';
        store.setState((s) => ({
          results: { ...s.results, [jobId(row.job)]: row.result },
          origins: { ...s.origins, [jobId(row.job)]: origin },
        }));
      },
      onProgress: (progress) => {
        if (id === runId) store.setState({ progress });
      },
      onError: (job, message) => {
        if (id !== runId) return;
        store.setState((s) => ({ errors: { ...s.errors, [jobId(job)]: message } }));
      },
      onCacheProblem: (message) => store.setState({ cacheProblem: message }),
    },
    controller.signal,
  );
  if (id === runId) store.setState({ status: outcome });
}

/**
 * Stops scoring now (the workers are terminated, as the Explorer's Cancel does); scores that landed
 * stay, in memory and in the cache. Changing the lecture starts scoring again.
 */
export function cancelLectureScoring(): void {
  runId++;
  current?.abort();
  getPool().cancelAll();
  useLectureScores.setState({ status: 'cancelled' });
}
