/**
 * Connects the Explorer store to the workers and the cache: turns the view into jobs, runs them
 * (cache first), streams results into the store, cancels on request or when the view changes.
 */

import { openScoreCache, type ScoreCache } from '../compute/scoreCache';
import { runScores, type ScoredJob } from '../compute/scoreRun';
import { pageWorkerCount } from '../compute/workerCount';
import { WorkerPool } from '../compute/workerPool';
import { GRID_DATASET } from '../core/data/gridBatch';
import type { ProxyId } from '../core/proxies/ids';
import { jobDataset, type ScoreJob } from '../core/proxies/scoreJob';
import type { WholeSpaceProxy } from '../core/proxies/wholeSpace';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { FIDELITY_PRESETS, type FidelityPreset } from '../core/spaces/fidelity';
import { SPACES } from '../core/spaces/registry';
import { parseBackendPreference } from '../runtime/backends/backendReport';
import { LINK_ASK_JOBS, scoreSlot, useExplorerStore } from './explorerStore';
import { notPrescored, prescoredFor } from './shippedData';
import { type ViewState, viewCells } from './viewState';

/**
 * The job that scores one candidate (its index in the view's space) with one proxy: data proxies
 * get a seeded batch of the view's data set and size (the fidelity's unless set; resized for ViTs;
 * the MLP space reads the [0, 1) grid instead), data-free ones 'none'.
 */
export function jobFor(view: ViewState, cell: number, proxy: ProxyId): ScoreJob {
  // An unregistered proxy gets 'none'; its worker call then fails with "not implemented yet".
  const source = SPACES[view.space].input === 'grid' ? GRID_DATASET : view.data;
  const size = view.batch ?? FIDELITY_PRESETS[view.fidelity].batch;
  const dataset = jobDataset(proxy, source, size, view.seed);
  const rest = { proxy, params: {}, seed: view.seed, fidelity: view.fidelity, dataset };
  return { space: view.space, arch: candidateCodec(view.space).archOf(cell), ...rest };
}

export function jobsForView(view: ViewState): ScoreJob[] {
  return viewCells(view).flatMap((cell) => view.proxies.map((proxy) => jobFor(view, cell, proxy)));
}

const poolSize = pageWorkerCount();

let pool: WorkerPool | undefined;
let cachePromise: Promise<ScoreCache> | undefined;
let runId = 0;
let current: AbortController | undefined;

function newPool(): WorkerPool {
  // ?backend=wasm|cpu|webgpu forces a backend first (for comparing them); default: auto.
  const preference = parseBackendPreference(new URLSearchParams(location.search).get('backend'));
  return new WorkerPool(
    () => new Worker(new URL('../../workers/proxy.worker.ts', import.meta.url), { type: 'module' }),
    poolSize,
    preference,
    ({ reason, from, ready }) =>
      ready.then(
        (backend) =>
          useExplorerStore.setState({
            backend,
            backendChange: `A worker${from ? ` on ${from}` : ''} stopped (${reason}); its job and the ones after it run on ${backend.label}.`,
          }),
        () => {},
      ),
  );
}

/** The scoring pool (Explorer and lecture scores); Cancel stops it. */
export function getPool(): WorkerPool {
  pool ??= newPool();
  return pool;
}

let trainingPool: WorkerPool | undefined;

/**
 * Training runs have workers of their own (started on the first run): cancelling scores terminates
 * the scoring workers, and must never take a training run down with them.
 */
export function getTrainingPool(): WorkerPool {
  trainingPool ??= newPool();
  return trainingPool;
}

export function getCache(): Promise<ScoreCache> {
  cachePromise ??= openScoreCache().then((cache) => {
    useExplorerStore.setState({
      cache: { kind: cache.kind, ...(cache.problem ? { problem: cache.problem } : {}) },
    });
    return cache;
  });
  return cachePromise;
}

function reportBackend(p: WorkerPool): void {
  p.backend().then(
    (backend) => useExplorerStore.setState({ backend, backendError: null }),
    (error: unknown) => {
      if (error instanceof Error && error.name === 'CancelledError') return;
      useExplorerStore.setState({ backendError: error instanceof Error ? error.message : String(error) });
    },
  );
}

const wholeSpaceColumns = new Map<string, Promise<Float64Array>>();

/** params or flops of all 15 625 NB201 cells (index order), computed once per page in a worker. */
export function wholeSpaceColumn(proxy: WholeSpaceProxy, fidelity: FidelityPreset): Promise<Float64Array> {
  const key = `${proxy}/${fidelity}`;
  let column = wholeSpaceColumns.get(key);
  if (!column) {
    column = getPool().wholeSpace(proxy, fidelity);
    // A failure (e.g. Cancel) is not kept: the next request tries again.
    column.catch(() => wholeSpaceColumns.delete(key));
    wholeSpaceColumns.set(key, column);
  }
  return column;
}

/** The user's yes to the large run an opened link asked for. */
export function confirmLinkRun(): Promise<void> {
  useExplorerStore.setState({ fromLink: false, linkRunAsk: null });
  return scoreCurrentView();
}

/** Scores the current view; results already in the store or the cache are not recomputed. */
export async function scoreCurrentView(): Promise<void> {
  const id = ++runId;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const store = useExplorerStore;
  const jobs = jobsForView(store.getState().view);
  // A stranger's link may ask for tens of thousands of jobs: past LINK_ASK_JOBS, ask first.
  if (store.getState().fromLink) {
    const toCompute = notPrescored(jobs.filter((j) => !store.getState().scores[scoreSlot(j)])).length;
    if (toCompute > LINK_ASK_JOBS) {
      store.setState({ linkRunAsk: toCompute, status: 'idle', progress: null });
      return;
    }
  }
  // Shipped pre-scored sets holding some of these jobs go into the cache before it is read.
  await prescoredFor(jobs, getCache);
  if (id !== runId) return;
  const cache = await getCache();
  if (id !== runId) return;
  const p = getPool();
  const todo = jobs.filter((j) => !store.getState().scores[scoreSlot(j)]);
  store.setState({ status: 'running', progress: { done: 0, total: todo.length, etaMs: null } });
  let pending: Record<string, ScoredJob> = {};
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = {};
    if (id !== runId || Object.keys(batch).length === 0) return;
    store.setState((s) => ({ scores: { ...s.scores, ...batch }, dispatched: p.dispatched }));
  };
  const flushSoon = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(flush, 0);
  };
  const outcome = await runScores(
    todo,
    p,
    cache,
    poolSize,
    {
      onResult: (row) => {
        if (id !== runId) return;
        // Results are published a batch at a time: a cached view delivers thousands at once, and
        // one store update (one render) each would keep the page busy for seconds.
        pending[scoreSlot(row.job)] = row;
        flushSoon();
      },
      onProgress: (progress) => {
        if (id === runId) store.setState({ progress, dispatched: p.dispatched });
      },
      onError: (job, message) => {
        if (id !== runId) return;
        store.setState((s) => ({ errors: { ...s.errors, [scoreSlot(job)]: message } }));
      },
      onCacheProblem: (message) =>
        store.setState((s) => ({ cache: { kind: s.cache?.kind ?? 'memory', problem: message } })),
    },
    controller.signal,
  );
  flush();
  if (id === runId) store.setState({ status: outcome, dispatched: p.dispatched });
}

/** Stops at once: workers terminated, finished results kept (in the store and the cache). */
export function cancelScoring(): void {
  runId++;
  current?.abort();
  pool?.cancelAll();
  useExplorerStore.setState({ status: 'cancelled', dispatched: pool?.dispatched ?? 0 });
}

/** Starts the workers early so the badge can say which backend runs before any job. */
export function startBackend(): void {
  reportBackend(getPool());
}

export async function clearScoreCache(): Promise<void> {
  const cache = await getCache();
  await cache.clear();
  useExplorerStore.setState({ scores: {}, errors: {}, progress: null, status: 'idle' });
}
