/**
 * Cache key of a score: SHA-256 of exactly what determines the value: space, cell, proxy id,
 * its resolved parameters and version, dataset spec, seed and the fidelity's full settings.
 * The backend is deliberately not part of it (results record their backend instead).
 */
import { getProxy, resolvedParams } from '../core/proxies/registry';
import type { ScoreJob } from '../core/proxies/scoreJob';
import { FIDELITY_PRESETS } from '../core/spaces/fidelity';
import { nb201FromIndex, nb201ToString } from '../core/spaces/nb201';

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

export function cacheKeyMaterial(job: ScoreJob): string {
  return canonicalJson({
    space: job.space,
    arch: nb201ToString(nb201FromIndex(job.cell)),
    proxy: job.proxy,
    params: resolvedParams(job.proxy, job.params),
    version: getProxy(job.proxy).version,
    dataset: job.dataset,
    seed: job.seed,
    fidelity: FIDELITY_PRESETS[job.fidelity],
  });
}

export async function cacheKey(job: ScoreJob): Promise<string> {
  const bytes = new TextEncoder().encode(cacheKeyMaterial(job));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
