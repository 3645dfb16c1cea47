/**
 * Reference tables that ship with the app (public/data/tables/, made by scripts/data/build-tables.ts
 * from ../shared/data): the manifest tables.json that lists them, a checking parser for it, and the
 * step from a shipped table's CSV text to the same GroundTruthTable a user's import gives (parseTable,
 * then buildGroundTruth with the mapping the manifest names). Pure: the caller fetches and gunzips.
 */

import { VIT_SPACE_IDS } from '../spaces/vit/vit';
import type { ParseResult } from '../util/parseResult';
import { buildGroundTruth } from './build';
import { parseTable } from './index';
import {
  type ColumnMapping,
  type GroundTruthSpace,
  type GroundTruthTable,
  type ImportResult,
  KEY_KINDS,
  type KeyKind,
} from './types';

/** Folder under public/ (and so under the app's base URL) holding the tables and their manifest. */
export const SHIPPED_TABLES_DIR = 'data/tables';
export const SHIPPED_MANIFEST_FILE = 'tables.json';
export const SHIPPED_MANIFEST_FORMAT = 'snx-shipped-tables';
/** Bump when a field changes meaning; the parser rejects other versions. */
export const SHIPPED_MANIFEST_VERSION = 1;
/** The command that rebuilds the tables from ../shared/data (maintainers only). */
export const BUILD_TABLES_COMMAND = 'npm run build:tables';

export interface ShippedTable {
  /** Stable id, e.g. 'nb201'. */
  id: string;
  /** Plain file name in SHIPPED_TABLES_DIR: gzip-compressed CSV with a header line. */
  file: string;
  /** The name users see. */
  name: string;
  space: GroundTruthSpace;
  keyKind: KeyKind;
  keyColumn: string;
  /** Columns read as numbers into the GroundTruthTable, in this order. */
  valueColumns: string[];
  /** The value columns that are accuracies (%); the rest are costs or published proxy scores. */
  accuracyColumns: string[];
  /** Architectures in the table (rows of the CSV). */
  rows: number;
  /** Size and sha256 of the .gz file as shipped. */
  bytes: number;
  sha256: string;
  /** The licences of the sources, as the NOTICE beside the tables states them. */
  licence: string;
  /** Source files in ../shared/data the table was made from (the NOTICE says how). */
  sources: string[];
}

export interface ShippedManifest {
  format: typeof SHIPPED_MANIFEST_FORMAT;
  version: typeof SHIPPED_MANIFEST_VERSION;
  generatedBy: string;
  /** File beside the tables naming source, licence and transformation of each. */
  notice: string;
  tables: ShippedTable[];
}

/** A problem with one value, in words (e.g. 'must be a non-empty string'), or null if it is fine. */
type FieldCheck = (value: unknown) => string | null;

const nonEmptyText: FieldCheck = (v) =>
  typeof v === 'string' && v.trim() !== '' ? null : 'must be a non-empty string';
const count: FieldCheck = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? null : 'must be a whole number ≥ 0';
const textList: FieldCheck = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '') ? null : 'must be a list of names';
const oneOf =
  (allowed: readonly string[]): FieldCheck =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? null : `must be one of ${allowed.join(', ')}`;
// A plain name, so that the app's fetch of `${SHIPPED_TABLES_DIR}/${file}` never leaves the folder.
const plainCsvFile: FieldCheck = (v) =>
  typeof v === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.-]*\.csv(\.gz)?$/.test(v) && !v.includes('..')
    ? null
    : 'must be a plain file name ending in .csv or .csv.gz';
const sha256Hex: FieldCheck = (v) =>
  typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? null : 'must be 64 lower-case hex digits';

const SPACES: readonly GroundTruthSpace[] = ['nb201', ...VIT_SPACE_IDS];

/** One row per field of a table entry: every field is required (the Record type keeps this complete). */
const TABLE_FIELDS: Record<keyof ShippedTable, FieldCheck> = {
  id: nonEmptyText,
  file: plainCsvFile,
  name: nonEmptyText,
  space: oneOf(SPACES),
  keyKind: oneOf(KEY_KINDS),
  keyColumn: nonEmptyText,
  valueColumns: textList,
  accuracyColumns: textList,
  rows: count,
  bytes: count,
  sha256: sha256Hex,
  licence: nonEmptyText,
  sources: textList,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const fail = (error: string): ParseResult<never> => ({
  ok: false,
  error: `${SHIPPED_MANIFEST_FILE}: ${error}`,
});

/** The first problem of one table entry (fields, then how they fit together), or null. */
function tableProblem(entry: Record<string, unknown>): string | null {
  for (const [field, check] of Object.entries(TABLE_FIELDS)) {
    if (!(field in entry)) return `"${field}" is missing`;
    const problem = check(entry[field]);
    if (problem) return `"${field}" ${problem}`;
  }
  const table = entry as unknown as ShippedTable;
  if (table.valueColumns.length === 0) return '"valueColumns" is empty';
  if (new Set(table.valueColumns).size !== table.valueColumns.length)
    return '"valueColumns" names a column twice';
  if (table.valueColumns.includes(table.keyColumn))
    return `the key column "${table.keyColumn}" is also a value column`;
  const stray = table.accuracyColumns.find((c) => !table.valueColumns.includes(c));
  if (stray !== undefined) return `accuracy column "${stray}" is not one of the value columns`;
  return null;
}

/** Checks a parsed tables.json; the message names the table and field at fault. */
export function parseShippedManifest(json: unknown): ParseResult<ShippedManifest> {
  if (!isObject(json)) return fail('is not a JSON object');
  if (json.format !== SHIPPED_MANIFEST_FORMAT) return fail(`"format" is not "${SHIPPED_MANIFEST_FORMAT}"`);
  if (json.version !== SHIPPED_MANIFEST_VERSION)
    return fail(
      `"version" is ${JSON.stringify(json.version)}; this app reads version ${SHIPPED_MANIFEST_VERSION}`,
    );
  for (const field of ['generatedBy', 'notice'] as const) {
    const problem = nonEmptyText(json[field]);
    if (problem) return fail(`"${field}" ${problem}`);
  }
  if (!Array.isArray(json.tables) || json.tables.length === 0)
    return fail('"tables" is not a non-empty list');
  const ids = new Set<string>();
  const files = new Set<string>();
  for (const [i, entry] of json.tables.entries()) {
    const where =
      isObject(entry) && typeof entry.id === 'string' ? `tables[${i}] ("${entry.id}")` : `tables[${i}]`;
    if (!isObject(entry)) return fail(`${where} is not an object`);
    const problem = tableProblem(entry);
    if (problem) return fail(`${where}: ${problem}`);
    const table = entry as unknown as ShippedTable;
    if (ids.has(table.id)) return fail(`${where}: the id "${table.id}" is used twice`);
    if (files.has(table.file)) return fail(`${where}: the file "${table.file}" is listed twice`);
    ids.add(table.id);
    files.add(table.file);
  }
  return { ok: true, value: json as unknown as ShippedManifest };
}

/** Where the app fetches a table, relative to its base URL. */
export function shippedTablePath(table: Pick<ShippedTable, 'file'>): string {
  return `${SHIPPED_TABLES_DIR}/${table.file}`;
}

/** The import mapping a manifest entry stands for. */
export function shippedTableMapping(table: ShippedTable): ColumnMapping {
  return {
    keyColumn: table.keyColumn,
    keyKind: table.keyKind,
    valueColumns: [...table.valueColumns],
    spaceColumn: null,
  };
}

/**
 * A shipped table's CSV text (already gunzipped) → GroundTruthTable, through the import's own parse and
 * build. Also checks what the manifest promises: the row count and the search space.
 */
export function shippedTableFromCsv(table: ShippedTable, csvText: string): ImportResult<GroundTruthTable> {
  const within = (line: number | null, reason: string): ImportResult<GroundTruthTable> => ({
    ok: false,
    error: { line, reason: `${table.file}: ${reason}` },
  });
  const raw = parseTable(csvText, table.file.replace(/\.gz$/, ''));
  if (!raw.ok) return within(raw.error.line, raw.error.reason);
  const built = buildGroundTruth(raw.value, shippedTableMapping(table), table.name);
  if (!built.ok) return within(built.error.line, built.error.reason);
  if (built.value.rows.size !== table.rows) {
    return within(
      null,
      `holds ${built.value.rows.size} architectures but ${SHIPPED_MANIFEST_FILE} says ${table.rows}`,
    );
  }
  if (built.value.space !== table.space) {
    return within(
      null,
      `holds ${built.value.space} architectures but ${SHIPPED_MANIFEST_FILE} says ${table.space}`,
    );
  }
  return built;
}
