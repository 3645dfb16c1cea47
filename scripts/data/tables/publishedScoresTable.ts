/**
 * published-nb201-scores.csv.gz: proxy scores other people published for NB201 cells, for cell-by-cell
 * comparison with ours. One row per cell (all 15 625, in our index order like nb201.csv.gz):
 * - naswot.cifar10.jacob_cov: NASWOT's first-version score (Jacobian covariance), CIFAR-10, all cells;
 * - nbsz_naslib.cifar10.<proxy>: NAS-Bench-Suite-Zero's 13 scores from NASLib's 725-cell subset;
 * - nbsz_archviz.cifar10.<proxy>: the same 13 scores from the 1 562-cell 10 % sample (ArchVizD3 mirror);
 * - nbsz.cifar10.naslib_valacc: NASLib's accuracy (one seed) for the cells of either.
 * The two NAS-Bench-Suite-Zero sources are separate runs (80 cells are in both, with different
 * data-dependent scores), so each keeps its own columns rather than one overwriting the other.
 * The data set is in every column name; only the CIFAR-10 rows are shipped.
 */
import {
  NB201_CELL_COUNT,
  nb201FromIndex,
  nb201FromString,
  nb201ToIndex,
  nb201ToString,
} from '../../../src/core/spaces/nb201/nb201';
import { nb201FromNaslibKey } from '../../../src/core/spaces/nb201/nb201Naslib';
import type { BuiltTable } from './builtTable';
import { check, checkNumberCell } from './check';
import { expectColumns, type SourceTable, writeCsv } from './sourceCsv';

export const NBSZ_SOURCE = 'proxy_scores_nb201_nbsuitezero_subset.csv';
export const NASWOT_SOURCE = 'proxy_scores_nb201_naswot_jacov_cifar10.csv';

export const NBSZ_PROXIES = [
  'epe_nas',
  'fisher',
  'flops',
  'grad_norm',
  'grasp',
  'jacov',
  'l2_norm',
  'nwot',
  'params',
  'plain',
  'snip',
  'synflow',
  'zen',
] as const;
const NBSZ_COLUMNS = ['source', 'dataset', 'arch', 'naslib_op_tuple', ...NBSZ_PROXIES, 'naslib_valacc'];
const NASWOT_COLUMNS = ['index', 'arch', 'naswot_v1_jacov_score'];
/** ../shared/data/README.md: 341 of the 15 625 NASWOT scores are empty (dead cells). */
const NASWOT_EMPTY = 341;
const DATASET = 'cifar10';

/** The two NAS-Bench-Suite-Zero sources, told apart by how their `source` cell starts. */
const NBSZ_RUNS = [
  { prefix: 'NASLib@', column: 'nbsz_naslib', project: 'naslib', cells: 725 },
  { prefix: 'pprp/ArchVizD3@', column: 'nbsz_archviz', project: 'archviz', cells: 1562 },
] as const;

export const NASWOT_COLUMN = `naswot.${DATASET}.jacob_cov`;
export const NBSZ_ACCURACY_COLUMN = `nbsz.${DATASET}.naslib_valacc`;
const runColumns = (run: (typeof NBSZ_RUNS)[number]) =>
  NBSZ_PROXIES.map((p) => `${run.column}.${DATASET}.${p}`);

/** Reads one cell string and checks it is canonical; returns our index. */
function ourIndex(arch: string, where: string): number {
  const cell = nb201FromString(arch);
  check(cell.ok, `${where}: "${arch}" is not an NB201 cell string`);
  check(nb201ToString(cell.value) === arch, `${where}: "${arch}" is not in canonical form`);
  return nb201ToIndex(cell.value);
}

/**
 * `benchmarkRow` maps each arch to its row in nb201.csv (NB201's benchmark order): NASWOT's `index`
 * column is that same order, which is checked cell by cell.
 */
export function buildPublishedScoresTable(
  nbsz: SourceTable,
  naswot: SourceTable,
  benchmarkRow: ReadonlyMap<string, number>,
): BuiltTable {
  expectColumns(naswot, NASWOT_COLUMNS);
  expectColumns(nbsz, NBSZ_COLUMNS);
  check(
    naswot.rows.length === NB201_CELL_COUNT,
    `${naswot.file}: ${naswot.rows.length} rows, not ${NB201_CELL_COUNT}`,
  );
  const jacobCov = new Array<string | undefined>(NB201_CELL_COUNT);
  let naswotEmpty = 0;
  naswot.rows.forEach((row, i) => {
    const where = `${naswot.file} data row ${i + 1}`;
    const arch = row.arch!;
    const index = ourIndex(arch, where);
    check(row.index === String(i), `${where}: index is ${row.index}, expected ${i}`);
    check(
      benchmarkRow.get(arch) === i,
      `${where}: "${arch}" is row ${benchmarkRow.get(arch)} of nb201.csv, not ${i}`,
    );
    check(jacobCov[index] === undefined, `${where}: "${arch}" appears twice`);
    checkNumberCell(row.naswot_v1_jacov_score!, true, `${where} naswot_v1_jacov_score`);
    if (row.naswot_v1_jacov_score === '') naswotEmpty++;
    jacobCov[index] = row.naswot_v1_jacov_score!;
  });
  check(
    naswotEmpty === NASWOT_EMPTY,
    `${naswot.file}: ${naswotEmpty} empty scores, the README says ${NASWOT_EMPTY}`,
  );

  // Per run, our cell index → its 13 scores; and one accuracy per cell (equal in both runs: checked).
  const scores = NBSZ_RUNS.map(() => new Map<number, string[]>());
  const accuracy = new Map<number, string>();
  const sourceLabels = new Set<string>();
  nbsz.rows.forEach((row, i) => {
    if (row.dataset !== DATASET) return;
    const where = `${nbsz.file} data row ${i + 1}`;
    const run = NBSZ_RUNS.findIndex((r) => row.source!.startsWith(r.prefix));
    check(run >= 0, `${where}: unknown source "${row.source}"`);
    sourceLabels.add(row.source!);
    const index = ourIndex(row.arch!, where);
    const tuple = nb201FromNaslibKey(row.naslib_op_tuple!);
    check(
      tuple.ok && nb201ToIndex(tuple.value) === index,
      `${where}: naslib_op_tuple ${row.naslib_op_tuple} is not ${row.arch}`,
    );
    check(!scores[run]!.has(index), `${where}: "${row.arch}" appears twice in ${NBSZ_RUNS[run]!.column}`);
    for (const p of NBSZ_PROXIES) checkNumberCell(row[p]!, true, `${where} ${p}`);
    checkNumberCell(row.naslib_valacc!, false, `${where} naslib_valacc`);
    const known = accuracy.get(index);
    check(
      known === undefined || known === row.naslib_valacc,
      `${where}: naslib_valacc ${row.naslib_valacc} but ${known} in the other run`,
    );
    accuracy.set(index, row.naslib_valacc!);
    scores[run]!.set(
      index,
      NBSZ_PROXIES.map((p) => row[p]!),
    );
  });
  NBSZ_RUNS.forEach((r, k) => {
    const n = scores[k]!.size;
    check(n === r.cells, `${nbsz.file}: ${n} ${DATASET} cells from ${r.prefix}…, the README says ${r.cells}`);
  });

  const empty13 = NBSZ_PROXIES.map(() => '');
  const rows: string[][] = [];
  for (let index = 0; index < NB201_CELL_COUNT; index++) {
    rows.push([
      nb201ToString(nb201FromIndex(index)),
      jacobCov[index]!,
      accuracy.get(index) ?? '',
      ...scores.flatMap((run) => run.get(index) ?? empty13),
    ]);
  }
  const valueColumns = [NASWOT_COLUMN, NBSZ_ACCURACY_COLUMN, ...NBSZ_RUNS.flatMap(runColumns)];
  const both = [...scores[0]!.keys()].filter((i) => scores[1]!.has(i)).length;

  return {
    about:
      'Zero-cost proxy scores published for NAS-Bench-201 cells on CIFAR-10: NASWOT for every cell, NAS-Bench-Suite-Zero for two subsets.',
    entry: {
      id: 'published-nb201-scores',
      file: 'published-nb201-scores.csv.gz',
      name: 'Published NB201 proxy scores',
      space: 'nb201',
      keyKind: 'nb201-string',
      keyColumn: 'arch',
      valueColumns,
      accuracyColumns: [NBSZ_ACCURACY_COLUMN],
      rows: rows.length,
      licence: 'MIT (NASWOT), Apache-2.0 (NASLib), MIT (ArchVizD3 mirror)',
      sources: [NASWOT_SOURCE, NBSZ_SOURCE],
    },
    csv: writeCsv(['arch', ...valueColumns], rows),
    credits: [
      {
        file: NASWOT_SOURCE,
        parts: [{ project: 'naswot', what: `${NASWOT_COLUMN} (naswot_v1_jacov_score)` }],
      },
      {
        file: NBSZ_SOURCE,
        parts: NBSZ_RUNS.map((r) => ({
          project: r.project,
          what: `${r.column}.${DATASET}.* (${r.cells} cells; source ${[...sourceLabels].filter((s) => s.startsWith(r.prefix)).join(', ')})`,
        })),
      },
    ],
    changes: [
      `One row per NB201 cell, all ${NB201_CELL_COUNT}, in this app's cell index order (as nb201.csv.gz), keyed by the NB201 arch string; an empty cell means no published score.`,
      `From ${NASWOT_SOURCE}: naswot_v1_jacov_score renamed ${NASWOT_COLUMN}; its index column dropped (it is NB201's benchmark index, kept in nb201.csv.gz as benchmark_index). ${NASWOT_EMPTY} scores are empty (dead cells) and stay empty.`,
      `From ${NBSZ_SOURCE}: only the ${DATASET} rows; the 13 proxy columns (${NBSZ_PROXIES.join(', ')}) of each source run under its own prefix (nbsz_naslib: NASLib's ${NBSZ_RUNS[0].cells}-cell subset; nbsz_archviz: the ${NBSZ_RUNS[1].cells}-cell sample), because ${both} cells are in both runs with different data-dependent scores; naslib_valacc (equal in both runs for those cells: checked) becomes ${NBSZ_ACCURACY_COLUMN}; source, dataset and naslib_op_tuple are dropped (naslib_op_tuple checked to name the same cell as arch). NASLib's synflow is already log-scaled.`,
      'Scores copied as written (no rounding).',
    ],
  };
}
