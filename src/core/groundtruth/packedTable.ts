/**
 * A ground-truth table in a form that crosses a worker boundary cheaply: one string of keys and one
 * Float64Array of values (row-major) instead of a Map of 15 625 small records. Structured-cloning the
 * Map form took 150-250 ms of the page's thread on this machine's kind (a long task while workers
 * score); the packed form moves the numbers as a transferable buffer, and unpacking builds the
 * records in a few milliseconds.
 */

import { newRecord } from './record';
import type { GroundTruthTable } from './types';

export interface PackedTable extends Omit<GroundTruthTable, 'rows'> {
  /** The architecture keys, in row order, joined by '\n' (keys never hold a line break). */
  keys: string;
  rowCount: number;
  /** rowCount × columns.length values, row after row; NaN where a value is missing. */
  values: Float64Array;
}

export function packTable(table: GroundTruthTable): PackedTable {
  const { rows, ...rest } = table;
  const width = table.columns.length;
  const values = new Float64Array(rows.size * width);
  const keys: string[] = [];
  let r = 0;
  for (const [key, record] of rows) {
    if (key.includes('\n')) throw new Error(`a table key holds a line break: ${JSON.stringify(key)}`);
    keys.push(key);
    for (let c = 0; c < width; c++) values[r * width + c] = record[table.columns[c]!] ?? Number.NaN;
    r++;
  }
  return { ...rest, keys: keys.join('\n'), rowCount: rows.size, values };
}

/**
 * Unpacks `packed`, `chunkRows` rows at a time, awaiting `pause()` between chunks, so a page can
 * unpack a large table without holding its thread (building 15 625 records at once took ~40 ms here,
 * plus the garbage collection it set off).
 */
export async function unpackTableInChunks(
  packed: PackedTable,
  pause: () => Promise<void>,
  chunkRows = 2000,
): Promise<GroundTruthTable> {
  const { keys, rowCount, values, ...rest } = packed;
  const width = rest.columns.length;
  if (values.length !== rowCount * width)
    throw new Error(`a packed table holds ${values.length} values; ${rowCount} × ${width} expected`);
  const keyList = rowCount === 0 ? [] : keys.split('\n');
  if (keyList.length !== rowCount)
    throw new Error(`a packed table holds ${keyList.length} keys; ${rowCount} expected`);
  const rows = new Map<string, Record<string, number>>();
  for (let start = 0; start < rowCount; start += chunkRows) {
    if (start > 0) await pause();
    for (let r = start; r < Math.min(rowCount, start + chunkRows); r++) {
      const record = newRecord();
      for (let c = 0; c < width; c++) record[rest.columns[c]!] = values[r * width + c]!;
      rows.set(keyList[r]!, record);
    }
  }
  return { ...rest, rows };
}
