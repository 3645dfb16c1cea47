/**
 * JSON lines files, for every script (score, merge, validate, ground truth, bench): a killed run
 * may leave a torn last line, so reading skips lines that do not parse (and says how many), and
 * appending first ends a torn line so the new record stands on a line of its own.
 */
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The text of a JSON lines file, gunzipped when its name ends in .gz (a missing file throws). */
export function readJsonLinesText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** The parsed lines of `path` (gzip-compressed when it ends in .gz; [] when it does not exist) and how many could not be read. */
export function readJsonLines<T>(path: string): { records: T[]; torn: number } {
  if (!existsSync(path)) return { records: [], torn: 0 };
  const records: T[] = [];
  let torn = 0;
  for (const line of readJsonLinesText(path).split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      torn++;
    }
  }
  return { records, torn };
}

/** Ends a torn last line (a run killed mid-write) so that the next record starts a line of its own. */
export function endTornLine(path: string): void {
  if (!existsSync(path) || statSync(path).size === 0) return;
  const fd = openSync(path, 'r');
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, statSync(path).size - 1);
  closeSync(fd);
  if (last[0] !== 0x0a) appendFileSync(path, '\n');
}

/** Appends one record as a whole line, after ending a torn last line if the file has one. */
export function appendJsonLine(path: string, record: unknown): void {
  endTornLine(path);
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}
