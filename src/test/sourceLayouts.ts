/**
 * Files in the layouts of the reference sources in ../shared/data, made by the tests themselves from
 * what ships (public/data/tables) or from valid architectures, so that the import checks run on a clone
 * without ../shared. Everything here is written out independently of the app's parsers and encoders.
 * The source files themselves are checked by scripts/validate/referenceFiles.ts.
 */

import { AUTOPROX_VALUE_COLUMNS } from '../../scripts/data/tables/autoproxTable';
import type { VitArch } from '../core/spaces/vit/vit';
import { readShippedRows, type ShippedRow } from './shippedData';

// ---------------------------------------------------------------------------------------------------
// NASLib (nb201_zc_naslib.json, NASLib's zc_nasbench201.json)

/** NASLib's op numbering for NB201 (naslib/search_spaces/nasbench201/conversions.py, OP_NAMES_NB201). */
const NASLIB_OPS = ['skip_connect', 'none', 'nor_conv_3x3', 'nor_conv_1x1', 'avg_pool_3x3'];
/** NASLib's EDGE_LIST: nodes 1..4, edges (1,2), (1,3), (1,4), (2,3), (2,4), (3,4). */
const NASLIB_EDGES: readonly (readonly [number, number])[] = [
  [1, 2],
  [1, 3],
  [1, 4],
  [2, 3],
  [2, 4],
  [3, 4],
];

/**
 * NASLib's convert_str_to_op_indices, transcribed: split the NB201 string at '+' into the inputs of
 * nodes 2, 3 and 4, each `|op~j|…`, and read edge (u, v) as the (u−1)-th op listed for node v.
 */
export function naslibTupleOfArch(arch: string): number[] {
  const nodes = arch.split('+').map((node) =>
    node
      .trim()
      .slice(1, -1)
      .split('|')
      .map((edge) => edge.split('~')[0]!),
  );
  return NASLIB_EDGES.map(([u, v]) => {
    const op = nodes[v - 2]?.[u - 1];
    const code = op === undefined ? -1 : NASLIB_OPS.indexOf(op);
    if (code < 0) throw new Error(`${arch}: no op for NASLib edge (${u}, ${v})`);
    return code;
  });
}

/** The tuple as Python's str(tuple(...)) writes it, as NASLib's files key cells: "(0, 2, 3, 2, 3, 1)". */
export const naslibKeyOfArch = (arch: string): string => `(${naslibTupleOfArch(arch).join(', ')})`;

/** NASLib's NB201 data sets and their class counts. */
export const NASLIB_DATASETS: Readonly<Record<string, number>> = {
  cifar10: 10,
  cifar100: 100,
  'ImageNet16-120': 120,
};

/** The measures NASLib's zc_nasbench201.json holds per cell, besides val_accuracy. */
export const NASLIB_ZC_MEASURES = [
  'flops',
  'params',
  'snip',
  'jacov',
  'grad_norm',
  'plain',
  'epe_nas',
  'fisher',
  'grasp',
  'l2_norm',
  'synflow',
] as const;

export type NaslibSource = { nasbench201: Record<string, Record<string, Record<string, number>>> };

export interface NaslibShapedFile {
  text: string;
  source: NaslibSource;
  /** NB201 arch string of each key, as the key was made from it. */
  archOfKey: Map<string, string>;
}

/** NB201's test-accuracy column of nb201.csv.gz for the data sets other than CIFAR-10. */
const NB201_TEST_COLUMN: Record<string, string> = {
  cifar100: 'cifar100_test',
  'ImageNet16-120': 'imagenet16_test',
};

/**
 * A file laid out as nb201_zc_naslib.json ({"nasbench201": {dataset: {"(tuple)": {measure: value}}}}),
 * made from the 725 cells of NAS-Bench-Suite-Zero's NASLib subset that ship in
 * published-nb201-scores.csv.gz, keyed by naslibKeyOfArch:
 * - cifar10: NASLib's own published values (nbsz_naslib.cifar10.<measure>, val_accuracy =
 *   nbsz.cifar10.naslib_valacc), a measure left out where the source has none;
 * - cifar100, ImageNet16-120: params = the CIFAR-10 params + 65·(classes − 10) / 1e6, since only the
 *   classifier (64 features → classes, with bias) depends on the class count, to NASLib's 6 decimals;
 *   val_accuracy = NB201's test accuracy on that data set (nb201.csv.gz).
 */
export function naslibShapedFile(): NaslibShapedFile {
  const nb201 = new Map(readShippedRows('nb201.csv.gz').map((r) => [r.arch!, r]));
  const cells = readShippedRows('published-nb201-scores.csv.gz').filter(
    (r) => (r['nbsz_naslib.cifar10.params'] ?? '') !== '',
  );
  const source: NaslibSource = { nasbench201: {} };
  for (const dataset of Object.keys(NASLIB_DATASETS)) source.nasbench201[dataset] = {};
  const archOfKey = new Map<string, string>();
  const number = (row: ShippedRow, column: string): number | undefined => {
    const cell = row[column] ?? '';
    return cell === '' ? undefined : Number(cell);
  };
  for (const row of cells) {
    const arch = row.arch!;
    const key = naslibKeyOfArch(arch);
    if (archOfKey.has(key)) throw new Error(`two cells give the NASLib key ${key}`);
    archOfKey.set(key, arch);
    const cifar10: Record<string, number> = {};
    for (const measure of NASLIB_ZC_MEASURES) {
      const value = number(row, `nbsz_naslib.cifar10.${measure}`);
      if (value !== undefined) cifar10[measure] = value;
    }
    const accuracy = number(row, 'nbsz.cifar10.naslib_valacc');
    if (accuracy !== undefined) cifar10.val_accuracy = accuracy;
    source.nasbench201.cifar10![key] = cifar10;
    const params10 = cifar10.params!;
    for (const [dataset, column] of Object.entries(NB201_TEST_COLUMN)) {
      const classes = NASLIB_DATASETS[dataset]!;
      const params = Math.round((params10 + (65 * (classes - 10)) / 1e6) * 1e6) / 1e6;
      const nb201Row = nb201.get(arch);
      if (!nb201Row) throw new Error(`${arch} is not in nb201.csv.gz`);
      source.nasbench201[dataset]![key] = { params, val_accuracy: Number(nb201Row[column]) };
    }
  }
  return { text: JSON.stringify(source), source, archOfKey };
}

// ---------------------------------------------------------------------------------------------------
// Auto-Prox (vit_autoprox_gt.csv)

/**
 * Auto-Prox's arch_json for one of our AutoFormer-Ti text keys, spelled as Auto-Prox writes it, e.g.
 * {"hidden_dim":192,"mlp_ratio":[3.5,4.0,…],"depth":12,"num_heads":[4,4,…]} (ratios as Python floats).
 */
export function autoProxArchJson(key: string): string {
  const match = /^vit:ti:e(\d+):m([0-9.,]+):h([0-9,]+)$/.exec(key);
  if (!match) throw new Error(`${key} is not an AutoFormer-Ti text key`);
  const ratios = match[2]!.split(',').map((r) => (r.includes('.') ? r : `${r}.0`));
  return `{"hidden_dim":${match[1]},"mlp_ratio":[${ratios.join(',')}],"depth":${ratios.length},"num_heads":[${match[3]}]}`;
}

/** The source file's columns (the build script's own list). */
export { AUTOPROX_VALUE_COLUMNS };

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * A CSV in vit_autoprox_gt.csv's layout (file,row,space,arch_json,<values>): the 200 AutoFormer-Ti rows
 * of autoformer-autoprox.csv.gz with their values as shipped and arch_json written by autoProxArchJson,
 * then `pitRows` rows of space PiT-Ti in PiT's own arch_json layout ({"base_dim","mlp_ratio","depth":
 * [three stages],"num_heads":[three stages]}) with stand-in values and no ImageNet column, as the
 * source's PiT rows have.
 */
export function autoProxLayoutCsv(pitRows = 100): string {
  const header = ['file', 'row', 'space', 'arch_json', ...AUTOPROX_VALUE_COLUMNS];
  const lines = readShippedRows('autoformer-autoprox.csv.gz').map((r) =>
    [
      r.autoprox_file!,
      r.autoprox_row!,
      'AutoFormer-Ti',
      autoProxArchJson(r.arch!),
      ...AUTOPROX_VALUE_COLUMNS.map((c) => r[c] ?? ''),
    ].map(csvCell),
  );
  const stages = [
    { depth: [2, 8, 4], heads: [2, 4, 4] },
    { depth: [1, 6, 6], heads: [2, 8, 8] },
    { depth: [2, 6, 4], heads: [2, 2, 4] },
  ];
  for (let i = 0; i < pitRows; i++) {
    const s = stages[i % stages.length]!;
    const arch = `{"base_dim":${[16, 24, 32][i % 3]},"mlp_ratio":${[2, 4, 6][(i >> 1) % 3]},"depth":[${s.depth.join(',')}],"num_heads":[${s.heads.join(',')}]}`;
    const values = AUTOPROX_VALUE_COLUMNS.map((c, j) =>
      c === 'imagenet_supernet_inherited' ? '' : String(50 + ((i * 7 + j) % 40)),
    );
    lines.push(['gt_pit', String(i), 'PiT-Ti', arch, ...values].map(csvCell));
  }
  return `${[header, ...lines].map((l) => l.join(',')).join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// OoD-ViT-NAS (vit_oodvitnas_autoformer.csv: no licence, never copied into the repo)

export const OOD_COLUMNS = [
  'supernet',
  'id',
  'layer_num',
  'embed_dim',
  'mlp_ratio_json',
  'num_heads_json',
  'params_m',
  'flops_m',
  'imagenet_top1_supernet_inherited',
  'imagenet_c_gaussian_noise_sev1',
] as const;

const OOD_SUPERNET: Partial<Record<VitArch['space'], string>> = {
  'autoformer-tiny': 'tiny',
  'autoformer-small': 'small',
  'autoformer-base': 'base',
};

/**
 * Parameters of a published AutoFormer subnet (224 px: 196 patches of 16x16, 1 000 classes, heads of
 * width 64), counted by hand from the AutoFormer model: patch conv 16·16·3·e + e, cls token e, absolute
 * position embedding 197·e; per layer two LayerNorms 4e, qkv e·3w + 3w and projection w·e + e
 * (w = 64·heads), fc1 e·m + m and fc2 m·e + e (m = ⌊ratio·e⌋), and the 2-D relative position tables
 * 4·30·64 = 7 680; final LayerNorm 2e and classifier 1000·e + 1000.
 */
export function autoformerPublishedParams(arch: VitArch): number {
  const e = arch.embed;
  let total = 16 * 16 * 3 * e + e + e + 197 * e + 2 * e + 1000 * e + 1000;
  arch.mlpRatio.forEach((ratio, l) => {
    const w = 64 * arch.heads[l]!;
    const m = Math.floor(ratio * e);
    total += 4 * e + (e * 3 * w + 3 * w) + (w * e + e) + (e * m + m) + (m * e + e) + 7680;
  });
  return total;
}

/**
 * A CSV in vit_oodvitnas_autoformer.csv's layout, one row per architecture (AutoFormer-Ti, -S or -B):
 * lists spelled as Python writes them ("[4, 3.5, …]"), params_m = autoformerPublishedParams in millions
 * (6 decimals, as the source), and stand-in FLOPs and accuracies (distinct per row); only tiny rows
 * get an ImageNet-C value, as in the source. Returns the text and its rows as cells.
 */
export function oodLayoutCsv(archs: readonly VitArch[]): { text: string; rows: Record<string, string>[] } {
  const ids = new Map<string, number>();
  const rows = archs.map((arch, i) => {
    const supernet = OOD_SUPERNET[arch.space];
    if (!supernet) throw new Error(`${arch.space} is not an OoD-ViT-NAS supernet`);
    const id = ids.get(supernet) ?? 0;
    ids.set(supernet, id + 1);
    const row: Record<string, string> = {
      supernet,
      id: String(id),
      layer_num: String(arch.mlpRatio.length),
      embed_dim: String(arch.embed),
      mlp_ratio_json: `[${arch.mlpRatio.join(', ')}]`,
      num_heads_json: `[${arch.heads.join(', ')}]`,
      params_m: (autoformerPublishedParams(arch) / 1e6).toFixed(6),
      flops_m: (1000 + i * 1.5).toFixed(3),
      imagenet_top1_supernet_inherited: String(70 + i / 100),
      imagenet_c_gaussian_noise_sev1: supernet === 'tiny' ? String(60 + i / 1000) : '',
    };
    return row;
  });
  const lines = rows.map((row) => OOD_COLUMNS.map((c) => csvCell(row[c]!)).join(','));
  return { text: `${[OOD_COLUMNS.join(','), ...lines].join('\n')}\n`, rows };
}
