/**
 * JSON text → RawTable. Two shapes are read:
 *
 * - an array of objects, one row per object (pandas `to_json(orient='records')`);
 * - objects keyed by architecture (NB201 strings or NASLib tuples), found anywhere in the first
 *   MAX_MAP_DEPTH levels of nesting. NASLib's zc_nasbench201.json is
 *   {"nasbench201": {"cifar10": {"(0, 2, 3, 2, 3, 1)": {"val_accuracy": …, "synflow": …}, …}, …}}:
 *   three such maps. Each architecture key becomes one row (column `key`); the maps' values become
 *   columns named by the path that tells the maps apart plus the value's own path, e.g.
 *   `cifar10.val_accuracy` (a single map gives plain `val_accuracy`).
 *
 * Nested objects are flattened to dotted column names; arrays are kept as their JSON text.
 * JSON.parse silently keeps the last of two equal keys, so a scan of the text rejects a repeated key
 * in any object first, naming both lines. The same scan finds the line of each row's key or item.
 */

import { MAX_MAP_DEPTH, SEP, scanJson } from './jsonScan';
import { looksLikeKey } from './keys';
import { excerpt, IMPORT_LIMITS, lineAtOffset } from './text';

export { MAX_MAP_DEPTH };

import type { ImportResult, RawCell, RawTable } from './types';

/** Deeper nesting inside a value is kept as JSON text rather than flattened. */
const MAX_FLATTEN_DEPTH = 8;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Adds a value's leaves under `prefix` (dotted); returns a clashing column name, or null. */
function flatten(value: unknown, prefix: string, out: Map<string, RawCell>, depth = 0): string | null {
  if (isObject(value) && depth < MAX_FLATTEN_DEPTH) {
    for (const [k, v] of Object.entries(value)) {
      const clash = flatten(v, prefix === '' ? k : `${prefix}.${k}`, out, depth + 1);
      if (clash !== null) return clash;
    }
    return null;
  }
  const name = prefix === '' ? 'value' : prefix;
  if (out.has(name)) return name;
  const cell: RawCell =
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : JSON.stringify(value);
  out.set(name, cell);
  return null;
}

/** True when at least half of (up to 50 of) an object's keys are NB201 strings or NASLib tuples. */
function isArchMap(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  if (keys.length === 0) return false;
  const sample = keys.length <= 50 ? keys : keys.filter((_, i) => i % Math.ceil(keys.length / 50) === 0);
  const hits = sample.filter((k) => looksLikeKey('nb201-string', k) || looksLikeKey('naslib-tuple', k));
  return hits.length * 2 >= sample.length;
}

function findArchMaps(
  value: Record<string, unknown>,
  path: string[],
  out: { path: string[]; map: Record<string, unknown> }[],
): void {
  if (isArchMap(value)) {
    out.push({ path, map: value });
    return;
  }
  if (path.length >= MAX_MAP_DEPTH) return;
  for (const [k, v] of Object.entries(value)) if (isObject(v)) findArchMaps(v, [...path, k], out);
}

function jsonSyntaxError(text: string, error: unknown): ImportResult<RawTable> {
  const message = error instanceof Error ? error.message : '';
  // Engines word this differently: V8 gives "position N" (newer: also "line L column C"), Firefox "line L column C".
  const lc = /line (\d+) column (\d+)/.exec(message);
  const pos = /position (\d+)/.exec(message);
  let line: number | null = null;
  let offset: number | null = null;
  if (pos) {
    offset = Number(pos[1]);
    line = lineAtOffset(text, offset);
  } else if (lc) line = Number(lc[1]);
  const near =
    offset !== null && offset < text.length ? ` near "${excerpt(text.slice(offset, offset + 20), 20)}"` : '';
  return { ok: false, error: { line, reason: `not valid JSON${near}` } };
}

/**
 * The rows as one table, its columns the union of their fields. Every row gets every column, so the
 * column limit is checked as the union grows: 20 000 items with keys of their own would otherwise
 * make 20 000 × 20 000 cells.
 */
function tableFromRows(
  rows: { line: number | null; fields: Map<string, RawCell> }[],
  lead: string[],
): ImportResult<RawTable> {
  if (rows.length > IMPORT_LIMITS.rows) {
    return {
      ok: false,
      error: { line: null, reason: `${rows.length} rows; the import limit is ${IMPORT_LIMITS.rows}` },
    };
  }
  const columns = [...lead];
  const seen = new Set(columns);
  for (const row of rows) {
    for (const name of row.fields.keys()) {
      if (!seen.has(name)) {
        seen.add(name);
        columns.push(name);
        if (columns.length > IMPORT_LIMITS.columns) {
          return {
            ok: false,
            error: {
              line: row.line,
              reason: `the rows have more than ${IMPORT_LIMITS.columns} different fields (columns) by this row; the import limit is ${IMPORT_LIMITS.columns}`,
            },
          };
        }
      }
    }
  }
  return {
    ok: true,
    value: {
      format: 'json',
      columns,
      rows: rows.map((row) => ({ line: row.line, cells: columns.map((c) => row.fields.get(c) ?? null) })),
    },
  };
}

/** The line where nesting first goes deeper than `limit` ([ and { outside strings), or null. */
export function nestingBeyond(text: string, limit: number): number | null {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return line;
    } else if (c === 93 || c === 125) depth--;
  }
  return null;
}

export function parseJsonTable(text: string): ImportResult<RawTable> {
  const deep = nestingBeyond(text, IMPORT_LIMITS.depth);
  if (deep !== null) {
    return {
      ok: false,
      error: {
        line: deep,
        reason: `arrays and objects nest deeper than ${IMPORT_LIMITS.depth} levels (the import limit)`,
      },
    };
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return jsonSyntaxError(text, error);
  }
  const scan = scanJson(text);
  if (scan.duplicate) {
    const { key, first, second } = scan.duplicate;
    return {
      ok: false,
      error: {
        line: second,
        reason: `key "${excerpt(key)}" appears twice in one object (lines ${first} and ${second})`,
      },
    };
  }
  const lineOf = (path: readonly string[]) => scan.lines.get(path.map((p) => `${SEP}${p}`).join('')) ?? null;

  if (Array.isArray(root)) {
    if (root.length > IMPORT_LIMITS.rows) {
      return {
        ok: false,
        error: {
          line: 1,
          reason: `the array has ${root.length} rows; the import limit is ${IMPORT_LIMITS.rows}`,
        },
      };
    }
    const rows: { line: number | null; fields: Map<string, RawCell> }[] = [];
    for (let i = 0; i < root.length; i++) {
      const item: unknown = root[i];
      const line = lineOf([String(i)]);
      if (!isObject(item))
        return { ok: false, error: { line, reason: `item ${i + 1} of the array is not an object` } };
      const fields = new Map<string, RawCell>();
      const clash = flatten(item, '', fields);
      if (clash !== null) {
        return {
          ok: false,
          error: { line, reason: `two fields of item ${i + 1} flatten to column "${excerpt(clash)}"` },
        };
      }
      rows.push({ line, fields });
    }
    return tableFromRows(rows, []);
  }
  if (!isObject(root)) {
    return {
      ok: false,
      error: { line: 1, reason: 'expected an array of rows or an object keyed by architecture' },
    };
  }
  const maps: { path: string[]; map: Record<string, unknown> }[] = [];
  findArchMaps(root, [], maps);
  if (maps.length === 0) {
    return {
      ok: false,
      error: {
        line: null,
        reason:
          'found no array of rows and no object keyed by NB201 cell strings or NASLib tuples ' +
          `in the first ${MAX_MAP_DEPTH} levels`,
      },
    };
  }
  // Drop the path segments all maps share: they tell nothing apart.
  let common = 0;
  while (maps.every((m) => m.path.length > common && m.path[common] === maps[0]!.path[common])) common++;
  const byKey = new Map<string, { line: number | null; fields: Map<string, RawCell> }>();
  for (const { path, map } of maps) {
    const prefix = path.slice(common).join('.');
    for (const [key, value] of Object.entries(map)) {
      let row = byKey.get(key);
      if (!row) {
        row = { line: lineOf([...path, key]), fields: new Map() };
        byKey.set(key, row);
      }
      const clash = flatten(value, prefix, row.fields);
      if (clash !== null) {
        return {
          ok: false,
          error: { line: lineOf([...path, key]), reason: `two fields flatten to column "${excerpt(clash)}"` },
        };
      }
    }
  }
  let keyColumn = 'key';
  while ([...byKey.values()].some((row) => row.fields.has(keyColumn))) keyColumn = `_${keyColumn}`;
  const rows = [...byKey.entries()].map(([key, row]) => {
    const fields = new Map<string, RawCell>([[keyColumn, key], ...row.fields]);
    return { line: row.line, fields };
  });
  return tableFromRows(rows, [keyColumn]);
}
