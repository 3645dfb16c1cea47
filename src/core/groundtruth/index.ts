/**
 * Ground-truth import, the whole pipeline: size check → CSV or JSON → RawTable → proposed (or chosen)
 * column mapping → GroundTruthTable. Every function returns a result value and never throws on bad
 * input, so a rejected file leaves whatever the caller already holds untouched.
 */
import { buildGroundTruth } from './build';
import { parseCsvTable } from './csv';
import { parseJsonTable } from './json';
import { proposeMapping } from './mapping';
import { importSizeProblem, stripBom } from './text';
import type { ColumnMapping, GroundTruthTable, ImportResult, RawTable } from './types';

export { buildGroundTruth } from './build';
export { parseCsvTable } from './csv';
export { MAX_MAP_DEPTH, parseJsonTable } from './json';
export { MAX_KEY_LENGTH, parseKey, vitSpaceFromLabel } from './keys';
export { type ColumnInfo, describeColumns, proposeMapping } from './mapping';
export { EXCERPT_LENGTH, excerpt, IMPORT_LIMITS, importSizeProblem, MAX_IMPORT_SIZE } from './text';
export * from './types';

/** 'json' for a .json name, 'csv' for .csv/.tsv/.txt; otherwise JSON if the text starts with { or [. */
export function detectFormat(text: string, fileName = ''): 'csv' | 'json' {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  const first = /\S/.exec(text.slice(0, 1000))?.[0];
  return first === '{' || first === '[' ? 'json' : 'csv';
}

/** Text → RawTable. Files over MAX_IMPORT_SIZE are rejected before any parsing. */
export function parseTable(text: string, fileName = ''): ImportResult<RawTable> {
  const tooBig = importSizeProblem(text.length);
  if (tooBig) return { ok: false, error: tooBig };
  const body = stripBom(text);
  return detectFormat(body, fileName) === 'json' ? parseJsonTable(body) : parseCsvTable(body);
}

/** A table's display name from its file name: the base name without extension. */
export function tableNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[a-z0-9]+$/i, '') || 'imported table';
}

/**
 * One call for the whole import: parse, then use `mapping` if given (the user's choice in the dialog)
 * or the proposed one. The table is named after the file unless `name` is given.
 */
export function importGroundTruth(
  text: string,
  options: { fileName?: string; name?: string; mapping?: ColumnMapping } = {},
): ImportResult<GroundTruthTable> {
  const fileName = options.fileName ?? '';
  const raw = parseTable(text, fileName);
  if (!raw.ok) return raw;
  let mapping = options.mapping;
  if (!mapping) {
    const proposed = proposeMapping(raw.value);
    if (!proposed.ok) return proposed;
    mapping = proposed.value;
  }
  return buildGroundTruth(raw.value, mapping, options.name ?? tableNameFromFile(fileName));
}
