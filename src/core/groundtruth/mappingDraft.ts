/**
 * The column-mapping dialog's choices as plain data, and the rules for changing them, kept out of
 * React so they can be tested in Node. A draft may be incomplete (no key column when the file has
 * none we recognise); mappingOfDraft says what is still missing in plain words.
 *
 * Invariants every `with…` function keeps: the columns the key reads (keyColumnsOf: the key column,
 * or OoD-ViT-NAS's fixed columns) and the space column are never value columns, value columns stay
 * in the file's column order, and a space column only exists for Auto-Prox ViT keys. With the key
 * kind 'vit-ood-columns' the key column is always OOD_KEY_COLUMNS[0] ('supernet').
 */
import { buildGroundTruth } from './build';
import { type ColumnInfo, proposeMapping } from './mapping';
import { excerpt } from './text';
import {
  type ColumnMapping,
  type GroundTruthTable,
  type ImportError,
  type ImportResult,
  KEY_KINDS,
  type KeyKind,
  keyColumnsOf,
  OOD_KEY_COLUMNS,
  type RawTable,
} from './types';

export interface MappingDraft {
  keyColumn: string | null;
  keyKind: KeyKind | null;
  valueColumns: string[];
  spaceColumn: string | null;
}

export const KEY_KIND_LABELS: Record<KeyKind, string> = {
  'nb201-string': 'NB201 cell strings',
  'naslib-tuple': 'NASLib tuples',
  'vit-autoprox-json': 'Auto-Prox ViT arch_json',
  'vit-text': 'ViT text of this app (vit:…)',
  'vit-ood-columns': `OoD-ViT-NAS columns (${OOD_KEY_COLUMNS.join(', ')})`,
};

/** The columns the draft's key reads, which cannot be values (see keyColumnsOf). */
export function draftKeyColumns(draft: MappingDraft): string[] {
  return keyColumnsOf(draft.keyKind, draft.keyColumn);
}

/** Longest table name accepted (names are shown in lists and carried in share links). */
export const MAX_TABLE_NAME = 120;

/** A column counts as numeric for "all numeric" when this share of its sampled present cells are numbers. */
const NUMERIC_ENOUGH = 0.9;
/** Share of sampled cells that must parse as a key kind before a column is described as holding keys. */
const KEY_ENOUGH = 0.5;

const EMPTY_DRAFT: MappingDraft = { keyColumn: null, keyKind: null, valueColumns: [], spaceColumn: null };

/** The draft the dialog opens with: the proposed mapping, or nothing chosen and the reason why. */
export function startDraft(table: RawTable): { draft: MappingDraft; problem: string | null } {
  const proposed = proposeMapping(table);
  if (!proposed.ok) return { draft: { ...EMPTY_DRAFT }, problem: proposed.error.reason };
  const { keyColumn, keyKind, valueColumns, spaceColumn } = proposed.value;
  return {
    draft: { keyColumn, keyKind, valueColumns: [...valueColumns], spaceColumn: spaceColumn ?? null },
    problem: null,
  };
}

/** The key kind most of a column's sampled cells parse as, or null if none reaches half. */
export function keyKindOf(info: ColumnInfo | undefined): KeyKind | null {
  if (!info) return null;
  let best: KeyKind | null = null;
  for (const kind of KEY_KINDS) {
    if (info.keyShare[kind] >= KEY_ENOUGH && (best === null || info.keyShare[kind] > info.keyShare[best])) {
      best = kind;
    }
  }
  return best;
}

const inFileOrder = (columns: readonly string[], chosen: ReadonlySet<string>) =>
  columns.filter((c) => chosen.has(c));

/** Chooses the key column; its key kind follows what its cells look like when that is clear. */
export function withKeyColumn(
  draft: MappingDraft,
  column: string | null,
  info: readonly ColumnInfo[],
): MappingDraft {
  const guessed = column === null ? null : keyKindOf(info.find((c) => c.name === column));
  // OoD-ViT-NAS's key is not one column: picking a single key column leaves that kind.
  const keyKind = guessed ?? (draft.keyKind === 'vit-ood-columns' ? null : draft.keyKind);
  const spaceColumn =
    keyKind === 'vit-autoprox-json' && draft.spaceColumn !== column ? draft.spaceColumn : null;
  return {
    keyColumn: column,
    keyKind,
    valueColumns: draft.valueColumns.filter((c) => c !== column),
    spaceColumn,
  };
}

/**
 * Chooses how keys are written. 'vit-ood-columns' reads its fixed columns (dropped from the values);
 * leaving it clears the key column, which the user then chooses.
 */
export function withKeyKind(draft: MappingDraft, keyKind: KeyKind | null): MappingDraft {
  const spaceColumn = keyKind === 'vit-autoprox-json' ? draft.spaceColumn : null;
  if (keyKind === 'vit-ood-columns') {
    const reads = keyColumnsOf(keyKind, null);
    return {
      keyColumn: OOD_KEY_COLUMNS[0],
      keyKind,
      valueColumns: draft.valueColumns.filter((c) => !reads.includes(c)),
      spaceColumn,
    };
  }
  const keyColumn = draft.keyKind === 'vit-ood-columns' ? null : draft.keyColumn;
  return { ...draft, keyColumn, keyKind, spaceColumn };
}

/** Chooses the ViT space column (null: the space is inferred from the embedding width). */
export function withSpaceColumn(draft: MappingDraft, column: string | null): MappingDraft {
  if (column !== null && (column === draft.keyColumn || draft.keyKind !== 'vit-autoprox-json')) return draft;
  return { ...draft, spaceColumn: column, valueColumns: draft.valueColumns.filter((c) => c !== column) };
}

/** Adds or removes one value column (the key and space columns cannot be values). */
export function withValueColumn(
  draft: MappingDraft,
  column: string,
  on: boolean,
  columns: readonly string[],
): MappingDraft {
  if (
    on &&
    (draftKeyColumns(draft).includes(column) || column === draft.spaceColumn || !columns.includes(column))
  ) {
    return draft;
  }
  const chosen = new Set(draft.valueColumns);
  if (on) chosen.add(column);
  else chosen.delete(column);
  return { ...draft, valueColumns: inFileOrder(columns, chosen) };
}

/** Every column whose sampled cells are numbers, other than the key's and the space column. */
export function withAllNumericValues(draft: MappingDraft, info: readonly ColumnInfo[]): MappingDraft {
  const reads = draftKeyColumns(draft);
  const valueColumns = info
    .filter(
      (c) =>
        !reads.includes(c.name) &&
        c.name !== draft.spaceColumn &&
        c.numericShare > 0 &&
        c.numericShare >= NUMERIC_ENOUGH,
    )
    .map((c) => c.name);
  return { ...draft, valueColumns };
}

export function withNoValues(draft: MappingDraft): MappingDraft {
  return { ...draft, valueColumns: [] };
}

/** The mapping a complete draft stands for, or what the user still has to choose. */
export function mappingOfDraft(draft: MappingDraft): ImportResult<ColumnMapping> {
  const missing = (reason: string): ImportResult<ColumnMapping> => ({
    ok: false,
    error: { line: null, reason },
  });
  const ood = draft.keyKind === 'vit-ood-columns';
  if (draft.keyColumn === null && !ood) return missing('choose the column that holds the architectures');
  if (draft.keyKind === null) return missing('choose how the architectures are written');
  if (draft.valueColumns.length === 0) return missing('choose at least one value column');
  return {
    ok: true,
    value: {
      keyColumn: ood ? OOD_KEY_COLUMNS[0] : (draft.keyColumn ?? ''),
      keyKind: draft.keyKind,
      valueColumns: [...draft.valueColumns],
      spaceColumn: draft.keyKind === 'vit-autoprox-json' ? draft.spaceColumn : null,
    },
  };
}

/** Why a table name cannot be used, or null. */
export function tableNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'give the table a name';
  if (Array.from(trimmed).length > MAX_TABLE_NAME) {
    return `a table name may have at most ${MAX_TABLE_NAME} characters`;
  }
  return null;
}

/** The table a draft builds, named `name` (trimmed); any problem comes back as an ImportError. */
export function buildFromDraft(
  table: RawTable,
  draft: MappingDraft,
  name: string,
): ImportResult<GroundTruthTable> {
  const problem = tableNameProblem(name);
  if (problem) return { ok: false, error: { line: null, reason: problem } };
  const mapping = mappingOfDraft(draft);
  if (!mapping.ok) return mapping;
  return buildGroundTruth(table, mapping.value, name.trim());
}

export interface DraftPreview {
  ok: boolean;
  /** Architectures the import would hold (0 when it would fail). */
  rows: number;
  notes: string[];
  error: ImportError | null;
}

/** What importing the draft would give, without keeping the table (the name does not matter here). */
export function previewDraft(table: RawTable, draft: MappingDraft): DraftPreview {
  const built = buildFromDraft(table, draft, 'preview');
  return built.ok
    ? { ok: true, rows: built.value.rows.size, notes: built.value.notes, error: null }
    : { ok: false, rows: 0, notes: [], error: built.error };
}

/** The notice shown when the name is already taken, or null. */
export function replaceNotice(name: string, existing: readonly string[]): string | null {
  const trimmed = name.trim();
  if (trimmed === '' || !existing.includes(trimmed)) return null;
  return `A table named "${excerpt(trimmed)}" is already loaded: importing replaces it.`;
}

/** "line 4: reason" or just the reason, as plain text. */
export function importErrorText(error: ImportError): string {
  return error.line === null ? error.reason : `line ${error.line}: ${error.reason}`;
}

/** Rows scanned for sample values: enough to find a few non-empty cells, bounded for huge files. */
const SAMPLE_SCAN = 200;

/** Up to `count` non-empty cells of a column from the first rows, as short plain strings. */
export function sampleValues(table: RawTable, column: number, count = 3): string[] {
  const out: string[] = [];
  const end = Math.min(table.rows.length, SAMPLE_SCAN);
  for (let r = 0; r < end && out.length < count; r++) {
    const cell = table.rows[r]!.cells[column];
    if (cell === null || cell === undefined) continue;
    const text = String(cell);
    if (text.trim() === '') continue;
    out.push(excerpt(text));
  }
  return out;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** describeColumns' findings for one column, in words. */
export function describeColumnText(info: ColumnInfo): string {
  if (info.sampled === 0) return 'no rows';
  const kind = keyKindOf(info);
  if (kind) return `${KEY_KIND_LABELS[kind]} (${percent(info.keyShare[kind])} of sampled cells)`;
  const missing = info.missing > 0 ? `; ${info.missing} of ${info.sampled} sampled cells missing` : '';
  if (info.missing === info.sampled) return `empty (all ${info.sampled} sampled cells missing)`;
  if (info.numericShare >= NUMERIC_ENOUGH) return `numbers${missing}`;
  if (info.numericShare > 0) return `mostly text, ${percent(info.numericShare)} numbers${missing}`;
  return `text${missing}`;
}
