/**
 * A link names its ground truth as (table, column); the table travels separately, so a link may name
 * a column the loaded table does not have (a typo, another version of the file, a stranger's link).
 * Then the view says so and lists what the table does have, instead of plotting nothing in silence.
 */
export interface TruthChoice {
  table: string;
  column: string;
}

/** A message when the chosen table is loaded but lacks the chosen column; null when all is well. */
export function missingTruthColumn(
  truth: TruthChoice | null,
  tables: readonly { name: string; columns: readonly string[] }[],
): string | null {
  if (!truth) return null;
  const table = tables.find((t) => t.name === truth.table);
  if (!table || table.columns.includes(truth.column)) return null;
  const shown = table.columns.slice(0, 12).map((c) => `"${c}"`);
  const more = table.columns.length > shown.length ? `, and ${table.columns.length - shown.length} more` : '';
  return (
    `This view asks for the column "${truth.column}" of the table "${truth.table}", which has no such column ` +
    `(it has ${shown.join(', ') || 'no value columns'}${more}): choose one in the scatter plot's "y: ground truth" menu.`
  );
}
