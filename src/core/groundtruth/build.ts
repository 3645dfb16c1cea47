/**
 * RawTable + ColumnMapping → GroundTruthTable. Rules:
 * - a key that does not parse is an error on its line, quoting a short excerpt of the key;
 * - two rows naming the same architecture (also when spelled differently, e.g. a NASLib tuple with
 *   other spacing) are an error naming both lines: the import never picks one silently;
 * - ViT rows whose space column names a space we do not have (PiT-Ti) are skipped and counted;
 * - all rows must come from one search space, except with 'vit-ood-columns' (OoD-ViT-NAS publishes
 *   AutoFormer-Ti, -S and -B in one file): its table lists every space in `spaces`;
 * - with 'vit-ood-columns' the key is read from OOD_KEY_COLUMNS (and checked against
 *   OOD_DEPTH_COLUMN when present); none of those may be a value column;
 * - empty, NaN, NA, null, ±inf values are kept as NaN and counted per column in the notes;
 * - any other text in a value column is an error on its line.
 */
import { SPACES, spaceOfTable } from '../spaces/registry';
import { type KeyParse, parseKey, parseOodKey } from './keys';
import { newRecord } from './record';
import { cellNumber, excerpt } from './text';
import {
  type ColumnMapping,
  type GroundTruthSpace,
  type GroundTruthTable,
  type ImportResult,
  keyColumnsOf,
  OOD_DEPTH_COLUMN,
  OOD_KEY_COLUMNS,
  type RawRow,
  type RawTable,
} from './types';

const spaceLabel = (space: GroundTruthSpace) => SPACES[spaceOfTable(space)].fullLabel;

const fail = (line: number | null, reason: string): ImportResult<GroundTruthTable> => ({
  ok: false,
  error: { line, reason },
});

const lineText = (line: number | null) => (line === null ? 'an unknown line' : `line ${line}`);

export function buildGroundTruth(
  table: RawTable,
  mapping: ColumnMapping,
  name: string,
): ImportResult<GroundTruthTable> {
  const index = (column: string) => table.columns.indexOf(column);
  const ood = mapping.keyKind === 'vit-ood-columns';
  if (ood) {
    const absent = OOD_KEY_COLUMNS.filter((c) => index(c) < 0);
    if (absent.length > 0) {
      return fail(
        null,
        `"OoD-ViT-NAS columns" reads the architecture from the columns ${OOD_KEY_COLUMNS.join(', ')}; ` +
          `this file has no ${absent.map((c) => `"${c}"`).join(', ')}`,
      );
    }
  }
  const keyIndex = index(ood ? OOD_KEY_COLUMNS[0] : mapping.keyColumn);
  if (keyIndex < 0) return fail(null, `there is no column "${excerpt(mapping.keyColumn)}"`);
  const keyColumns = keyColumnsOf(mapping.keyKind, mapping.keyColumn);
  const keyOf = ood ? oodKeyReader(table) : null;
  const spaceIndex = mapping.spaceColumn == null ? -1 : index(mapping.spaceColumn);
  if (mapping.spaceColumn != null && spaceIndex < 0) {
    return fail(null, `there is no column "${excerpt(mapping.spaceColumn)}"`);
  }
  const valueIndex: number[] = [];
  for (const column of mapping.valueColumns) {
    const i = index(column);
    if (i < 0) return fail(null, `there is no column "${excerpt(column)}"`);
    if (i === keyIndex || keyColumns.includes(column))
      return fail(
        null,
        ood
          ? `"${excerpt(column)}" is read for the architecture and cannot also be a value`
          : `"${excerpt(column)}" is the key column and cannot also be a value`,
      );
    if (valueIndex.includes(i)) return fail(null, `value column "${excerpt(column)}" is chosen twice`);
    valueIndex.push(i);
  }

  const rows = new Map<string, Record<string, number>>();
  const lineOfKey = new Map<string, number | null>();
  const skipped = new Map<string, number>();
  const missing = new Array<number>(valueIndex.length).fill(0);
  let space: GroundTruthSpace | null = null;
  /** Rows per space, in the order the spaces are first seen. */
  const perSpace = new Map<GroundTruthSpace, number>();
  for (const row of table.rows) {
    const keyCell = row.cells[keyIndex];
    const parsed = keyOf
      ? keyOf(row)
      : parseKey(mapping.keyKind, keyCell, spaceIndex < 0 ? undefined : row.cells[spaceIndex]);
    if (!parsed.ok) {
      if (parsed.skip) {
        skipped.set(parsed.label, (skipped.get(parsed.label) ?? 0) + 1);
        continue;
      }
      return fail(
        row.line,
        keyOf
          ? `the architecture in columns ${OOD_KEY_COLUMNS.join(', ')}: ${parsed.error}`
          : `key "${excerpt(keyCell)}" in column "${excerpt(mapping.keyColumn)}": ${parsed.error}`,
      );
    }
    if (lineOfKey.has(parsed.key)) {
      const first = lineOfKey.get(parsed.key) ?? null;
      return fail(
        row.line,
        `the same architecture appears twice, on ${lineText(first)} and ${lineText(row.line)} ` +
          `("${excerpt(keyOf ? parsed.key : keyCell)}"); remove one of them`,
      );
    }
    if (space !== null && parsed.space !== space && !ood) {
      return fail(
        row.line,
        `this row is ${spaceLabel(parsed.space)} but earlier rows are ${spaceLabel(space)}; import one search space per file`,
      );
    }
    space ??= parsed.space;
    const record = newRecord();
    for (let v = 0; v < valueIndex.length; v++) {
      const cell = row.cells[valueIndex[v]!];
      const value = cellNumber(cell);
      if (value === null) {
        return fail(
          row.line,
          `column "${excerpt(mapping.valueColumns[v])}": "${excerpt(cell)}" is not a number`,
        );
      }
      if (value === 'missing') missing[v]!++;
      record[mapping.valueColumns[v]!] = value === 'missing' ? Number.NaN : value;
    }
    perSpace.set(parsed.space, (perSpace.get(parsed.space) ?? 0) + 1);
    lineOfKey.set(parsed.key, row.line);
    rows.set(parsed.key, record);
  }
  if (space === null) {
    const reason =
      skipped.size > 0
        ? 'every row was skipped: none is in one of our search spaces'
        : 'the table has no rows';
    return fail(null, reason);
  }
  const notes: string[] = [];
  const spaces = [...perSpace.keys()];
  if (spaces.length > 1) {
    const counts = [...perSpace].map(([s, n]) => `${spaceLabel(s)} ${n}`).join(', ');
    notes.push(`rows from ${spaces.length} search spaces: ${counts}`);
  }
  for (const [label, count] of skipped) {
    notes.push(
      `${count} row${count === 1 ? '' : 's'} of space "${excerpt(label)}" skipped: not one of our search spaces`,
    );
  }
  mapping.valueColumns.forEach((column, v) => {
    const count = missing[v]!;
    if (count > 0) notes.push(`${excerpt(column)}: ${count} of ${rows.size} values missing (kept as NaN)`);
  });
  return {
    ok: true,
    value: {
      name,
      space,
      ...(spaces.length > 1 ? { spaces } : {}),
      keyKind: mapping.keyKind,
      columns: [...mapping.valueColumns],
      rows,
      notes,
    },
  };
}

/** Reads each row's OoD-ViT-NAS key from the fixed columns (all present: checked by the caller). */
function oodKeyReader(table: RawTable): (row: RawRow) => KeyParse {
  const at = OOD_KEY_COLUMNS.map((c) => table.columns.indexOf(c));
  const depthAt = table.columns.indexOf(OOD_DEPTH_COLUMN);
  return (row) =>
    parseOodKey(
      at.map((i) => row.cells[i]),
      depthAt < 0 ? undefined : (row.cells[depthAt] ?? null),
    );
}
