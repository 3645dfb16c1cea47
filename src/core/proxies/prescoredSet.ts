/**
 * Pre-scored sets: our own scores, made by `npm run score` and shipped in public/data/prescored/, so
 * that a first visit shows the heat map, the spectra and the lecture's scatters before anything is
 * computed. The manifest (prescored.json) names each set's architectures, proxies and the exact
 * command; each set's file is the command's JSON lines (gzip), one record per (architecture, proxy).
 * Pure: the caller fetches, inflates and checks each record's cache key against its own.
 */

import { FIDELITY_NAMES, type FidelityPreset } from '../spaces/fidelity';
import { isSpaceId, type SpaceId } from '../spaces/spaceIds';
import type { ParseResult } from '../util/parseResult';
import { isProxyId, type ProxyId } from './ids';
import type { ScoreJob, ScoreResult } from './scoreJob';

export const PRESCORED_DIR = 'data/prescored';
export const PRESCORED_MANIFEST_FILE = 'prescored.json';
export const PRESCORED_FORMAT = 'snx-prescored';
export const PRESCORED_VERSION = 1;

export interface PrescoredSet {
  /** Stable id, e.g. 'nb201-quick'. */
  id: string;
  /** Plain file name in PRESCORED_DIR: gzip JSON lines. */
  file: string;
  /** What the app says it is. */
  name: string;
  space: SpaceId;
  seed: number;
  fidelity: FidelityPreset;
  /** The proxies every architecture of the set has a record for. */
  proxies: ProxyId[];
  /** The architectures in the set's order (canonical text of the space). */
  archs: string[];
  records: number;
  bytes: number;
  sha256: string;
  /** The `npm run score` command that made the records (also in the NOTICE). */
  command: string;
}

export interface PrescoredManifest {
  format: typeof PRESCORED_FORMAT;
  version: typeof PRESCORED_VERSION;
  sets: PrescoredSet[];
}

/** One shipped score: the job, its result, and the key the command gave it. */
export interface PrescoredEntry {
  key: string;
  job: ScoreJob;
  result: ScoreResult;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function setProblem(entry: unknown): string | null {
  if (!isObject(entry)) return 'is not an object';
  for (const field of ['id', 'name', 'command', 'sha256'] as const)
    if (!isText(entry[field])) return `"${field}" must be a non-empty string`;
  if (typeof entry.file !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*\.jsonl\.gz$/.test(entry.file))
    return '"file" must be a plain file name ending in .jsonl.gz';
  if (!isSpaceId(entry.space)) return '"space" is not a search space';
  if (!FIDELITY_NAMES.includes(entry.fidelity as FidelityPreset)) return '"fidelity" is not a fidelity';
  for (const field of ['seed', 'records', 'bytes'] as const)
    if (!isCount(entry[field])) return `"${field}" must be a whole number ≥ 0`;
  if (!Array.isArray(entry.proxies) || entry.proxies.length === 0 || !entry.proxies.every(isProxyId))
    return '"proxies" must be a non-empty list of proxy ids';
  if (!Array.isArray(entry.archs) || entry.archs.length === 0 || !entry.archs.every(isText))
    return '"archs" must be a non-empty list of architectures';
  return null;
}

export function parsePrescoredManifest(json: unknown): ParseResult<PrescoredManifest> {
  const fail = (error: string) => ({ ok: false as const, error: `${PRESCORED_MANIFEST_FILE}: ${error}` });
  if (!isObject(json) || json.format !== PRESCORED_FORMAT) return fail(`is not a ${PRESCORED_FORMAT} file`);
  if (json.version !== PRESCORED_VERSION)
    return fail(`"version" is ${JSON.stringify(json.version)}; this app reads version ${PRESCORED_VERSION}`);
  if (!Array.isArray(json.sets)) return fail('"sets" is not a list');
  for (const [i, entry] of json.sets.entries()) {
    const problem = setProblem(entry);
    if (problem) return fail(`sets[${i}] ${problem}`);
  }
  return { ok: true, value: json as unknown as PrescoredManifest };
}

/** The record's job, if it has the fields a job needs (the scorer checks the rest). */
function jobOf(v: unknown): ScoreJob | null {
  if (!isObject(v)) return null;
  const ok =
    isSpaceId(v.space) &&
    isText(v.arch) &&
    isProxyId(v.proxy) &&
    isObject(v.params) &&
    isCount(v.seed) &&
    FIDELITY_NAMES.includes(v.fidelity as FidelityPreset) &&
    isText(v.dataset);
  return ok ? (v as unknown as ScoreJob) : null;
}

/**
 * The set's records as cache entries. Failed records (an `error`, no value) are left out: they are
 * not scores. A non-finite score comes back as the number its record names (−Infinity, NaN).
 */
export function prescoredEntries(jsonLines: string): { entries: PrescoredEntry[]; badLines: number } {
  const entries: PrescoredEntry[] = [];
  let badLines = 0;
  for (const line of jsonLines.split('\n')) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      badLines++;
      continue;
    }
    if (!isObject(record) || record.error !== undefined) {
      if (!isObject(record)) badLines++;
      continue;
    }
    const job = jobOf(record.job);
    const value = typeof record.value === 'number' ? record.value : Number(record.nonFinite ?? Number.NaN);
    if (!job || !isText(record.key) || (record.value !== null && typeof record.value !== 'number')) {
      badLines++;
      continue;
    }
    const details = isObject(record.details) ? (record.details as ScoreResult['details']) : {};
    const warnings = Array.isArray(record.warnings) ? record.warnings.filter(isText) : [];
    entries.push({
      key: record.key,
      job,
      result: {
        value,
        details,
        warnings,
        backend: isText(record.backend) ? record.backend : 'unknown',
        ms: typeof record.ms === 'number' ? record.ms : 0,
      },
    });
  }
  return { entries, badLines };
}
