/** Build-time checks on the reference data: a failed one stops the build with its message. */
import { cellNumber } from '../../../src/core/groundtruth/text';

export class TableCheckError extends Error {
  override name = 'TableCheckError';
}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new TableCheckError(message);
}

/** A cell as written is a finite number, or empty (kept empty) when `allowEmpty`. */
export function checkNumberCell(cell: string, allowEmpty: boolean, where: string): void {
  const value = cellNumber(cell);
  if (value === 'missing') check(allowEmpty && cell === '', `${where}: "${cell}" is not a number`);
  else check(value !== null, `${where}: "${cell}" is not a number`);
}

/** Largest value of a column (cells as written; empty cells ignored). */
export function columnMax(rows: readonly Record<string, string>[], column: string): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const cell = row[column] ?? '';
    if (cell !== '') max = Math.max(max, Number(cell));
  }
  return max;
}

/** Fails unless the column's largest value, rounded to two decimals, is the published one. */
export function checkBest(
  file: string,
  rows: readonly Record<string, string>[],
  column: string,
  published: string,
): void {
  const best = columnMax(rows, column).toFixed(2);
  check(best === published, `${file}: best ${column} is ${best}, the published value is ${published}`);
}
