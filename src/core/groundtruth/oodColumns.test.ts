/** OoD-ViT-NAS's layout: the architecture spread over four columns, on small tables written here. */
import { describe, expect, it } from 'vitest';
import { type VitArch, vitToString } from '../spaces/vit/vit';
import {
  describeColumns,
  type ImportError,
  type ImportResult,
  importGroundTruth,
  parseKey,
  parseTable,
  proposeMapping,
} from '.';
import {
  draftKeyColumns,
  KEY_KIND_LABELS,
  mappingOfDraft,
  previewDraft,
  startDraft,
  withAllNumericValues,
  withKeyColumn,
  withKeyKind,
  withValueColumn,
} from './mappingDraft';
import type { RawTable } from './types';

function errorOf<T>(result: ImportResult<T>): ImportError {
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
}

function successOf<T>(result: ImportResult<T>): T {
  if (!result.ok) throw new Error(`line ${result.error.line}: ${result.error.reason}`);
  return result.value;
}

function raw(text: string): RawTable {
  return successOf(parseTable(text, 'ood.csv'));
}

const HEADER =
  'supernet,id,layer_num,embed_dim,mlp_ratio_json,num_heads_json,params_m,flops_m,' +
  'imagenet_top1_supernet_inherited,imagenet_c_gaussian_noise_sev1';

// Three rows, one per supernet, each choice inside its AutoFormer space (docs/science.md §10).
const TINY: VitArch = {
  space: 'autoformer-tiny',
  embed: 216,
  mlpRatio: [4, 3.5, 3.5, 4, 4, 3.5, 3.5, 4, 4, 4, 3.5, 3.5],
  heads: [3, 4, 4, 3, 3, 3, 4, 4, 3, 4, 3, 4],
};
const SMALL: VitArch = {
  space: 'autoformer-small',
  embed: 384,
  mlpRatio: [3, 3.5, 4, 3, 3.5, 4, 3, 3.5, 4, 3, 3.5, 4, 3],
  heads: [5, 6, 7, 5, 6, 7, 5, 6, 7, 5, 6, 7, 5],
};
const BASE: VitArch = {
  space: 'autoformer-base',
  embed: 624,
  mlpRatio: [3, 3, 3.5, 3.5, 4, 4, 3, 3, 3.5, 3.5, 4, 4, 3, 3],
  heads: [9, 10, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10],
};
// The three keys written out by hand in our ViT text, checked against vitToString below.
const TINY_KEY = 'vit:ti:e216:m4,3.5,3.5,4,4,3.5,3.5,4,4,4,3.5,3.5:h3,4,4,3,3,3,4,4,3,4,3,4';
const SMALL_KEY = 'vit:s:e384:m3,3.5,4,3,3.5,4,3,3.5,4,3,3.5,4,3:h5,6,7,5,6,7,5,6,7,5,6,7,5';
const BASE_KEY = 'vit:b:e624:m3,3,3.5,3.5,4,4,3,3,3.5,3.5,4,4,3,3:h9,10,9,10,9,10,9,10,9,10,9,10,9,10';

/** A row in the published layout: JSON lists with ", " as the file writes them. */
function row(supernet: string, id: number, a: VitArch, values: string): string {
  const list = (v: number[]) => `"[${v.join(', ')}]"`;
  return `${supernet},${id},${a.mlpRatio.length},${a.embed},${list(a.mlpRatio)},${list(a.heads)},${values}`;
}

const GOOD = [
  HEADER,
  row('tiny', 0, TINY, '6.1,1400.5,75.25,65.5'),
  row('small', 1, SMALL, '22.5,4800,80.125,'),
  row('base', 2, BASE, '54,11000.75,81.5,'),
].join('\n');

/** GOOD with line `line` (1-based; the header is line 1) replaced. */
function withLine(line: number, text: string): string {
  const lines = GOOD.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

describe('OoD-ViT-NAS columns', () => {
  it('the hand-written keys are our ViT text of the three architectures', () => {
    expect(vitToString(TINY)).toBe(TINY_KEY);
    expect(vitToString(SMALL)).toBe(SMALL_KEY);
    expect(vitToString(BASE)).toBe(BASE_KEY);
  });

  it('is proposed from the header, with the numeric non-key columns as values', () => {
    expect(successOf(proposeMapping(raw(GOOD)))).toEqual({
      keyColumn: 'supernet',
      keyKind: 'vit-ood-columns',
      valueColumns: [
        'params_m',
        'flops_m',
        'imagenet_top1_supernet_inherited',
        'imagenet_c_gaussian_noise_sev1',
      ],
      spaceColumn: null,
    });
    // The same header with its columns in another order is found too.
    const shuffled = 'embed_dim,acc,num_heads_json,supernet,mlp_ratio_json\n192,70,"[3]","tiny","[4]"\n';
    expect(successOf(proposeMapping(raw(shuffled))).keyKind).toBe('vit-ood-columns');
  });

  it('imports the three rows under the hand-written keys, across three spaces', () => {
    const t = successOf(importGroundTruth(GOOD, { fileName: 'vit_oodvitnas_autoformer.csv' }));
    expect(t.name).toBe('vit_oodvitnas_autoformer');
    expect(t.keyKind).toBe('vit-ood-columns');
    expect([...t.rows.keys()]).toEqual([TINY_KEY, SMALL_KEY, BASE_KEY]);
    expect(t.space).toBe('autoformer-tiny');
    expect(t.spaces).toEqual(['autoformer-tiny', 'autoformer-small', 'autoformer-base']);
    expect(t.rows.get(TINY_KEY)).toEqual({
      params_m: 6.1,
      flops_m: 1400.5,
      imagenet_top1_supernet_inherited: 75.25,
      imagenet_c_gaussian_noise_sev1: 65.5,
    });
    expect(t.rows.get(SMALL_KEY)!.imagenet_top1_supernet_inherited).toBe(80.125);
    expect(t.rows.get(BASE_KEY)!.flops_m).toBe(11000.75);
    expect(t.rows.get(BASE_KEY)!.imagenet_c_gaussian_noise_sev1).toBeNaN();
    expect(t.notes).toEqual([
      'rows from 3 search spaces: AutoFormer-Ti 1, AutoFormer-S 1, AutoFormer-B 1',
      'imagenet_c_gaussian_noise_sev1: 2 of 3 values missing (kept as NaN)',
    ]);
  });

  it('reads a table of one supernet without layer_num, with the supernet in any case', () => {
    const text = [
      'supernet,embed_dim,mlp_ratio_json,num_heads_json,acc',
      ` Tiny ,${TINY.embed},"${JSON.stringify(TINY.mlpRatio)}","${JSON.stringify(TINY.heads)}",70`,
    ].join('\n');
    // JSON.stringify writes the lists without spaces: the cells are JSON either way.
    const t = successOf(importGroundTruth(text));
    expect([...t.rows.keys()]).toEqual([TINY_KEY]);
    expect(t.spaces).toBeUndefined();
    expect(t.columns).toEqual(['acc']);
  });

  it('names the line and the reason of a bad row', () => {
    const cases: [number, string, string][] = [
      [3, row('huge', 1, SMALL, '1,2,3,4'), 'unknown supernet "huge"'],
      [2, row('tiny', 0, TINY, '1,2,3,4').replace('"[4, 3.5', '"[4; 3.5'), 'mlp_ratio_json "[4; 3.5'],
      [4, row('base', 2, { ...BASE, heads: BASE.heads.slice(1) }, '1,2,3,4'), '13 head counts for 14 layers'],
      [2, row('tiny', 0, TINY, '1,2,3,4').replace(/^tiny,0,12,/, 'tiny,0,13,'), 'layer_num is "13"'],
      [3, row('small', 1, { ...SMALL, embed: 192 }, '1,2,3,4'), 'embed 192 is not one of 320, 384, 448'],
      [4, row('base', 2, BASE, '1,2,3,4').replace(',624,', ',,'), 'embed_dim is empty'],
      [3, row('small', 1, SMALL, 'x,2,3,4'), 'column "params_m": "x" is not a number'],
    ];
    // The mapping proposed for the good file (a text cell would otherwise drop params_m from the proposal).
    const mapping = successOf(proposeMapping(raw(GOOD)));
    for (const [line, text, reason] of cases) {
      const error = errorOf(importGroundTruth(withLine(line, text), { mapping }));
      expect(error.line, reason).toBe(line);
      expect(error.reason).toContain(reason);
    }
    // The row's reason comes after the columns it was read from.
    const error = errorOf(importGroundTruth(withLine(3, row('huge', 1, SMALL, '1,2,3,4'))));
    expect(error.reason).toMatch(
      /^the architecture in columns supernet, embed_dim, mlp_ratio_json, num_heads_json: /,
    );
  });

  it('refuses the same architecture twice, naming both lines', () => {
    const error = errorOf(importGroundTruth(`${GOOD}\n${row('tiny', 3, TINY, '1,2,3,4')}`));
    expect(error.line).toBe(5);
    expect(error.reason).toContain('on line 2 and line 5');
    expect(error.reason).toContain('vit:ti:e216');
  });

  it('refuses a mapping whose file lacks a key column, or that takes a key column as a value', () => {
    const mapping = successOf(proposeMapping(raw(GOOD)));
    const noHeads = GOOD.replace('num_heads_json', 'heads');
    const missing = errorOf(importGroundTruth(noHeads, { mapping }));
    expect(missing).toEqual({
      line: null,
      reason:
        '"OoD-ViT-NAS columns" reads the architecture from the columns supernet, embed_dim, ' +
        'mlp_ratio_json, num_heads_json; this file has no "num_heads_json"',
    });
    for (const column of ['embed_dim', 'layer_num']) {
      const both = errorOf(importGroundTruth(GOOD, { mapping: { ...mapping, valueColumns: [column] } }));
      expect(both.reason).toBe(`"${column}" is read for the architecture and cannot also be a value`);
    }
  });

  it('a single cell is never an OoD key, so no column is described as one', () => {
    expect(parseKey('vit-ood-columns', 'tiny').ok).toBe(false);
    for (const info of describeColumns(raw(GOOD))) expect(info.keyShare['vit-ood-columns']).toBe(0);
  });

  it('keeps other files detected as before when the header lacks one of the four', () => {
    const text = `supernet,arch,acc\ntiny,"${TINY_KEY}",70\n`;
    const proposed = successOf(proposeMapping(raw(text)));
    expect(proposed.keyKind).toBe('vit-text');
    expect(proposed.keyColumn).toBe('arch');
  });
});

describe('OoD-ViT-NAS columns in the mapping dialog', () => {
  const table = raw(GOOD);
  const info = describeColumns(table);

  it('opens on the OoD kind, names the four columns, and previews all three rows', () => {
    const { draft, problem } = startDraft(table);
    expect(problem).toBeNull();
    expect(draft.keyKind).toBe('vit-ood-columns');
    expect(KEY_KIND_LABELS['vit-ood-columns']).toBe(
      'OoD-ViT-NAS columns (supernet, embed_dim, mlp_ratio_json, num_heads_json)',
    );
    expect(draftKeyColumns(draft)).toEqual([
      'supernet',
      'embed_dim',
      'mlp_ratio_json',
      'num_heads_json',
      'layer_num',
    ]);
    const preview = previewDraft(table, draft);
    expect(preview).toMatchObject({ ok: true, rows: 3, error: null });
  });

  it('keeps the key columns out of the values and "all numeric"', () => {
    const { draft } = startDraft(table);
    expect(withValueColumn(draft, 'embed_dim', true, table.columns)).toBe(draft);
    expect(withValueColumn(draft, 'layer_num', true, table.columns)).toBe(draft);
    // id holds numbers and, as with other kinds, "all numeric" takes it; embed_dim and layer_num never.
    expect(withAllNumericValues(draft, info).valueColumns).toEqual([
      'id',
      'params_m',
      'flops_m',
      'imagenet_top1_supernet_inherited',
      'imagenet_c_gaussian_noise_sev1',
    ]);
  });

  it('switching to and from the OoD kind sets and clears the key column', () => {
    const other = {
      keyColumn: 'embed_dim',
      keyKind: 'vit-text' as const,
      valueColumns: ['layer_num', 'params_m'],
      spaceColumn: null,
    };
    const ood = withKeyKind(other, 'vit-ood-columns');
    expect(ood).toEqual({
      keyColumn: 'supernet',
      keyKind: 'vit-ood-columns',
      valueColumns: ['params_m'],
      spaceColumn: null,
    });
    expect(successOf(mappingOfDraft(ood)).keyColumn).toBe('supernet');
    const back = withKeyKind(ood, 'vit-text');
    expect(back.keyColumn).toBeNull();
    expect(errorOf(mappingOfDraft(back)).reason).toBe('choose the column that holds the architectures');
    // Picking one key column leaves the OoD kind (its key is never one column).
    expect(withKeyColumn(ood, 'id', info).keyKind).toBeNull();
  });
});
