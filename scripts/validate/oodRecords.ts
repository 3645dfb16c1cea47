/**
 * The OoD-ViT-NAS score records as committed: the table has no known licence, so nothing of it is
 * kept here, not even which architectures it lists. Each record names its network by its place in
 * the seeded order of the table's AutoFormer-Tiny rows (oodTinyInOrder: only a reader with
 * ../shared/data can turn it back into an architecture), and keeps only what the report reads:
 * proxy, parameters, seed, value and the per-initialisation details.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readJsonLines } from '../kit/jsonl';
import type { ScoreRecord } from '../scoreInProcess';

export interface OodScore {
  /** Place of the network in the seeded order (0 = first). */
  i: number;
  proxy: string;
  params: Record<string, unknown>;
  seed: number;
  value: number;
  details?: Record<string, unknown>;
}

/** The details the report reads (oodReport.ts scorePerInit); the rest (spectra, per-layer sums) is left out. */
const KEPT_DETAILS = [
  'alpha',
  'log10KappaPerInit',
  'log10KappaPerInitLo',
  'log10KappaPerInitHi',
  'log10KappaPerInitFf',
] as const;

/** Full records (npm run score) as OoD scores; records of other networks and failed ones are counted, not kept. */
export function toOodScores(
  records: readonly ScoreRecord[],
  order: readonly string[],
): { scores: OodScore[]; left: number } {
  const place = new Map(order.map((arch, i) => [arch, i]));
  const scores: OodScore[] = [];
  let left = 0;
  for (const r of records) {
    const i = place.get(r.arch);
    if (i === undefined || r.value === null) {
      left++;
      continue;
    }
    const details = Object.fromEntries(
      KEPT_DETAILS.filter((k) => r.details?.[k] !== undefined).map((k) => [k, r.details![k]]),
    );
    scores.push({
      i,
      proxy: r.proxy,
      params: { ...r.job.params },
      seed: r.seed,
      value: r.value,
      ...(Object.keys(details).length > 0 ? { details } : {}),
    });
  }
  scores.sort((a, b) => a.i - b.i || (a.proxy < b.proxy ? -1 : a.proxy > b.proxy ? 1 : 0));
  return { scores, left };
}

/** Scores given more than once (same network, proxy, seed and parameters) kept once: the last. */
export function onceEach(scores: readonly OodScore[]): OodScore[] {
  const once = new Map(scores.map((s) => [JSON.stringify([s.i, s.proxy, s.seed, s.params]), s]));
  return [...once.values()];
}

export function writeOodScores(path: string, scores: readonly OodScore[]): void {
  writeFileSync(path, gzipSync(scores.map((s) => `${JSON.stringify(s)}\n`).join(''), { level: 9 }));
}

/**
 * Reads a file of OoD scores (or of full records, as npm run score writes them) as records with
 * the architecture filled in from `order`; lines that are neither are skipped.
 */
export function readOodRecords(path: string, order: readonly string[]): ScoreRecord[] {
  const records: ScoreRecord[] = [];
  for (const r of readJsonLines<Partial<OodScore & ScoreRecord>>(path).records) {
    if (typeof r.key === 'string' && r.job && r.error === undefined) records.push(r as ScoreRecord);
    else if (typeof r.i === 'number' && order[r.i] !== undefined && typeof r.proxy === 'string') {
      const arch = order[r.i]!;
      records.push({
        key: '',
        job: {
          space: 'autoformer-tiny',
          arch,
          proxy: r.proxy as ScoreRecord['job']['proxy'],
          params: (r.params ?? {}) as ScoreRecord['job']['params'],
          seed: r.seed ?? 0,
          fidelity: 'quick',
          dataset: '',
        },
        arch,
        proxy: r.proxy,
        value: typeof r.value === 'number' ? r.value : null,
        backend: '',
        ms: 0,
        ...(r.details ? { details: r.details as ScoreRecord['details'] } : {}),
        fidelity: 'quick',
        seed: r.seed ?? 0,
      });
    }
  }
  return records;
}
