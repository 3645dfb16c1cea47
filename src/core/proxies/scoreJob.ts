/**
 * One unit of scoring work, as the UI, the workers, the cache and the command line all see it.
 * Pure: the same job gives the same value in a worker and in Node on the same backend, given the
 * same batch for its dataset spec (the caller injects how batches are loaded).
 */
import type { Batch } from '../data/batch';
import { GRID_DATASET, gridBatch } from '../data/gridBatch';
import { batchSpec, parseBatchSpec } from '../data/imageDataset';
import type { Network } from '../nn/network';
import type { Fidelity, FidelityPreset } from '../spaces/fidelity';
import { nb201FromIndex, nb201ToString } from '../spaces/nb201/nb201';
import { SPACE_REGISTRY } from '../spaces/registry';
import type { SpaceId } from '../spaces/spaceIds';
import type { SpaceRegistry } from '../spaces/spaceRegistry';
import type { ProxyId } from './ids';
import { PROXIES, type ProxyRegistry } from './registry';
import type { ProxyOutput, ProxyParams } from './types';

/** A job for a proxy and a space of the app's registries, or of other registries' ids (`Id`, `S`). */
export interface ScoreJob<Id extends string = ProxyId, S extends string = SpaceId> {
  space: S;
  /** The architecture in its space's canonical text (nb201ToString, vitToString, mlpToString). */
  arch: string;
  proxy: Id;
  /** Proxy parameters; missing ones take the registry's defaults. */
  params: ProxyParams;
  seed: number;
  fidelity: FidelityPreset;
  /**
   * 'none' (NO_DATASET) for data-free proxies; for data proxies the batch spec (batchSpec in
   * data/imageDataset.ts), e.g. "cifar10-train n=32 seed=0". Data-free proxies ignore it.
   */
  dataset: string;
  /** NB201 only: C and cells per stage in place of the preset's (the CLI's --channels, --cells). */
  fidelityOverride?: { channels?: number; cellsPerStage?: number };
  /** Output classes in place of the space's own (e.g. 100 to score ViTs for CIFAR-100). */
  classes?: number;
}

/** The fidelity a job builds its network at: its preset, or the preset with the job's override. */
export function jobFidelity(job: Pick<ScoreJob<string>, 'fidelity' | 'fidelityOverride'>): Fidelity {
  return job.fidelityOverride ? { preset: job.fidelity, ...job.fidelityOverride } : job.fidelity;
}

/** The dataset field of a job that needs no data. */
export const NO_DATASET = 'none';

/** A job's dataset field: the batch spec of `n` images of `source` for a data proxy, NO_DATASET otherwise. */
export function jobDataset(proxy: ProxyId, source: string, n: number, seed: number): string {
  // An unknown id gets no data here; scoring the job then names it (PROXIES.get throws).
  return PROXIES.has(proxy) && PROXIES.get(proxy).needsData ? batchSpec(source, n, seed) : NO_DATASET;
}

export interface ScoreResult extends ProxyOutput {
  /** tfjs backend that produced the value, read back with tf.getBackend(). */
  backend: string;
  /** Wall time of building the network and computing, in milliseconds (batch loading excluded). */
  ms: number;
}

/** Loads the batch a spec names, shaped for the network (fetch in a worker, files in Node). */
export type BatchLoader = (spec: string, network: Network) => Promise<Batch>;

/** The canonical text of NB201 cell `index` (six base-5 op digits). */
export function nb201Arch(index: number): string {
  return nb201ToString(nb201FromIndex(index));
}

/** An NB201 job from its cell index: the short way to describe one. */
export function nb201Job(cell: number, rest: Omit<ScoreJob, 'space' | 'arch'>): ScoreJob {
  return { space: 'nb201', arch: nb201Arch(cell), ...rest };
}

export { nb201CellOf } from '../spaces/nb201/nb201';

/**
 * Where a job's proxy and space are looked up: the app's registries unless a caller brings its own
 * (a test's toy proxy or toy space: src/core/proxies/toyProxy.test.ts, src/core/spaces/toySpace.test.ts).
 */
export interface ScoringRegistries<Id extends string, S extends string> {
  proxies?: ProxyRegistry<Id>;
  spaces?: SpaceRegistry<S>;
}

/** The registries a job is scored and keyed with: the caller's, else the app's. */
export function scoringRegistries<Id extends string, S extends string>(
  given: ScoringRegistries<Id, S>,
): Required<ScoringRegistries<Id, S>> {
  return {
    proxies: given.proxies ?? (PROXIES as unknown as ProxyRegistry<Id>),
    spaces: given.spaces ?? (SPACE_REGISTRY as unknown as SpaceRegistry<S>),
  };
}

/** Why a proxy cannot score a space (the registry's `spaces` lists families), or null if it can. */
export function proxySpaceProblem<Id extends string = ProxyId, S extends string = SpaceId>(
  proxy: Id,
  space: S,
  registries: ScoringRegistries<Id, S> = {},
): string | null {
  const { proxies, spaces } = scoringRegistries(registries);
  const definition = proxies.get(proxy);
  const family = spaces.get(space).family;
  if (definition.spaces.includes(family)) return null;
  return `${proxy} does not apply to ${space} (${family} networks); it applies to ${definition.spaces.join(', ')}`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Builds the job's network, loads its batch when the proxy needs data and computes the proxy.
 * A proxy that does not apply to the job's space gives NaN with a warning. Throws (the worker
 * rejects the job with the message) for an unknown space, unreadable architecture text, a data
 * proxy without a dataset spec, or a batch that cannot be loaded.
 */
export async function runScoreJob<Id extends string = ProxyId, S extends string = SpaceId>(
  job: ScoreJob<Id, S>,
  backend: string,
  now: () => number,
  loadBatch: BatchLoader,
  given: ScoringRegistries<Id, S> = {},
): Promise<ScoreResult> {
  const registries = scoringRegistries(given);
  const proxy = registries.proxies.get(job.proxy);
  const space = registries.spaces.get(job.space);
  const mismatch = proxySpaceProblem(job.proxy, job.space, registries);
  if (mismatch) return { value: Number.NaN, details: {}, warnings: [mismatch], backend, ms: 0 };
  const buildStart = now();
  const build = await space.loadBuilder();
  const built = build(job.arch, jobFidelity(job), job.classes);
  if (!built.ok) throw new Error(`${job.space} architecture "${job.arch.slice(0, 200)}": ${built.error}`);
  const network = built.value.network;
  const buildMs = now() - buildStart;
  let batch: Batch | undefined;
  if (proxy.needsData) {
    if (job.dataset === NO_DATASET) throw new Error(`${job.proxy} needs a data batch; the job names none`);
    const request = parseBatchSpec(job.dataset);
    batch =
      request.ok && request.value.dataset === GRID_DATASET
        ? gridBatch(request.value, network.inputShape)
        : await loadBatch(job.dataset, network);
    if (!sameShape(batch.shape, network.inputShape)) {
      throw new Error(
        `batch "${batch.spec}" has samples of shape [${batch.shape.join(', ')}], the network wants [${network.inputShape.join(', ')}]`,
      );
    }
  }
  const computeStart = now();
  const output = await proxy.compute({
    network,
    seed: job.seed,
    params: registries.proxies.resolvedParams(job.proxy, job.params, space.family),
    ...(batch ? { batch } : {}),
    space: {
      id: job.space,
      fidelity: jobFidelity(job),
      ...(job.classes === undefined ? {} : { classes: job.classes }),
      count: () => space.paramCounts(jobFidelity(job), job.classes),
    },
  });
  return { ...output, backend, ms: buildMs + (now() - computeStart) };
}
