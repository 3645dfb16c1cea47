/**
 * What each column of a RawTable looks like, and the mapping proposed from that (the UI's mapping
 * dialog starts from the proposal and may change any part of it).
 *
 * Detection looks at up to SAMPLE_ROWS rows spread evenly over the table. The key column is the one
 * where the largest share of non-empty cells parse as one key kind (at least half: Auto-Prox's CSV
 * has 200 AutoFormer-Ti rows and 100 PiT-Ti rows that no ViT space of ours parses); the first such
 * column wins a tie. Value columns are the other columns whose non-missing cells are at least 90 %
 * numbers (and at least one is), except row-number columns (named row, index, id, `column N` for a
 * nameless header, or pandas' `Unnamed: 0`) and the space column.
 *
 * OoD-ViT-NAS's table has no single key column: a header naming all of OOD_KEY_COLUMNS proposes the
 * key kind 'vit-ood-columns' before any cell is looked at, with those columns (and layer_num) kept
 * out of the values.
 */
import { looksLikeKey } from './keys';
import { cellNumber } from './text';
import {
  type ColumnMapping,
  type ImportResult,
  KEY_KINDS,
  type KeyKind,
  keyColumnsOf,
  OOD_KEY_COLUMNS,
  type RawTable,
} from './types';

export const SAMPLE_ROWS = 500;
const KEY_SHARE = 0.5;
const NUMERIC_SHARE = 0.9;

export interface ColumnInfo {
  name: string;
  /** Share of sampled non-empty cells that parse as each key kind. */
  keyShare: Record<KeyKind, number>;
  /** Share of sampled non-missing cells that are numbers (0 when all are missing). */
  numericShare: number;
  /** Sampled cells that are missing (empty, NaN, null, …) and sampled cells in all. */
  missing: number;
  sampled: number;
}

function sampleRows(table: RawTable): number[] {
  const n = table.rows.length;
  if (n <= SAMPLE_ROWS) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: SAMPLE_ROWS }, (_, i) => Math.floor((i * n) / SAMPLE_ROWS));
}

export function describeColumns(table: RawTable): ColumnInfo[] {
  const sample = sampleRows(table);
  return table.columns.map((name, c) => {
    const cells = sample.map((r) => table.rows[r]!.cells[c] ?? null);
    const nonEmpty = cells.filter((v) => v !== null && !(typeof v === 'string' && v.trim() === ''));
    const keyShare = Object.fromEntries(
      KEY_KINDS.map((kind) => [
        kind,
        nonEmpty.length === 0 ? 0 : nonEmpty.filter((v) => looksLikeKey(kind, v)).length / nonEmpty.length,
      ]),
    ) as Record<KeyKind, number>;
    const numbers = cells.map(cellNumber);
    const present = numbers.filter((v) => v !== 'missing');
    const numeric = present.filter((v) => typeof v === 'number').length;
    return {
      name,
      keyShare,
      numericShare: present.length === 0 ? 0 : numeric / present.length,
      missing: cells.length - present.length,
      sampled: cells.length,
    };
  });
}

const ROW_NUMBER = /^(row|index|id|idx|column \d+|unnamed: ?\d+)$/i;
const SPACE_COLUMN = /^(space|search[ _-]?space|supernet)$/i;

/** Whether the header names every column of OoD-ViT-NAS's multi-column architecture key. */
export function hasOodColumns(columns: readonly string[]): boolean {
  return OOD_KEY_COLUMNS.every((c) => columns.includes(c));
}

/** Columns proposed as values: numeric ones that are neither read for the key nor row numbers. */
function proposedValues(info: readonly ColumnInfo[], notValues: readonly (string | null)[]): string[] {
  return info
    .filter(
      (col) =>
        !notValues.includes(col.name) && !ROW_NUMBER.test(col.name) && col.numericShare >= NUMERIC_SHARE,
    )
    .map((col) => col.name);
}

/** The proposed mapping, or an error saying no column holds architecture keys. */
export function proposeMapping(table: RawTable): ImportResult<ColumnMapping> {
  const info = describeColumns(table);
  if (hasOodColumns(table.columns)) {
    const keyColumns = keyColumnsOf('vit-ood-columns', null);
    return {
      ok: true,
      value: {
        keyColumn: OOD_KEY_COLUMNS[0],
        keyKind: 'vit-ood-columns',
        valueColumns: proposedValues(info, keyColumns),
        spaceColumn: null,
      },
    };
  }
  let best: { column: string; kind: KeyKind; share: number } | null = null;
  for (const col of info) {
    for (const kind of KEY_KINDS) {
      const share = col.keyShare[kind];
      if (share >= KEY_SHARE && (best === null || share > best.share))
        best = { column: col.name, kind, share };
    }
  }
  if (!best) {
    return {
      ok: false,
      error: {
        line: null,
        reason:
          'no column holds NB201 cell strings (|op~0|+|op~0|op~1|+…), NASLib tuples ((0, 2, 3, 2, 3, 1)) ' +
          'or Auto-Prox arch_json, and the header does not name the OoD-ViT-NAS columns ' +
          `(${OOD_KEY_COLUMNS.join(', ')})`,
      },
    };
  }
  const keyColumn = best.column;
  const spaceColumn =
    best.kind === 'vit-autoprox-json'
      ? (table.columns.find((c) => c !== keyColumn && SPACE_COLUMN.test(c)) ?? null)
      : null;
  const valueColumns = proposedValues(info, [keyColumn, spaceColumn]);
  return { ok: true, value: { keyColumn, keyKind: best.kind, valueColumns, spaceColumn } };
}
