/** The manifest parser and the CSV → GroundTruthTable step, on small hand-made inputs. */
import { describe, expect, it } from 'vitest';
import {
  parseShippedManifest,
  SHIPPED_MANIFEST_FORMAT,
  type ShippedTable,
  shippedTableFromCsv,
  shippedTablePath,
} from './shippedTables';

const CELL_A = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const CELL_B =
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';

const table = (): ShippedTable => ({
  id: 'nb201',
  file: 'nb201.csv.gz',
  name: 'NAS-Bench-201',
  space: 'nb201',
  keyKind: 'nb201-string',
  keyColumn: 'arch',
  valueColumns: ['cifar10_test', 'params_m'],
  accuracyColumns: ['cifar10_test'],
  rows: 2,
  bytes: 123,
  sha256: 'a'.repeat(64),
  licence: 'Apache-2.0',
  sources: ['nb201.csv'],
});

const manifest = (tables: unknown[] = [table()]) => ({
  format: SHIPPED_MANIFEST_FORMAT,
  version: 1,
  generatedBy: 'test',
  notice: 'NOTICE',
  tables,
});

const errorOf = (json: unknown) => {
  const parsed = parseShippedManifest(json);
  if (parsed.ok) throw new Error('expected the manifest to be rejected');
  return parsed.error;
};

describe('parseShippedManifest', () => {
  it('accepts a well-formed manifest', () => {
    const parsed = parseShippedManifest(manifest());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.tables[0]!.file).toBe('nb201.csv.gz');
  });

  it('names a missing field and the table it is missing from', () => {
    const { sha256: _, ...withoutHash } = table();
    expect(errorOf(manifest([withoutHash]))).toBe('tables.json: tables[0] ("nb201"): "sha256" is missing');
  });

  it('names a field of the wrong kind', () => {
    expect(errorOf(manifest([{ ...table(), rows: '15625' }]))).toContain('"rows" must be a whole number');
    expect(errorOf(manifest([{ ...table(), space: 'pit-ti' }]))).toContain('"space" must be one of nb201');
    expect(errorOf(manifest([{ ...table(), sha256: 'xyz' }]))).toContain('"sha256" must be 64');
  });

  it('rejects a file name that would leave the tables folder', () => {
    expect(errorOf(manifest([{ ...table(), file: '../secret.csv.gz' }]))).toContain(
      '"file" must be a plain file name',
    );
    expect(errorOf(manifest([{ ...table(), file: 'sub/nb201.csv.gz' }]))).toContain(
      '"file" must be a plain file name',
    );
  });

  it('rejects columns that do not fit together', () => {
    expect(errorOf(manifest([{ ...table(), accuracyColumns: ['cifar100_test'] }]))).toContain(
      'accuracy column "cifar100_test" is not one of the value columns',
    );
    expect(errorOf(manifest([{ ...table(), valueColumns: ['arch', 'cifar10_test'] }]))).toContain(
      'the key column "arch" is also a value column',
    );
    expect(errorOf(manifest([{ ...table(), valueColumns: [], accuracyColumns: [] }]))).toContain(
      '"valueColumns" is empty',
    );
  });

  it('rejects two tables with one id, and manifests of another format or version', () => {
    expect(errorOf(manifest([table(), { ...table(), file: 'other.csv.gz' }]))).toContain(
      'the id "nb201" is used twice',
    );
    expect(errorOf({ ...manifest(), format: 'snx-data-manifest' })).toContain('"format"');
    expect(errorOf({ ...manifest(), version: 2 })).toContain('"version" is 2');
    expect(errorOf(manifest([]))).toContain('"tables" is not a non-empty list');
    expect(errorOf(null)).toBe('tables.json: is not a JSON object');
  });
});

describe('shippedTableFromCsv', () => {
  const csv = `arch,benchmark_index,cifar10_test,params_m\n${CELL_A},7,10,0.07\n${CELL_B},3,93.5,\n`;

  it('builds the table through the import path, keeping only the value columns', () => {
    const built = shippedTableFromCsv(table(), csv);
    if (!built.ok) throw new Error(built.error.reason);
    expect(built.value.name).toBe('NAS-Bench-201');
    expect(built.value.columns).toEqual(['cifar10_test', 'params_m']);
    expect(built.value.rows.get(CELL_B)!.cifar10_test).toBe(93.5);
    expect(built.value.rows.get(CELL_B)!.params_m).toBeNaN();
    expect(built.value.notes).toEqual(['params_m: 1 of 2 values missing (kept as NaN)']);
  });

  it('fails when the row count is not the one the manifest states', () => {
    const built = shippedTableFromCsv({ ...table(), rows: 3 }, csv);
    expect(built.ok).toBe(false);
    if (!built.ok)
      expect(built.error.reason).toBe('nb201.csv.gz: holds 2 architectures but tables.json says 3');
  });

  it('fails naming the file when a value column is absent', () => {
    const built = shippedTableFromCsv(
      { ...table(), valueColumns: ['cifar100_test'], accuracyColumns: [] },
      csv,
    );
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error.reason).toBe('nb201.csv.gz: there is no column "cifar100_test"');
  });

  it('places tables in data/tables', () => {
    expect(shippedTablePath(table())).toBe('data/tables/nb201.csv.gz');
  });
});
