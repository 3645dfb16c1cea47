/**
 * Reading score records (the JSON lines of `npm run score`, or of the validation runs in
 * bench/results) into one table of candidates × proxies, and writing a combo record per candidate.
 * A value of null with `nonFinite` is that number (−Infinity ranks as the worst); a failed job
 * (`error`) or a NaN is a gap, and a candidate with a gap in any component gets no combo
 * (src/core/stats/combo.ts).
 */
import type { ProxyId } from '../src/core/proxies/ids';
import { comboPopulation, comboScores } from '../src/core/stats/combo';
import { proxyHigherIsBetter } from '../src/core/stats/comboProxies';

export interface ScoreTable {
  /** Candidates in the order of their first record. */
  archs: string[];
  /** Proxy → values over archs (NaN where the file has none). */
  scores: Map<string, number[]>;
  /** Lines that are not records (torn, foreign), 1-based. */
  skippedLines: number[];
  /** What makes the file unfit to rank as one population; empty when fit. */
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function recordValue(record: Record<string, unknown>): number {
  if (record.error !== undefined) return Number.NaN;
  if (typeof record.value === 'number') return record.value;
  return typeof record.nonFinite === 'string' ? Number(record.nonFinite) : Number.NaN;
}

/** The run a record belongs to: a combo only ranks candidates scored alike. */
function runOf(record: Record<string, unknown>): string {
  const job = isObject(record.job) ? record.job : {};
  return JSON.stringify([job.space ?? null, job.fidelity ?? record.fidelity ?? null, record.seed ?? null]);
}

/** One table from the JSON lines of score records. */
export function scoreTable(text: string): ScoreTable {
  const index = new Map<string, number>();
  const archs: string[] = [];
  const cells = new Map<string, Map<number, number>>();
  const skippedLines: number[] = [];
  const problems: string[] = [];
  const runs = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      skippedLines.push(i + 1);
      return;
    }
    if (!isObject(record) || typeof record.arch !== 'string' || typeof record.proxy !== 'string') {
      skippedLines.push(i + 1);
      return;
    }
    runs.add(runOf(record));
    if (!index.has(record.arch)) {
      index.set(record.arch, archs.length);
      archs.push(record.arch);
    }
    const at = index.get(record.arch)!;
    const column = cells.get(record.proxy) ?? new Map<number, number>();
    cells.set(record.proxy, column);
    const value = recordValue(record);
    const earlier = column.get(at);
    if (earlier === undefined || Number.isNaN(earlier)) column.set(at, value);
    else if (!Number.isNaN(value) && value !== earlier)
      problems.push(
        `line ${i + 1}: ${record.proxy} of ${record.arch} is ${value}, an earlier line said ${earlier}`,
      );
  });
  if (runs.size > 1)
    problems.push(
      `the records come from ${runs.size} runs (space, fidelity, seed): ${[...runs].join(', ')}; a combo ranks one run's candidates`,
    );
  const scores = new Map<string, number[]>();
  for (const [proxy, column] of cells)
    scores.set(
      proxy,
      archs.map((_, i) => column.get(i) ?? Number.NaN),
    );
  return { archs, scores, skippedLines, problems };
}

export interface ComboRecord {
  arch: string;
  proxy: 'combo';
  /** Σ log(rank/N); null for a candidate outside the population (missing names its gaps). */
  value: number | null;
  components: ProxyId[];
  /** N: the candidates ranked. */
  population: number;
  missing?: ProxyId[];
}

/** A combo record per candidate of the table, for the given components. */
export function comboRecords(table: ScoreTable, components: readonly ProxyId[]): ComboRecord[] {
  const picked = new Map<ProxyId, number[]>();
  for (const id of components) {
    const values = table.scores.get(id);
    if (!values) throw new RangeError(`the scores have no ${id}`);
    picked.set(id, values);
  }
  const combo = comboScores(picked, proxyHigherIsBetter);
  const population = comboPopulation(picked).filter(Boolean).length;
  return table.archs.map((arch, i) => {
    const missing = components.filter((id) => Number.isNaN(picked.get(id)![i]!));
    return {
      arch,
      proxy: 'combo',
      value: Number.isNaN(combo[i]!) ? null : combo[i]!,
      components: [...components],
      population,
      ...(missing.length > 0 ? { missing } : {}),
    };
  });
}
