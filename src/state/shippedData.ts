/**
 * The page's side of the data that ships with the app. The reference tables load once, when a view
 * names one or the user asks for them (a page opened for something else does no work for them), in
 * the data worker and are published in the ground-truth store beside the user's own.
 * A pre-scored set loads only when a scoring run needs it (prescoredFor: the run's jobs include some
 * of the set's), and its scores go into the score cache, marked as pre-scored, unless a score of the
 * same key is there already; the run then reads them from the cache instead of computing them. A file
 * that fails is named in the store's problems; the app goes on without it.
 */
import { type Remote, wrap } from 'comlink';
import type { DataWorkerApi } from '../../workers/data.worker';
import { cacheKey } from '../compute/cacheKey';
import type { CachedScore, ScoreCache } from '../compute/scoreCache';
import { unpackTableInChunks } from '../core/groundtruth/packedTable';
import type { PrescoredSet } from '../core/proxies/prescoredSet';
import type { ScoreJob } from '../core/proxies/scoreJob';
import { isShippedTableNameInManifest, shippedPrescoredSets } from './firstVisit';
import { publishTables, type ShippedProblem, useGroundTruthStore } from './groundTruthState';

/** The app's base URL, absolute (the worker resolves the data files against it). */
export function appBaseUrl(): string {
  const base = import.meta.env.BASE_URL.endsWith('/')
    ? import.meta.env.BASE_URL
    : `${import.meta.env.BASE_URL}/`;
  return new URL(base, location.href).href;
}

/** Resolves in a later task of the page's event loop. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

function addProblems(problems: readonly ShippedProblem[]): void {
  if (problems.length > 0)
    useGroundTruthStore.setState((s) => ({ shippedProblems: [...s.shippedProblems, ...problems] }));
}

let worker: { remote: Remote<DataWorkerApi>; raw: Worker } | null | undefined;
let calls = 0;

/**
 * Runs `work` with the data worker, started on first use and ended when no call is left (it holds
 * megabytes of parsed text otherwise); resolves undefined where no worker can start.
 */
export async function withDataWorker<T>(
  work: (remote: Remote<DataWorkerApi>) => Promise<T>,
): Promise<T | undefined> {
  if (worker === undefined) {
    try {
      const raw = new Worker(new URL('../../workers/data.worker.ts', import.meta.url), { type: 'module' });
      worker = { raw, remote: wrap<DataWorkerApi>(raw) };
    } catch (error) {
      worker = null;
      addProblems([{ what: 'the shipped data', why: `no worker could start (${reason(error)})` }]);
    }
  }
  if (!worker) return undefined;
  const current = worker;
  calls++;
  // A worker that dies (out of memory on a hostile file) fails the call instead of leaving it hanging.
  let onError: ((event: Event) => void) | undefined;
  let dead = false;
  const died = new Promise<never>((_, reject) => {
    onError = (event: Event) => {
      event.preventDefault();
      dead = true;
      reject(
        new Error(
          `the data worker stopped${(event as ErrorEvent).message ? `: ${(event as ErrorEvent).message}` : ''}`,
        ),
      );
    };
    current.raw.addEventListener('error', onError);
  });
  died.catch(() => {});
  try {
    return await Promise.race([work(current.remote), died]);
  } catch (error) {
    // A dead worker is not reused.
    if (dead && worker === current) {
      current.raw.terminate();
      worker = undefined;
    }
    throw error;
  } finally {
    if (onError) current.raw.removeEventListener('error', onError);
    calls--;
    if (calls === 0 && worker === current) {
      current.raw.terminate();
      worker = undefined;
    }
  }
}

/**
 * The shipped scores whose key is what this app computes for their job (a proxy whose version has
 * changed since the set was made keys differently: its old values are not used), less those the
 * cache already holds.
 */
export async function prescoredToStore(
  entries: readonly { key: string; job: CachedScore['job']; result: CachedScore['result'] }[],
  cache: ScoreCache,
  origin: NonNullable<CachedScore['origin']> = 'prescored',
): Promise<{ added: number; stale: number; held: number }> {
  const keys = await Promise.all(entries.map((e) => cacheKey(e.job)));
  const current = entries.filter((e, i) => keys[i] === e.key);
  const held = await cache.getMany(current.map((e) => e.key));
  const fresh = current
    .filter((e) => !held.has(e.key))
    .map((e): CachedScore => ({ ...e, savedAt: Date.now(), origin }));
  if (fresh.length > 0) await cache.putMany(fresh);
  return { added: fresh.length, stale: entries.length - current.length, held: current.length - fresh.length };
}

let tablesStarted: Promise<void> | undefined;

/** Loads the shipped tables now when `name` is one of them (a view compares against it). */
export function loadShippedTablesFor(name: string | undefined): void {
  if (name !== undefined && isShippedTableNameInManifest(name)) void loadShippedTables();
}

/** Starts loading the shipped reference tables (once per page). */
export function loadShippedTables(): Promise<void> {
  tablesStarted ??= (async () => {
    useGroundTruthStore.setState({ shippedStatus: 'loading' });
    try {
      const loaded = await withDataWorker((remote) => remote.shippedTables(appBaseUrl()));
      if (!loaded) return;
      // One table at a time, each unpacked in chunks between which the page paints and handles input.
      const shipped = [];
      for (const { table } of loaded.tables) {
        shipped.push(await unpackTableInChunks(table, nextTask, 500));
        await nextTask();
        publishTables({ shipped: [...shipped] });
      }
      addProblems(loaded.problems);
    } catch (error) {
      addProblems([{ what: 'the shipped tables', why: reason(error) }]);
    } finally {
      useGroundTruthStore.setState({ shippedStatus: 'loaded' });
    }
  })();
  return tablesStarted;
}

/** Architectures of each set, for telling quickly whether a job is one of the set's. */
const archsOf = new Map<string, Set<string>>();
function covers(set: PrescoredSet, job: ScoreJob): boolean {
  if (job.space !== set.space || job.seed !== set.seed || job.fidelity !== set.fidelity) return false;
  if (!set.proxies.includes(job.proxy)) return false;
  let archs = archsOf.get(set.id);
  if (!archs) {
    archs = new Set(set.archs);
    archsOf.set(set.id, archs);
  }
  return archs.has(job.arch);
}

const setLoads = new Map<string, Promise<void>>();

async function loadSet(set: PrescoredSet, cache: () => Promise<ScoreCache>): Promise<void> {
  try {
    const entries = await withDataWorker((remote) => remote.prescoredSet(appBaseUrl(), set));
    if (!entries) return;
    const { stale } = await prescoredToStore(entries, await cache());
    if (stale > 0)
      addProblems([
        {
          what: set.name,
          why: `${stale} of its ${entries.length} scores were made by an older version of their proxy and are not used`,
        },
      ]);
  } catch (error) {
    addProblems([{ what: set.name, why: reason(error) }]);
  }
}

/**
 * Resolves once every shipped set holding some of `jobs` is in `cache` (loaded on first need, once
 * per page), or could not be; never rejects.
 */
/** The jobs no shipped pre-scored set holds: what a run would have to compute (or find cached). */
export function notPrescored(jobs: readonly ScoreJob[]): ScoreJob[] {
  const sets = shippedPrescoredSets();
  return jobs.filter((job) => !sets.some((set) => covers(set, job)));
}

export function prescoredFor(jobs: readonly ScoreJob[], cache: () => Promise<ScoreCache>): Promise<void> {
  const needed = shippedPrescoredSets().filter((set) => jobs.some((job) => covers(set, job)));
  return Promise.all(
    needed.map((set) => {
      let load = setLoads.get(set.id);
      if (!load) {
        load = loadSet(set, cache);
        setLoads.set(set.id, load);
      }
      return load;
    }),
  ).then(() => undefined);
}
