/**
 * Files in the layouts of the reference sources in ../shared/data must import as they are. The files
 * are made here, never read from ../shared (a clone without it must pass): the shipped tables
 * (public/data/tables) put back into their sources' layouts, and OoD-ViT-NAS rows written for sampled
 * subnets (src/test/shippedData.ts, src/test/sourceLayouts.ts). The source files themselves are
 * imported with the same checks by scripts/validate/referenceFiles.ts.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { importedTable as imported, maxOf } from '../../test/importedTable';
import { nb201SourceLayoutCsv } from '../../test/shippedData';
import { autoProxLayoutCsv, naslibShapedFile, oodLayoutCsv } from '../../test/sourceLayouts';
import { vitFromString, vitSample, vitToString } from '../spaces/vit/vit';
import { importGroundTruth, parseTable, proposeMapping } from '.';

describe('nb201.csv (the shipped nb201.csv.gz in its source layout)', () => {
  // Benchmark order, the source's nine columns, cifar100_valid and imagenet16_valid empty again
  // (scripts/validate/referenceFiles.ts checks this equals ../shared/data/nb201.csv byte for byte).
  const text = nb201SourceLayoutCsv();
  const table = imported(text, 'nb201.csv');

  it('imports all 15 625 cells keyed by NB201 string', () => {
    expect(table.name).toBe('nb201');
    expect(table.space).toBe('nb201');
    expect(table.keyKind).toBe('nb201-string');
    expect(table.rows.size).toBe(15_625);
    // The two all-empty columns are not proposed; the six with numbers are.
    expect(table.columns).toEqual([
      'cifar10_valid',
      'cifar10_test',
      'cifar100_test',
      'imagenet16_test',
      'params_m',
      'flops_m',
    ]);
    expect(table.notes).toEqual([]);
  });

  it('has row 0 with the values the data README states', () => {
    const row = table.rows.get(
      '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|',
    );
    expect(row).toBeDefined();
    // README: arch 0 has 0.129306 M params and 15.64737 M FLOPs; accuracies as in the file's first row.
    expect(row!.params_m).toBe(0.129306);
    expect(row!.flops_m).toBe(15.64737);
    expect(row!.cifar10_test).toBe(85.8633);
    expect(row!.cifar100_test).toBe(52.9133);
  });

  it('reaches the best accuracies the NB201 paper reports', () => {
    expect(maxOf(table, 'cifar10_test')).toBeCloseTo(94.37, 2);
    expect(maxOf(table, 'cifar100_test')).toBeCloseTo(73.51, 2);
    expect(maxOf(table, 'imagenet16_test')).toBeCloseTo(47.31, 2);
    expect(maxOf(table, 'cifar10_valid')).toBeCloseTo(91.61, 2);
  });

  it('keeps an all-empty column as NaN with a note when the user picks it', () => {
    const raw = parseTable(text, 'nb201.csv');
    if (!raw.ok) throw new Error(raw.error.reason);
    const proposed = proposeMapping(raw.value);
    if (!proposed.ok) throw new Error(proposed.error.reason);
    const result = importGroundTruth(text, {
      fileName: 'nb201.csv',
      mapping: { ...proposed.value, valueColumns: ['cifar100_valid', 'cifar10_test'] },
    });
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.value.columns).toEqual(['cifar100_valid', 'cifar10_test']);
    expect(result.value.notes).toEqual(['cifar100_valid: 15625 of 15625 values missing (kept as NaN)']);
    expect([...result.value.rows.values()].every((r) => Number.isNaN(r.cifar100_valid))).toBe(true);
  });
});

describe("nb201_zc_naslib.json's layout (made from the shipped NASLib cells of Suite-Zero)", () => {
  // NASLib's 491-cell file does not ship: src/test/sourceLayouts.ts writes a file in its layout for
  // the 725 cells of NAS-Bench-Suite-Zero's NASLib subset (published-nb201-scores.csv.gz), with
  // NASLib's own CIFAR-10 values, keyed by NASLib's conversion (transcribed there).
  const shaped = naslibShapedFile();
  const table = imported(shaped.text, 'nb201_zc_naslib.json');
  const source = shaped.source;

  it('imports 725 cells keyed by NASLib tuple, with one column per data set and measure', () => {
    expect(table.space).toBe('nb201');
    expect(table.keyKind).toBe('naslib-tuple');
    expect(Object.keys(source.nasbench201.cifar10!)).toHaveLength(725);
    expect(table.rows.size).toBe(725);
    const expected = Object.entries(source.nasbench201).flatMap(([dataset, cells]) =>
      [...new Set(Object.values(cells).flatMap((entry) => Object.keys(entry)))].map((m) => `${dataset}.${m}`),
    );
    expect([...table.columns].sort()).toEqual(expected.sort());
    expect(table.columns).toContain('cifar10.val_accuracy');
    expect(table.columns).toContain('cifar10.synflow');
    expect(table.columns).toContain('ImageNet16-120.params');
  });

  it('converts the tuple to our string: (4, 3, 3, 3, 2, 3) worked out by hand', () => {
    // NASLib edges 0→1, 0→2, 0→3, 1→2, 1→3, 2→3; ops 4 avg_pool, 3 conv 1x1, 2 conv 3x3.
    // Our string lists 0→1 | 0→2, 1→2 | 0→3, 1→3, 2→3.
    const row = table.rows.get(
      '|avg_pool_3x3~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_3x3~1|nor_conv_1x1~2|',
    );
    expect(row?.['cifar10.val_accuracy']).toBe(
      source.nasbench201.cifar10!['(4, 3, 3, 3, 2, 3)']!.val_accuracy,
    );
    // NASLib's accuracy for this cell, 88.24 in its zc file and in Suite-Zero's naslib_valacc.
    expect(row?.['cifar10.val_accuracy']).toBeCloseTo(88.24, 6);
  });

  it('joins the NB201 table cell by cell: NASLib params equal NB201 params for all 725 cells', () => {
    const nb201 = imported(nb201SourceLayoutCsv(), 'nb201.csv');
    let matched = 0;
    for (const [key, row] of table.rows) {
      const other = nb201.rows.get(key);
      expect(other, key).toBeDefined();
      expect(row['cifar10.params']).toBeCloseTo(other!.params_m!, 6);
      matched++;
    }
    expect(matched).toBe(725);
    // Each row sits under the arch its key was made from.
    for (const [key, arch] of shaped.archOfKey) {
      expect(table.rows.get(arch)?.['cifar10.params'], key).toBe(source.nasbench201.cifar10![key]!.params);
    }
  });
});

describe('vit_autoprox_gt.csv (the shipped autoformer-autoprox.csv.gz in its source layout)', () => {
  // The 200 AutoFormer-Ti rows as shipped with arch_json written back, then 100 PiT-Ti rows in PiT's
  // arch_json layout (src/test/sourceLayouts.ts).
  const table = imported(autoProxLayoutCsv(), 'vit_autoprox_gt.csv');

  it('imports the 200 AutoFormer-Ti rows and skips the 100 PiT-Ti rows with a note', () => {
    expect(table.space).toBe('autoformer-tiny');
    expect(table.keyKind).toBe('vit-autoprox-json');
    expect(table.rows.size).toBe(200);
    expect(table.notes).toContain('100 rows of space "PiT-Ti" skipped: not one of our search spaces');
    // gt_autoformer_2 (100 rows) has no from-scratch results.
    expect(table.notes).toContain('cifar100_scratch: 100 of 200 values missing (kept as NaN)');
    expect(table.columns).toContain('imagenet_supernet_inherited');
    expect(table.columns).not.toContain('row');
  });

  it("reads Auto-Prox's row 0 as written in the source", () => {
    // arch_json {"hidden_dim":192,"mlp_ratio":[3.5,4.0,3.5,4.0,3.5,3.5,4.0,3.5,4.0,4.0,4.0,3.5],
    //            "depth":12,"num_heads":[4,4,3,4,3,3,4,4,3,3,3,4]}
    const row = table.rows.get('vit:ti:e192:m3.5,4,3.5,4,3.5,3.5,4,3.5,4,4,4,3.5:h4,4,3,4,3,3,4,4,3,3,3,4');
    expect(row).toBeDefined();
    expect(row!.cifar100_scratch).toBe(68.66);
    expect(row!.imagenet_supernet_inherited).toBe(74.64400003);
  });
});

describe("vit_oodvitnas_autoformer.csv's layout (rows written here; the file never ships)", () => {
  // 30 sampled subnets of each AutoFormer supernet, in OoD-ViT-NAS's layout (src/test/sourceLayouts.ts).
  const archs = [
    ...vitSample('autoformer-tiny', 30, 21),
    ...vitSample('autoformer-small', 30, 22),
    ...vitSample('autoformer-base', 30, 23),
  ];
  const built = oodLayoutCsv(archs);
  const table = imported(built.text, 'vit_oodvitnas_autoformer.csv');
  // The file read here with papaparse alone, cells as written.
  const source = Papa.parse<Record<string, string>>(built.text, {
    header: true,
    skipEmptyLines: true,
  }).data;
  const SHORT: Record<string, string> = { tiny: 'ti', small: 's', base: 'b' };
  /** Our ViT text of a row, written out here from the cells (not with the app's parsers). */
  const keyHere = (r: Record<string, string>) => {
    const list = (json: string) => (JSON.parse(json) as number[]).join(',');
    return `vit:${SHORT[r.supernet!]}:e${r.embed_dim}:m${list(r.mlp_ratio_json!)}:h${list(r.num_heads_json!)}`;
  };

  it('imports all 90 subnets (no two rows name the same architecture) over three spaces', () => {
    expect(source).toHaveLength(90);
    expect(source).toEqual(built.rows);
    expect(new Set(source.map(keyHere)).size).toBe(90);
    expect(table.keyKind).toBe('vit-ood-columns');
    expect(table.rows.size).toBe(90);
    expect(table.space).toBe('autoformer-tiny');
    expect(table.spaces).toEqual(['autoformer-tiny', 'autoformer-small', 'autoformer-base']);
    expect(table.columns).toEqual([
      'params_m',
      'flops_m',
      'imagenet_top1_supernet_inherited',
      'imagenet_c_gaussian_noise_sev1',
    ]);
    const tiny = source.filter((r) => r.supernet === 'tiny').length;
    expect(tiny).toBe(30);
    // Only the tiny supernet has ImageNet-C results.
    expect(table.notes).toEqual([
      'rows from 3 search spaces: AutoFormer-Ti 30, AutoFormer-S 30, AutoFormer-B 30',
      `imagenet_c_gaussian_noise_sev1: ${90 - tiny} of 90 values missing (kept as NaN)`,
    ]);
  });

  it('keys every row as its cells say, and every key parses back in its space', () => {
    expect([...table.rows.keys()]).toEqual(source.map(keyHere));
    expect([...table.rows.keys()]).toEqual(archs.map(vitToString));
    for (const key of table.rows.keys()) {
      const parsed = vitFromString(key);
      if (!parsed.ok) throw new Error(`${key}: ${parsed.error}`);
      expect(vitToString(parsed.value)).toBe(key);
    }
  });

  it('holds the values as written in the file', () => {
    for (const i of [0, 1, 29, 30, 59, 60, 89]) {
      const r = source[i]!;
      const row = table.rows.get(keyHere(r));
      expect(row, `row ${i}`).toBeDefined();
      expect(row!.imagenet_top1_supernet_inherited).toBe(Number(r.imagenet_top1_supernet_inherited));
      expect(row!.params_m).toBe(Number(r.params_m));
      expect(row!.flops_m).toBe(Number(r.flops_m));
    }
    const first = table.rows.get(keyHere(source[0]!))!;
    expect(first.imagenet_c_gaussian_noise_sev1).toBe(Number(source[0]!.imagenet_c_gaussian_noise_sev1));
    expect(table.rows.get(keyHere(source[30]!))!.imagenet_c_gaussian_noise_sev1).toBeNaN();
  });
});
