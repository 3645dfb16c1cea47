/**
 * CSV (or TSV / semicolon-separated) text → RawTable, with papaparse. The first line is the header.
 * Cells stay exactly as written (strings, not trimmed, never interpreted). Each row remembers the
 * line it starts on, counting line breaks inside quoted fields.
 *
 * Rules: the delimiter is a tab if the header line has tabs and no commas, a semicolon if it has
 * semicolons and no commas, else a comma (papaparse's own guessing is unreliable on small files, and
 * NB201 strings are full of '|'). Header names are trimmed; an empty one becomes "column N"; a name
 * used twice is an error. Blank rows (every field empty or spaces) are skipped. A row with more or
 * fewer fields than the header, or an unterminated or malformed quote, is an error on its line.
 */
import Papa from 'papaparse';
import { IMPORT_LIMITS, lineBreaks } from './text';
import type { ImportResult, RawRow, RawTable } from './types';

function chooseDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const header = end < 0 ? text : text.slice(0, end);
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === '');

export function parseCsvTable(text: string): ImportResult<RawTable> {
  const parsed = Papa.parse<string[]>(text, {
    delimiter: chooseDelimiter(text),
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
  });
  // Line where each parsed row starts: one more than the previous row's start plus its inner breaks.
  const starts: number[] = [];
  let line = 1;
  for (const fields of parsed.data) {
    starts.push(line);
    line += 1 + fields.reduce((sum, f) => sum + lineBreaks(f), 0);
  }
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const where = quoteError.row === undefined ? null : (starts[quoteError.row] ?? null);
    const reason =
      quoteError.code === 'MissingQuotes'
        ? 'a quoted field is never closed (missing ")'
        : 'a quoted field has text after its closing quote';
    return { ok: false, error: { line: where, reason } };
  }
  const headerIndex = parsed.data.findIndex((fields) => !isBlank(fields));
  if (headerIndex < 0) return { ok: false, error: { line: null, reason: 'the file holds no rows' } };
  const header = parsed.data[headerIndex]!;
  const headerLine = starts[headerIndex]!;
  if (header.length > IMPORT_LIMITS.columns) {
    return {
      ok: false,
      error: {
        line: headerLine,
        reason: `the header has ${header.length} columns; the import limit is ${IMPORT_LIMITS.columns}`,
      },
    };
  }
  const columns = header.map((name, i) => (name.trim() === '' ? `column ${i + 1}` : name.trim()));
  const firstUse = new Map<string, number>();
  for (let i = 0; i < columns.length; i++) {
    const previous = firstUse.get(columns[i]!);
    if (previous !== undefined) {
      return {
        ok: false,
        error: {
          line: headerLine,
          reason: `the header names the same column twice (columns ${previous + 1} and ${i + 1})`,
        },
      };
    }
    firstUse.set(columns[i]!, i);
  }
  const rows: RawRow[] = [];
  for (let r = headerIndex + 1; r < parsed.data.length; r++) {
    const fields = parsed.data[r]!;
    if (isBlank(fields)) continue;
    if (rows.length === IMPORT_LIMITS.rows) {
      return {
        ok: false,
        error: {
          line: starts[r]!,
          reason: `more than ${IMPORT_LIMITS.rows} rows; the import limit is ${IMPORT_LIMITS.rows}`,
        },
      };
    }
    if (fields.length !== columns.length) {
      return {
        ok: false,
        error: {
          line: starts[r]!,
          reason: `${fields.length} fields, but the header has ${columns.length} columns`,
        },
      };
    }
    rows.push({ line: starts[r]!, cells: fields });
  }
  return { ok: true, value: { format: 'csv', columns, rows } };
}
