/**
 * npm run validate:files
 *
 * Checks the reference files in ../shared/data themselves (they never ship, and unit tests never read
 * them): that each imports as it is, that our encodings and parameter counts agree with what they
 * publish, and that the stand-ins the unit tests build in the sources' layouts (src/test/shippedData.ts,
 * src/test/sourceLayouts.ts) match them. Prints one line per check; exits 1 if any check fails and 2
 * with a message naming the files if some are missing.
 */
import { importGroundTruth, parseTable, proposeMapping } from '../../src/core/groundtruth';
import { paramSize } from '../../src/core/nn/paramSpec';
import { FIDELITY_PRESETS } from '../../src/core/spaces/fidelity';
import { nb201FromString } from '../../src/core/spaces/nb201/nb201';
import { naslibKey, nb201FromNaslibKey } from '../../src/core/spaces/nb201/nb201Naslib';
import { nb201ParamSpecs } from '../../src/core/spaces/nb201/nb201ParamSpecs';
import {
  type VitArch,
  vitFromAutoProxJson,
  vitFromOodRow,
  vitFromString,
  vitToString,
} from '../../src/core/spaces/vit/vit';
import { vitParamSpecs } from '../../src/core/spaces/vit/vitParamSpecs';
import { importedTable as imported, maxOf } from '../../src/test/importedTable';
import { nb201SourceLayoutCsv } from '../../src/test/shippedData';
import { autoformerPublishedParams, autoProxLayoutCsv, naslibKeyOfArch } from '../../src/test/sourceLayouts';
import { missingReferences, REFERENCE_DIR, readReference, readReferenceCsv } from '../kit/referenceData';

const NB201 = 'nb201.csv';
const NASLIB = 'nb201_zc_naslib.json';
const SUITE_ZERO = 'proxy_scores_nb201_nbsuitezero_subset.csv';
const AUTOPROX = 'vit_autoprox_gt.csv';
const OOD = 'vit_oodvitnas_autoformer.csv';
const FILES = [NB201, NASLIB, SUITE_ZERO, AUTOPROX, OOD];

const missing = missingReferences(FILES);
if (missing.length > 0) {
  console.error(
    `validate:reference-files: missing in ${REFERENCE_DIR}: ${missing.join(', ')} ` +
      '(see shared/data/README.md; ../shared/data must sit beside the checkout)',
  );
  process.exit(2);
}

const failures: string[] = [];
function check(name: string, ok: boolean, detail = ''): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail !== '' ? ` (${detail})` : ''}`);
  if (!ok) failures.push(name);
}
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const close = (a: number | undefined, b: number, digits: number) =>
  a !== undefined && Math.abs(a - b) < 10 ** -digits / 2;

// --- nb201.csv -------------------------------------------------------------------------------------
const nb201Text = readReference(NB201);
const nb201 = imported(nb201Text, NB201);
check(
  `${NB201}: imports 15 625 cells keyed by NB201 string, the six columns with numbers`,
  nb201.space === 'nb201' &&
    nb201.keyKind === 'nb201-string' &&
    nb201.rows.size === 15_625 &&
    same(nb201.columns, [
      'cifar10_valid',
      'cifar10_test',
      'cifar100_test',
      'imagenet16_test',
      'params_m',
      'flops_m',
    ]) &&
    nb201.notes.length === 0,
  `${nb201.rows.size} rows, columns ${nb201.columns.join(',')}`,
);
const arch0 = nb201.rows.get(
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|',
);
check(
  `${NB201}: arch 0 has the README's 0.129306 M params, 15.64737 M FLOPs and the first row's accuracies`,
  arch0?.params_m === 0.129306 &&
    arch0.flops_m === 15.64737 &&
    arch0.cifar10_test === 85.8633 &&
    arch0.cifar100_test === 52.9133,
);
check(
  `${NB201}: best accuracies as the NB201 paper (94.37, 73.51, 47.31; valid 91.61)`,
  close(maxOf(nb201, 'cifar10_test'), 94.37, 2) &&
    close(maxOf(nb201, 'cifar100_test'), 73.51, 2) &&
    close(maxOf(nb201, 'imagenet16_test'), 47.31, 2) &&
    close(maxOf(nb201, 'cifar10_valid'), 91.61, 2),
);
{
  const raw = parseTable(nb201Text, NB201);
  const proposed = raw.ok ? proposeMapping(raw.value) : null;
  const picked =
    proposed?.ok === true
      ? importGroundTruth(nb201Text, {
          fileName: NB201,
          mapping: { ...proposed.value, valueColumns: ['cifar100_valid', 'cifar10_test'] },
        })
      : null;
  check(
    `${NB201}: the all-empty cifar100_valid, when picked, is kept as NaN with a note`,
    picked?.ok === true &&
      same(picked.value.notes, ['cifar100_valid: 15625 of 15625 values missing (kept as NaN)']) &&
      [...picked.value.rows.values()].every((r) => Number.isNaN(r.cifar100_valid)),
  );
}
check(
  `${NB201}: the unit tests' stand-in (nb201.csv.gz in the source layout) is the file, byte for byte`,
  nb201SourceLayoutCsv() === nb201Text.replace(/\r\n/g, '\n'),
);

// --- nb201_zc_naslib.json --------------------------------------------------------------------------
{
  const text = readReference(NASLIB);
  const table = imported(text, NASLIB);
  const source = JSON.parse(text) as { nasbench201: Record<string, Record<string, Record<string, number>>> };
  const datasets = Object.keys(source.nasbench201);
  const measures = Object.keys(source.nasbench201.cifar10?.['(4, 3, 3, 3, 2, 3)'] ?? {});
  check(
    `${NASLIB}: imports 491 cells keyed by NASLib tuple, one column per data set and measure`,
    table.space === 'nb201' &&
      table.keyKind === 'naslib-tuple' &&
      table.rows.size === 491 &&
      table.columns.length === datasets.length * measures.length &&
      table.columns.includes('cifar10.val_accuracy') &&
      table.columns.includes('ImageNet16-120.synflow'),
    `${table.rows.size} rows, ${table.columns.length} columns`,
  );
  const row = table.rows.get(
    '|avg_pool_3x3~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_3x3~1|nor_conv_1x1~2|',
  );
  check(
    `${NASLIB}: (4, 3, 3, 3, 2, 3) is the cell worked out by hand, val_accuracy 88.24`,
    row?.['cifar10.val_accuracy'] === source.nasbench201.cifar10?.['(4, 3, 3, 3, 2, 3)']?.val_accuracy &&
      close(row?.['cifar10.val_accuracy'], 88.24, 6),
  );
  let joined = 0;
  for (const [key, r] of table.rows) {
    if (close(r['cifar10.params'], nb201.rows.get(key)?.params_m ?? Number.NaN, 6)) joined++;
  }
  check(`${NASLIB}: NASLib params equal ${NB201} params for all 491 cells`, joined === 491, `${joined}`);
  const classes: Record<string, number> = { cifar10: 10, cifar100: 100, 'ImageNet16-120': 120 };
  let checked = 0;
  const bad: string[] = [];
  for (const dataset of datasets) {
    const fidelity = { ...FIDELITY_PRESETS.paper, classes: classes[dataset] ?? Number.NaN };
    for (const [key, entry] of Object.entries(source.nasbench201[dataset]!)) {
      const parsed = nb201FromNaslibKey(key);
      if (!parsed.ok || naslibKey(parsed.value) !== key) {
        bad.push(`${dataset} ${key}: does not parse back`);
        continue;
      }
      const params = nb201ParamSpecs(parsed.value, fidelity).reduce((sum, s) => sum + paramSize(s), 0);
      // NASLib stores millions with 6 decimals: whole parameters.
      if (!(Math.abs(params / 1e6 - entry.params!) < 5e-7)) bad.push(`${dataset} ${key}: ${params}`);
      checked++;
    }
  }
  check(
    `${NASLIB}: every key parses and round-trips; its params match ours at paper fidelity (3 x 491)`,
    same(datasets.sort(), Object.keys(classes).sort()) && checked === 3 * 491 && bad.length === 0,
    `${checked} checked; ${bad.slice(0, 3).join('; ')}`,
  );
}

// --- proxy_scores_nb201_nbsuitezero_subset.csv ------------------------------------------------------
{
  const rows = readReferenceCsv(SUITE_ZERO);
  const arch = '|skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_1x1~0|nor_conv_1x1~1|none~2|';
  check(
    `${SUITE_ZERO}: pairs ${arch} with the hand-worked (0, 2, 3, 2, 3, 1)`,
    rows.some((r) => r.arch === arch && r.naslib_op_tuple === '(0, 2, 3, 2, 3, 1)'),
  );
  const bad = rows.filter((r) => {
    const cell = nb201FromString(r.arch ?? '');
    return !cell.ok || naslibKey(cell.value) !== r.naslib_op_tuple;
  });
  const transcribed = rows.filter((r) => naslibKeyOfArch(r.arch ?? '') !== r.naslib_op_tuple);
  check(
    `${SUITE_ZERO}: our NASLib key (and the unit tests' transcription of NASLib's) agrees with every arch/tuple pair`,
    rows.length > 3000 && bad.length === 0 && transcribed.length === 0,
    `${rows.length} rows, ${bad.length} disagree with ours, ${transcribed.length} with the transcription`,
  );
}

// --- vit_autoprox_gt.csv ---------------------------------------------------------------------------
{
  const text = readReference(AUTOPROX);
  const table = imported(text, AUTOPROX);
  check(
    `${AUTOPROX}: imports the 200 AutoFormer-Ti rows, skips the 100 PiT-Ti rows with a note`,
    table.space === 'autoformer-tiny' &&
      table.keyKind === 'vit-autoprox-json' &&
      table.rows.size === 200 &&
      table.notes.includes('100 rows of space "PiT-Ti" skipped: not one of our search spaces') &&
      table.notes.includes('cifar100_scratch: 100 of 200 values missing (kept as NaN)') &&
      table.columns.includes('imagenet_supernet_inherited') &&
      !table.columns.includes('row'),
    table.notes.join('; '),
  );
  const row0 = table.rows.get('vit:ti:e192:m3.5,4,3.5,4,3.5,3.5,4,3.5,4,4,4,3.5:h4,4,3,4,3,3,4,4,3,3,3,4');
  check(
    `${AUTOPROX}: row 0 as written (68.66 from scratch, 74.64400003 with supernet weights)`,
    row0?.cifar100_scratch === 68.66 && row0.imagenet_supernet_inherited === 74.64400003,
  );
  const ti = readReferenceCsv(AUTOPROX).filter((r) => r.space === 'AutoFormer-Ti');
  const roundTrips = ti.filter((r) => {
    const parsed = vitFromAutoProxJson('autoformer-tiny', r.arch_json ?? '');
    return parsed.ok && same(vitFromString(vitToString(parsed.value)), { ok: true, value: parsed.value });
  });
  check(
    `${AUTOPROX}: all 200 AutoFormer-Ti arch_json parse and round-trip through our string`,
    ti.length === 200 && roundTrips.length === 200,
    `${roundTrips.length} of ${ti.length}`,
  );
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const standIn = autoProxLayoutCsv().split('\n');
  check(
    `${AUTOPROX}: the unit tests' stand-in has the header and 200 AutoFormer-Ti lines of the file`,
    same(standIn.slice(0, 201), lines.slice(0, 201)),
  );
}

// --- vit_oodvitnas_autoformer.csv (no licence: used here only, never shipped) ----------------------
{
  const text = readReference(OOD);
  const table = imported(text, OOD);
  const source = readReferenceCsv(OOD);
  const SHORT: Record<string, string> = { tiny: 'ti', small: 's', base: 'b' };
  const list = (json: string) => (JSON.parse(json) as number[]).join(',');
  const keyHere = (r: Record<string, string>) =>
    `vit:${SHORT[r.supernet!]}:e${r.embed_dim}:m${list(r.mlp_ratio_json!)}:h${list(r.num_heads_json!)}`;
  const tiny = source.filter((r) => r.supernet === 'tiny').length;
  check(
    `${OOD}: imports all 3 003 subnets (distinct architectures) over three spaces`,
    source.length === 3003 &&
      new Set(source.map(keyHere)).size === 3003 &&
      table.keyKind === 'vit-ood-columns' &&
      table.rows.size === 3003 &&
      table.space === 'autoformer-tiny' &&
      same(table.spaces, ['autoformer-tiny', 'autoformer-small', 'autoformer-base']) &&
      same(table.columns, [
        'params_m',
        'flops_m',
        'imagenet_top1_supernet_inherited',
        'imagenet_c_gaussian_noise_sev1',
      ]) &&
      tiny === 1001 &&
      same(table.notes, [
        'rows from 3 search spaces: AutoFormer-Ti 1001, AutoFormer-S 1001, AutoFormer-B 1001',
        `imagenet_c_gaussian_noise_sev1: ${3003 - tiny} of 3003 values missing (kept as NaN)`,
      ]),
    `${table.rows.size} rows; ${table.notes.join('; ')}`,
  );
  const keys = [...table.rows.keys()];
  check(
    `${OOD}: keys every row as its cells say, and every key parses back`,
    same(keys, source.map(keyHere)) &&
      keys.every((k) => {
        const parsed = vitFromString(k);
        return parsed.ok && vitToString(parsed.value) === k;
      }),
  );
  const asWritten = [0, 1, 1000, 1001, 2002, 2003, 3002].every((i) => {
    const r = source[i]!;
    const row = table.rows.get(keyHere(r));
    return (
      row?.imagenet_top1_supernet_inherited === Number(r.imagenet_top1_supernet_inherited) &&
      row.params_m === Number(r.params_m)
    );
  });
  const first = table.rows.get(keyHere(source[0]!));
  check(
    `${OOD}: accuracies as written; first row (tiny, 14 layers, embed 192) top-1 75.34, ImageNet-C 65.676`,
    asWritten &&
      close(first?.imagenet_top1_supernet_inherited, 75.34, 2) &&
      first?.imagenet_c_gaussian_noise_sev1 === 65.676,
  );
  const paramsOf = (arch: VitArch) =>
    vitParamSpecs(arch, { resolution: 224, classes: 1000 }).reduce((s, spec) => s + paramSize(spec), 0);
  let ours = 0;
  let byHand = 0;
  for (const r of source) {
    const parsed = vitFromOodRow(r.supernet!, r.embed_dim!, r.mlp_ratio_json!, r.num_heads_json!);
    if (!parsed.ok) continue;
    const published = Math.round(Number(r.params_m) * 1e6);
    if (paramsOf(parsed.value) + 7680 * parsed.value.mlpRatio.length === published) ours++;
    if (autoformerPublishedParams(parsed.value) === published) byHand++;
  }
  check(
    `${OOD}: our params + 7 680 relative-position parameters per layer equal the published count (3 003 rows)`,
    ours === 3003,
    `${ours} of 3003`,
  );
  check(
    `${OOD}: the unit tests' hand count (autoformerPublishedParams) equals the published count (3 003 rows)`,
    byHand === 3003,
    `${byHand} of 3003`,
  );
}

if (failures.length > 0) {
  console.error(`validate:reference-files: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('validate:reference-files: all checks passed');
