/**
 * Ground-truth tables imported by the user (CSV or JSON), and the errors an import can end in.
 * Import runs in two steps so the UI can show a column-mapping dialog in between:
 * text → RawTable (parseTable) → GroundTruthTable (buildGroundTruth with a ColumnMapping).
 * Everything a file contains is kept as plain strings and numbers; nothing is ever read as HTML.
 */
import type { VitSpaceId } from '../spaces/vit/vit';

/** One cell as read: CSV cells are always strings, JSON cells may be numbers, booleans or null. */
export type RawCell = string | number | boolean | null;

export interface RawRow {
  /** 1-based line in the file where the row starts (JSON: where its key or item starts); null if unknown. */
  line: number | null;
  /** Aligned with RawTable.columns. */
  cells: RawCell[];
}

export interface RawTable {
  format: 'csv' | 'json';
  columns: string[];
  rows: RawRow[];
}

/** Why an import failed: the 1-based line (null when it concerns the whole file) and a plain-text reason. */
export interface ImportError {
  line: number | null;
  reason: string;
}

export type ImportResult<T> = { ok: true; value: T } | { ok: false; error: ImportError };

/**
 * nb201-string: `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`; naslib-tuple: NASLib's `(0, 2, 3, 2, 3, 1)`;
 * vit-autoprox-json: Auto-Prox's arch_json object (hidden_dim, mlp_ratio[], depth, num_heads[]);
 * vit-text: our own ViT text (vitToString, e.g. `vit:web:e96:m2,3:h2,4`), as our tables write it;
 * vit-ood-columns: OoD-ViT-NAS's AutoFormer table, whose architecture is spread over the four columns
 * OOD_KEY_COLUMNS (below) instead of one key cell.
 */
export const KEY_KINDS = [
  'nb201-string',
  'naslib-tuple',
  'vit-autoprox-json',
  'vit-text',
  'vit-ood-columns',
] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/**
 * The columns the key kind 'vit-ood-columns' reads, by these fixed names (the published header of
 * OoD-ViT-NAS, NeurIPS 2024): supernet (tiny | small | base), embed_dim, mlp_ratio_json and
 * num_heads_json (JSON number lists, one entry per layer). A fixed convention rather than a choice
 * per column: the file is one published table, and the dialog names the four columns it reads.
 * With this kind ColumnMapping.keyColumn is the first of them ('supernet').
 */
export const OOD_KEY_COLUMNS = ['supernet', 'embed_dim', 'mlp_ratio_json', 'num_heads_json'] as const;
/** With 'vit-ood-columns': when the file has this column, each row's depth must equal it. */
export const OOD_DEPTH_COLUMN = 'layer_num';

/**
 * The columns a mapping reads to name the architecture, none of which may be a value column: the key
 * column, or for 'vit-ood-columns' the four fixed ones and OOD_DEPTH_COLUMN (if the file has it).
 */
export function keyColumnsOf(keyKind: KeyKind | null, keyColumn: string | null): string[] {
  if (keyKind === 'vit-ood-columns') return [...OOD_KEY_COLUMNS, OOD_DEPTH_COLUMN];
  return keyColumn === null ? [] : [keyColumn];
}

export interface ColumnMapping {
  /** The column holding the key; with 'vit-ood-columns' it is 'supernet' and OOD_KEY_COLUMNS are read. */
  keyColumn: string;
  keyKind: KeyKind;
  /** Columns kept as numbers; missing or NaN values become NaN. */
  valueColumns: string[];
  /**
   * ViT tables only: a column naming each row's search space (e.g. Auto-Prox's `space`). Rows naming a
   * space we do not have (PiT-Ti) are skipped and counted in the notes. Without it the space is
   * inferred from the embedding width, which differs between all our ViT spaces.
   */
  spaceColumn?: string | null;
}

export type GroundTruthSpace = 'nb201' | VitSpaceId;

export interface GroundTruthTable {
  name: string;
  /** The search space of the rows; for a table spanning several (see `spaces`), its first row's. */
  space: GroundTruthSpace;
  /**
   * Only for tables whose rows come from more than one space (OoD-ViT-NAS holds AutoFormer-Ti, -S and
   * -B): every space, in the order first seen. Absent otherwise, and in tables kept before it existed.
   */
  spaces?: GroundTruthSpace[];
  keyKind: KeyKind;
  /** The value columns, in mapping order. */
  columns: string[];
  /**
   * Keyed by our canonical architecture string (nb201ToString / vitToString). Each record has every
   * column (NaN where missing) and inherits nothing (record.ts), so a column may safely be called `__proto__`.
   */
  rows: Map<string, Record<string, number>>;
  /** Plain-text remarks: skipped rows and missing values, with counts. */
  notes: string[];
}
