/**
 * autoformer-autoprox.csv.gz: Auto-Prox's 200 AutoFormer-Ti subnets with their accuracies. Keys become
 * our ViT text (vitToString, key kind 'vit-text'), converted from arch_json by the importer's own
 * parseKey, so the shipped keys are exactly those an import of the original file gives. The file's
 * 100 PiT-Ti rows are left out: the app has no PiT search space.
 */
import { parseKey } from '../../../src/core/groundtruth/keys';
import { vitFromString, vitToString } from '../../../src/core/spaces/vit/vit';
import type { BuiltTable } from './builtTable';
import { check, checkNumberCell } from './check';
import { expectColumns, type SourceTable, writeCsv } from './sourceCsv';

export const AUTOPROX_SOURCE = 'vit_autoprox_gt.csv';
/** Auto-Prox's value columns, in its order. */
export const AUTOPROX_VALUE_COLUMNS = [
  'cifar100_scratch',
  'cifar100_kd',
  'flowers_scratch',
  'flowers_kd',
  'chaoyang_scratch',
  'chaoyang_kd',
  'imagenet_supernet_inherited',
];
const SOURCE_COLUMNS = ['file', 'row', 'space', 'arch_json', ...AUTOPROX_VALUE_COLUMNS];
/** Rows per `space` value, as ../shared/data/README.md counts them. */
const EXPECTED_SPACES: Record<string, number> = { 'AutoFormer-Ti': 200, 'PiT-Ti': 100 };
const SHIPPED_SPACE = 'AutoFormer-Ti';

export function buildAutoproxTable(source: SourceTable): BuiltTable {
  const file = source.file;
  expectColumns(source, SOURCE_COLUMNS);
  const perSpace = new Map<string, number>();
  for (const row of source.rows) perSpace.set(row.space!, (perSpace.get(row.space!) ?? 0) + 1);
  const counts = [...perSpace].map(([s, n]) => `${s} ${n}`).join(', ');
  check(
    perSpace.size === Object.keys(EXPECTED_SPACES).length &&
      Object.entries(EXPECTED_SPACES).every(([s, n]) => perSpace.get(s) === n),
    `${file}: rows per space are ${counts}, expected AutoFormer-Ti 200, PiT-Ti 100`,
  );

  const keys = new Set<string>();
  const rows: string[][] = [];
  source.rows.forEach((row, i) => {
    if (row.space !== SHIPPED_SPACE) return;
    const where = `${file} data row ${i + 1} (${row.file} ${row.row})`;
    const parsed = parseKey('vit-autoprox-json', row.arch_json, row.space);
    const why = parsed.ok ? '' : parsed.skip ? `space "${parsed.label}" is not ours` : parsed.error;
    check(parsed.ok, `${where}: arch_json does not parse: ${why}`);
    check(parsed.space === 'autoformer-tiny', `${where}: parsed into ${parsed.space}, not autoformer-tiny`);
    const back = vitFromString(parsed.key);
    check(
      back.ok && vitToString(back.value) === parsed.key,
      `${where}: key ${parsed.key} does not read back`,
    );
    check(!keys.has(parsed.key), `${where}: architecture ${parsed.key} appears twice`);
    keys.add(parsed.key);
    for (const c of AUTOPROX_VALUE_COLUMNS) checkNumberCell(row[c]!, true, `${where} ${c}`);
    rows.push([parsed.key, row.file!, row.row!, ...AUTOPROX_VALUE_COLUMNS.map((c) => row[c]!)]);
  });
  check(
    rows.length === EXPECTED_SPACES[SHIPPED_SPACE],
    `${file}: ${rows.length} AutoFormer-Ti rows, not 200`,
  );
  const empty = AUTOPROX_VALUE_COLUMNS.filter((c) =>
    rows.every((r) => r[3 + AUTOPROX_VALUE_COLUMNS.indexOf(c)] === ''),
  );
  check(empty.length === 0, `${file}: ${empty.join(', ')} empty for every AutoFormer-Ti row`);

  return {
    about:
      'AutoFormer-Ti subnets (the AutoFormer search space, Chen et al., ICCV 2021) trained from scratch and with distillation by Auto-Prox, plus ImageNet accuracy with supernet weights.',
    entry: {
      id: 'autoformer-autoprox',
      file: 'autoformer-autoprox.csv.gz',
      name: 'Auto-Prox AutoFormer-Ti',
      space: 'autoformer-tiny',
      keyKind: 'vit-text',
      keyColumn: 'arch',
      valueColumns: AUTOPROX_VALUE_COLUMNS,
      accuracyColumns: AUTOPROX_VALUE_COLUMNS,
      rows: rows.length,
      licence: 'Apache-2.0 (Auto-Prox)',
      sources: [AUTOPROX_SOURCE],
    },
    csv: writeCsv(['arch', 'autoprox_file', 'autoprox_row', ...AUTOPROX_VALUE_COLUMNS], rows),
    credits: [{ file: AUTOPROX_SOURCE, parts: [{ project: 'autoprox', what: 'every column' }] }],
    changes: [
      `Kept the ${rows.length} AutoFormer-Ti rows; left out the ${EXPECTED_SPACES['PiT-Ti']} PiT-Ti rows, because this app has no PiT search space.`,
      "arch_json (hidden_dim, depth, mlp_ratio[], num_heads[]) converted to this app's ViT text, e.g. vit:ti:e192:m3.5,4,…:h4,3,… (embedding width, then one MLP ratio and one head count per layer); every key checked to read back.",
      "The columns file and row (which of Auto-Prox's result files, gt_autoformer or gt_autoformer_2, and the row in it) are kept as autoprox_file and autoprox_row; space is dropped (always AutoFormer-Ti).",
      'Accuracies copied as written (no rounding); empty cells stay empty (gt_autoformer_2 has no from-scratch results).',
    ],
  };
}
