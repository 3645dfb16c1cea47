/** A table imported as a user's file would be (throwing with the line and reason if it is refused). */
import { type GroundTruthTable, importGroundTruth } from '../core/groundtruth';

export function importedTable(text: string, name: string): GroundTruthTable {
  const result = importGroundTruth(text, { fileName: name });
  if (!result.ok)
    throw new Error(`${name} did not import: line ${result.error.line}: ${result.error.reason}`);
  return result.value;
}

/** The largest finite value of a column. */
export const maxOf = (t: GroundTruthTable, column: string): number =>
  Math.max(...[...t.rows.values()].map((r) => r[column]!).filter(Number.isFinite));
