/**
 * CSV in and out for the table build: reads a reference file with its header line (every cell kept as
 * written, so numbers are copied without rounding) and writes a table back as CSV with LF line ends.
 */
import Papa from 'papaparse';
import { check } from './check';

export interface SourceTable {
  /** File name, for messages. */
  file: string;
  columns: string[];
  /** Cells by column name, as written. */
  rows: Record<string, string>[];
}

export function readSourceCsv(file: string, text: string): SourceTable {
  // The reference files are all comma-separated; a fixed delimiter keeps papaparse from guessing.
  const parsed = Papa.parse<string[]>(text, {
    delimiter: ',',
    header: false,
    skipEmptyLines: true,
    dynamicTyping: false,
  });
  const error = parsed.errors[0];
  check(error === undefined, `${file}: ${error?.message} (data row ${error?.row ?? '?'})`);
  const [header, ...body] = parsed.data;
  check(header !== undefined, `${file}: the file is empty`);
  const columns = header.map((name) => name.trim());
  check(new Set(columns).size === columns.length, `${file}: the header names a column twice`);
  const rows = body.map((fields, i) => {
    check(
      fields.length === columns.length,
      `${file}: data row ${i + 1} has ${fields.length} fields, the header ${columns.length}`,
    );
    return Object.fromEntries(columns.map((name, c) => [name, fields[c]!]));
  });
  return { file, columns, rows };
}

/** Fails unless the file has exactly these columns, in this order (the build relies on their meaning). */
export function expectColumns(table: SourceTable, expected: readonly string[]): void {
  check(
    table.columns.join(',') === expected.join(','),
    `${table.file}: expected the columns ${expected.join(', ')} but found ${table.columns.join(', ')}`,
  );
}

/** Header line, then one line per row, LF line ends and a final LF; quotes only where a cell needs them. */
export function writeCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${Papa.unparse({ fields: [...columns], data: rows.map((r) => [...r]) }, { newline: '\n', quotes: false })}\n`;
}
