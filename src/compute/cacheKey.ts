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
import { getProxy, resolvedParams } from '../core/proxies/registry';
import { NO_DATASET, type ScoreJob } from '../core/proxies/scoreJob';
import { FIDELITY_PRESETS } from '../core/spaces/fidelity';
import { mlpFromString, mlpToString } from '../core/spaces/mlp';
import { nb201FromString, nb201ToString, type ParseResult } from '../core/spaces/nb201';
import { vitFromString, vitToString } from '../core/spaces/vit';

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

function rewritten<T>(parsed: ParseResult<T>, write: (value: T) => string, text: string): string {
  return parsed.ok ? write(parsed.value) : text;
}

/** The architecture's canonical text (unreadable text is kept as is: scoring it fails anyway). */
function canonicalArch(space: string, text: string): string {
  if (space === 'nb201') return rewritten(nb201FromString(text), nb201ToString, text);
  if (space === 'mlp') return rewritten(mlpFromString(text), mlpToString, text);
  return rewritten(vitFromString(text), vitToString, text);
}

/** The batch spec in its canonical spelling; 'none' for proxies that read no data. */
function canonicalDataset(job: ScoreJob): string {
  if (!getProxy(job.proxy).needsData) return NO_DATASET;
  const parsed = parseBatchSpec(job.dataset);
  if (!parsed.ok) return job.dataset;
  const { dataset, n, seed, classBalanced } = parsed.value;
  return batchSpec(dataset, n, seed, { classBalanced });
}

export function cacheKeyMaterial(job: ScoreJob): string {
  return canonicalJson({
    space: job.space,
    arch: canonicalArch(job.space, job.arch),
    proxy: job.proxy,
    params: resolvedParams(job.proxy, job.params, job.space),
    version: getProxy(job.proxy).version,
    dataset: canonicalDataset(job),
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
