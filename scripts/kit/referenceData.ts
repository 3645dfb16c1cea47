/**
 * The reference tables in ../shared/data (beside the checkout; never copied into the repo), parsed,
 * for the validation scripts, the benches and the table builder. A missing file stops the script
 * with a message naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

export const REFERENCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

/** A reference file's absolute path (whether or not it is there). */
export function referencePath(name: string): string {
  return resolve(REFERENCE_DIR, name);
}

/** The names among `names` that have no file in `dir` (../shared/data unless a test points elsewhere). */
export function missingReferences(names: readonly string[], dir = REFERENCE_DIR): string[] {
  return names.filter((name) => !existsSync(resolve(dir, name)));
}

export function readReference(name: string): string {
  const path = referencePath(name);
  if (!existsSync(path)) {
    throw new Error(
      `reference file missing: ${path} (see shared/data/README.md; it must sit beside the checkout)`,
    );
  }
  return readFileSync(path, 'utf8');
}

export type Row = Record<string, string>;

export function readReferenceCsv(name: string): Row[] {
  const parsed = Papa.parse<Row>(readReference(name), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new Error(`${name}: row ${e.row}: ${e.message}`);
  }
  return parsed.data;
}

/** A number from a table cell; NaN where the cell is empty or not a number. */
export function cellNumber(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return Number.NaN;
  return Number(text);
}

export const NB201_ACCURACY_COLUMNS = ['cifar10_test', 'cifar100_test', 'imagenet16_test'] as const;
export type Nb201AccuracyColumn = (typeof NB201_ACCURACY_COLUMNS)[number];

export interface Nb201Truth {
  accuracy: Record<Nb201AccuracyColumn, number>;
  paramsM: number;
  flopsM: number;
}

/** nb201.csv by arch string. */
export function nb201Truth(): Map<string, Nb201Truth> {
  const table = new Map<string, Nb201Truth>();
  for (const row of readReferenceCsv('nb201.csv')) {
    table.set(row.arch!, {
      accuracy: {
        cifar10_test: cellNumber(row.cifar10_test),
        cifar100_test: cellNumber(row.cifar100_test),
        imagenet16_test: cellNumber(row.imagenet16_test),
      },
      paramsM: cellNumber(row.params_m),
      flopsM: cellNumber(row.flops_m),
    });
  }
  return table;
}
