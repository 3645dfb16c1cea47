/**
 * nb201.csv.gz: all 15 625 NAS-Bench-201 cells with their accuracies, params and FLOPs.
 * The source lists cells in NB201's benchmark order; the shipped table lists them in our own index
 * order (spaces/nb201/nb201.ts: row i is nb201FromIndex(i)), so the app can find a cell's row without a
 * lookup, and keeps the benchmark's index in a column.
 */
import {
  NB201_CELL_COUNT,
  nb201FromIndex,
  nb201FromString,
  nb201ToIndex,
  nb201ToString,
} from '../../../src/core/spaces/nb201/nb201';
import type { BuiltTable } from './builtTable';
import { check, checkBest, checkNumberCell } from './check';
import { expectColumns, type SourceTable, writeCsv } from './sourceCsv';

export const NB201_SOURCE = 'nb201.csv';
/** Columns of the source nb201.csv, in its order (the tests rebuild it in this layout). */
export const NB201_SOURCE_COLUMNS = [
  'arch',
  'cifar10_valid',
  'cifar10_test',
  'cifar100_valid',
  'cifar100_test',
  'imagenet16_valid',
  'imagenet16_test',
  'params_m',
  'flops_m',
];
/** What the README says is empty in every row (no public full table): dropped. */
const EXPECTED_EMPTY = ['cifar100_valid', 'imagenet16_valid'];
const ACCURACY_COLUMNS = ['cifar10_valid', 'cifar10_test', 'cifar100_test', 'imagenet16_test'];
const BENCHMARK_INDEX = 'benchmark_index';
/** NB201's arch 0 (benchmark order), as ../shared/data/README.md states its cost. */
const BENCHMARK_ARCH_0 = { params_m: 0.129306, flops_m: 15.64737 };

/** The cell's arch string (already checked to be in our canonical spelling) → its benchmark row. */
export function nb201BenchmarkRows(source: SourceTable): Map<string, number> {
  const rowOf = new Map<string, number>();
  source.rows.forEach((row, i) => {
    const arch = row.arch ?? '';
    const cell = nb201FromString(arch);
    check(cell.ok, `${source.file} row ${i}: "${arch}" is not an NB201 cell string`);
    check(nb201ToString(cell.value) === arch, `${source.file} row ${i}: "${arch}" is not in canonical form`);
    check(!rowOf.has(arch), `${source.file} row ${i}: "${arch}" appears twice`);
    rowOf.set(arch, i);
  });
  return rowOf;
}

export function buildNb201Table(source: SourceTable): BuiltTable {
  const file = source.file;
  expectColumns(source, NB201_SOURCE_COLUMNS);
  check(
    source.rows.length === NB201_CELL_COUNT,
    `${file}: ${source.rows.length} rows, not ${NB201_CELL_COUNT}`,
  );
  const empty = NB201_SOURCE_COLUMNS.filter((c) => source.rows.every((r) => (r[c] ?? '').trim() === ''));
  check(
    empty.join(',') === EXPECTED_EMPTY.join(','),
    `${file}: the columns empty in every row are [${empty.join(', ')}], expected [${EXPECTED_EMPTY.join(', ')}]`,
  );
  const valueColumns = NB201_SOURCE_COLUMNS.filter((c) => c !== 'arch' && !empty.includes(c));
  const benchmarkRow = nb201BenchmarkRows(source);
  source.rows.forEach((row, i) => {
    for (const c of valueColumns) checkNumberCell(row[c] ?? '', false, `${file} row ${i} ${c}`);
  });
  checkBest(file, source.rows, 'cifar10_test', '94.37');
  checkBest(file, source.rows, 'cifar100_test', '73.51');
  checkBest(file, source.rows, 'imagenet16_test', '47.31');
  checkBest(file, source.rows, 'cifar10_valid', '91.61');
  const arch0 = source.rows[0]!;
  for (const [column, value] of Object.entries(BENCHMARK_ARCH_0)) {
    check(Number(arch0[column]) === value, `${file}: arch 0 has ${column} ${arch0[column]}, not ${value}`);
  }

  const rows: string[][] = [];
  for (let index = 0; index < NB201_CELL_COUNT; index++) {
    const arch = nb201ToString(nb201FromIndex(index));
    const at = benchmarkRow.get(arch);
    check(at !== undefined, `${file}: no row for cell ${index} (${arch})`);
    const row = source.rows[at]!;
    rows.push([arch, String(at), ...valueColumns.map((c) => row[c]!)]);
  }
  // What the app relies on: row i is our cell i.
  rows.forEach(([arch], i) => {
    const cell = nb201FromString(arch ?? '');
    check(cell.ok && nb201ToIndex(cell.value) === i, `built row ${i} is not NB201 cell ${i}`);
  });

  return {
    about:
      'Trained results of every cell of NAS-Bench-201 (Dong & Yang, ICLR 2020), as collected by RoBoT and NASWOT.',
    entry: {
      id: 'nb201',
      file: 'nb201.csv.gz',
      name: 'NAS-Bench-201',
      space: 'nb201',
      keyKind: 'nb201-string',
      keyColumn: 'arch',
      valueColumns,
      accuracyColumns: ACCURACY_COLUMNS,
      rows: rows.length,
      licence: 'Apache-2.0 (RoBoT) and MIT (NASWOT)',
      sources: [NB201_SOURCE],
    },
    csv: writeCsv(['arch', BENCHMARK_INDEX, ...valueColumns], rows),
    credits: [
      {
        file: NB201_SOURCE,
        parts: [
          {
            project: 'robot',
            what: 'test accuracies (cifar10_test, cifar100_test, imagenet16_test; NAS-Bench-201 v1.0, 200 epochs, mean over seeds)',
          },
          { project: 'naswot', what: 'cifar10_valid (NAS-Bench-201 v1.1, 200 epochs)' },
        ],
      },
    ],
    changes: [
      `Dropped ${EXPECTED_EMPTY.join(' and ')}, which are empty in every row.`,
      `Rows reordered from NAS-Bench-201's benchmark order into this app's cell index order (row i is the cell whose six op codes, in the string's edge order with none=0 skip_connect=1 nor_conv_1x1=2 nor_conv_3x3=3 avg_pool_3x3=4, read as base-5 digits give i); the benchmark's own index is kept in the new column ${BENCHMARK_INDEX}.`,
      'Values copied as written (no rounding). params_m and flops_m are in millions, for the CIFAR-10 network; ../shared/data/README.md does not say which of the two projects they come from, so the whole file carries both licences.',
      `Checked: 15 625 distinct cells; best test accuracy CIFAR-10 94.37, CIFAR-100 73.51, ImageNet16-120 47.31; best cifar10_valid 91.61; benchmark arch 0 has ${BENCHMARK_ARCH_0.params_m} M params and ${BENCHMARK_ARCH_0.flops_m} M FLOPs.`,
    ],
  };
}
