/**
 * Uniting the JSONL outputs of `npm run score` shards, by key. Pure over texts, so tests need no files.
 * Rules, in the order the inputs are given:
 * - a line that is not a record (torn by a killed run, foreign text) is skipped and counted;
 * - a key seen once is kept; a key seen again with the same value is kept once;
 * - a failed record (value null, with its error) gives way to a scored one of the same key;
 * - two different values for one key (content-addressed keys should make that impossible: it means
 *   different code or a nondeterministic backend) keep the first and are reported as a conflict with
 *   their relative difference.
 * The output is sorted by key, so the same inputs in any order give the same file.
 */
import type { ScoreRecord } from './scoreInProcess';

export interface MergeInput {
  name: string;
  text: string;
}

export interface MergeConflict {
  key: string;
  kept: { file: string; value: number | null };
  other: { file: string; value: number | null };
  relativeDifference: number;
}

export interface MergeResult {
  records: ScoreRecord[];
  /** Lines that were not records: file and 1-based line number. */
  skipped: { file: string; line: number }[];
  conflicts: MergeConflict[];
  /** Keys whose failed record was replaced by a scored one. */
  recovered: number;
  /** Records read, in all inputs. */
  read: number;
}

function asRecord(line: string): ScoreRecord | null {
  try {
    const r = JSON.parse(line) as Partial<ScoreRecord> | null;
    if (r === null || typeof r !== 'object' || typeof r.key !== 'string') return null;
    if (typeof r.job !== 'object' || r.job === null) return null;
    if (r.value !== null && typeof r.value !== 'number') return null;
    return r as ScoreRecord;
  } catch {
    return null;
  }
}

const failed = (r: ScoreRecord) => r.value === null || r.error !== undefined;

function relativeDifference(a: number | null, b: number | null): number {
  if (a === null || b === null) return Number.POSITIVE_INFINITY;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

export function mergeScoreRecords(inputs: readonly MergeInput[]): MergeResult {
  const byKey = new Map<string, { record: ScoreRecord; file: string }>();
  const skipped: MergeResult['skipped'] = [];
  const conflicts: MergeConflict[] = [];
  let recovered = 0;
  let read = 0;
  for (const { name, text } of inputs) {
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const record = asRecord(line);
      if (!record) {
        skipped.push({ file: name, line: i + 1 });
        return;
      }
      read++;
      const held = byKey.get(record.key);
      if (!held) {
        byKey.set(record.key, { record, file: name });
        return;
      }
      if (failed(record)) return;
      if (failed(held.record)) {
        byKey.set(record.key, { record, file: name });
        recovered++;
        return;
      }
      const difference = relativeDifference(held.record.value, record.value);
      // NaN-valued records (value null) are failed above; equal numbers, or both ±Infinity, agree.
      if (difference > 0)
        conflicts.push({
          key: record.key,
          kept: { file: held.file, value: held.record.value },
          other: { file: name, value: record.value },
          relativeDifference: difference,
        });
    });
  }
  const records = [...byKey.values()]
    .map((h) => h.record)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { records, skipped, conflicts, recovered, read };
}
