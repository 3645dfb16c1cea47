/**
 * Cache key of a score: SHA-256 of exactly what determines the value: space, architecture text
 * (canonical form), proxy id, its resolved parameters and version, dataset batch spec (for data
 * proxies; data-free ones ignore it), seed and the fidelity's full settings.
 * The backend is deliberately not part of it (results record their backend instead).
 * NB201 data-free keys are the same as before jobs carried arch text, so old caches stay valid.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { batchSpec, parseBatchSpec } from '../core/data/imageDataset';
import type { ProxyId } from '../core/proxies/ids';
import type { ProxyRegistry } from '../core/proxies/registry';
import {
  NO_DATASET,
  type ScoreJob,
  type ScoringRegistries,
  scoringRegistries,
} from '../core/proxies/scoreJob';
import { FIDELITY_PRESETS } from '../core/spaces/fidelity';
import { SPACES } from '../core/spaces/registry';
import type { SpaceId } from '../core/spaces/spaceIds';
import type { SearchSpace, SpaceRegistry } from '../core/spaces/spaceRegistry';

/** JSON with object keys sorted, so equal inputs always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The job's space; one the registry does not know reads as a ViT, as it always has (its jobs fail when scored). */
function keyedSpace<S extends string>(space: S, spaces: SpaceRegistry<S>): SearchSpace<string> {
  return spaces.has(space) ? spaces.get(space) : SPACES['vit-browser'];
}

/** The architecture's canonical text (unreadable text is kept as is: scoring it fails anyway). */
function canonicalArch(space: SearchSpace<string>, text: string): string {
  const canonical = space.canonical(text);
  return canonical.ok ? canonical.value : text;
}

/** The batch spec in its canonical spelling; 'none' for proxies that read no data. */
function canonicalDataset<Id extends string, S extends string>(
  job: ScoreJob<Id, S>,
  registry: ProxyRegistry<Id>,
): string {
  if (!registry.get(job.proxy).needsData) return NO_DATASET;
  const parsed = parseBatchSpec(job.dataset);
  if (!parsed.ok) return job.dataset;
  const { dataset, n, seed, classBalanced } = parsed.value;
  return batchSpec(dataset, n, seed, { classBalanced });
}

/** What the key hashes; `registries` are where the job's proxy and space are looked up (the app's by default). */
export function cacheKeyMaterial<Id extends string = ProxyId, S extends string = SpaceId>(
  job: ScoreJob<Id, S>,
  given: ScoringRegistries<Id, S> = {},
): string {
  const { proxies, spaces } = scoringRegistries(given);
  const space = keyedSpace(job.space, spaces);
  return canonicalJson({
    space: job.space,
    arch: canonicalArch(space, job.arch),
    proxy: job.proxy,
    params: proxies.resolvedParams(job.proxy, job.params, space.family),
    version: proxies.get(job.proxy).version,
    dataset: canonicalDataset(job, proxies),
    seed: job.seed,
    // The resolved settings; a job without an override keys exactly as before overrides existed.
    fidelity: job.fidelityOverride
      ? { ...FIDELITY_PRESETS[job.fidelity], ...job.fidelityOverride }
      : FIDELITY_PRESETS[job.fidelity],
    // Only where set: jobs for the space's own classes key as before the field existed.
    ...(job.classes === undefined ? {} : { classes: job.classes }),
  });
}

/**
 * SHA-256 by @noble/hashes, not crypto.subtle: subtle exists only in secure contexts, so a page served
 * over plain http from another host had no cache keys at all. One code path everywhere (page, worker,
 * Node) also means one key for one job. Async only so that callers need not change.
 */
export async function cacheKey(job: ScoreJob): Promise<string> {
  return bytesToHex(sha256(new TextEncoder().encode(cacheKeyMaterial(job))));
}
