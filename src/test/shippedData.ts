/**
 * Reads the reference tables that ship with the app: public/data/tables/*.csv.gz (committed; listed
 * in tables.json, made from ../shared/data by scripts/data/build-tables.ts). Unit tests read these and
 * never ../shared, so a clone without ../shared passes; checks of the source files themselves live in
 * scripts/validate/referenceFiles.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { NB201_SOURCE_COLUMNS } from '../../scripts/data/tables/nb201Table';

export const SHIPPED_TABLES_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../public/data/tables',
);

/** The CSV text of one shipped table, e.g. readShippedTable('nb201.csv.gz'). */
export function readShippedTable(file: string): string {
  const path = resolve(SHIPPED_TABLES_PATH, file);
  if (!existsSync(path)) {
    throw new Error(`shipped table missing: ${path} (it is committed; npm run build:tables remakes it)`);
  }
  const bytes = readFileSync(path);
  return file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}

export type ShippedRow = Record<string, string>;

/** One shipped table as records (header line names the fields; cells as written, empty = ''). */
export function readShippedRows(file: string): ShippedRow[] {
  const parsed = Papa.parse<ShippedRow>(readShippedTable(file), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new Error(`${file}: row ${e.row}: ${e.message}`);
  }
  return parsed.data;
}

/**
 * nb201.csv.gz in NAS-Bench-201's benchmark order: element i is the cell of benchmark index i, as row i
 * of ../shared/data/nb201.csv was. (The shipped file lists cells in our own index order and keeps the
 * benchmark's index in `benchmark_index`.)
 */
export function shippedNb201InBenchmarkOrder(): ShippedRow[] {
  const rows = readShippedRows('nb201.csv.gz');
  const ordered: ShippedRow[] = new Array(rows.length);
  for (const row of rows) {
    const index = Number(row.benchmark_index);
    if (!Number.isInteger(index) || index < 0 || index >= rows.length || ordered[index] !== undefined) {
      throw new Error(`nb201.csv.gz: bad or repeated benchmark_index "${row.benchmark_index}"`);
    }
    ordered[index] = row;
  }
  return ordered;
}

/** The source file's columns (the build script's own list). */
export { NB201_SOURCE_COLUMNS };

/**
 * The text of ../shared/data/nb201.csv rebuilt from nb201.csv.gz: benchmark order, the source's nine
 * columns, the two columns the source leaves empty written empty again (the shipped table dropped them).
 * The shipped cells are the source's text unchanged (scripts/data/tables/nb201Table.ts).
 */
export function nb201SourceLayoutCsv(): string {
  const lines = shippedNb201InBenchmarkOrder().map((row) =>
    NB201_SOURCE_COLUMNS.map((c) => row[c] ?? '').join(','),
  );
  return `${[NB201_SOURCE_COLUMNS.join(','), ...lines].join('\n')}\n`;
}
