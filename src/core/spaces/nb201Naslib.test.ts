import { describe, expect, it } from 'vitest';
import { readSharedData } from '../../test/sharedData';
import { nb201Network } from '../nn/nb201Network';
import { paramSize } from '../nn/paramSpec';
import { FIDELITY_PRESETS } from './fidelity';
import { NB201_CELL_COUNT, type Nb201Cell, nb201FromIndex, nb201FromString, nb201ToIndex } from './nb201';
import { naslibKey, nb201FromNaslib, nb201FromNaslibKey, nb201ToNaslib } from './nb201Naslib';

function cell(text: string): Nb201Cell {
  const parsed = nb201FromString(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

interface NaslibEntry {
  params: number;
  flops: number;
  val_accuracy: number;
}
type NaslibFile = { nasbench201: Record<string, Record<string, NaslibEntry>> };

describe('NASLib tuple encoding', () => {
  it('maps a cell by edge endpoints and op names (worked by hand)', () => {
    // String order (0→1),(0→2),(1→2),(0→3),(1→3),(2→3); NASLib order (0→1),(0→2),(0→3),(1→2),(1→3),(2→3).
    // skip=0 none=1 conv3x3=2 conv1x1=3 avg_pool=4 in NASLib's numbering.
    const c = cell('|skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_1x1~0|nor_conv_1x1~1|none~2|');
    expect(nb201ToNaslib(c)).toEqual([0, 2, 3, 2, 3, 1]);
    expect(naslibKey(c)).toBe('(0, 2, 3, 2, 3, 1)');
    // The same pair appears in the NAS-Bench-Suite-Zero table (arch and naslib_op_tuple columns).
    const table = readSharedData('proxy_scores_nb201_nbsuitezero_subset.csv').split(/\r?\n/);
    const row = table.find((line) => line.includes('|skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|'));
    expect(row).toContain('"(0, 2, 3, 2, 3, 1)"');
  });

  it('round-trips all 15 625 cells, through indices and through the key', () => {
    const keys = new Set<string>();
    for (let i = 0; i < NB201_CELL_COUNT; i++) {
      const c = nb201FromIndex(i);
      const back = nb201FromNaslib(nb201ToNaslib(c));
      expect(back.ok && nb201ToIndex(back.value)).toBe(i);
      const key = naslibKey(c);
      keys.add(key);
      const parsed = nb201FromNaslibKey(key);
      expect(parsed.ok && nb201ToIndex(parsed.value)).toBe(i);
    }
    expect(keys.size).toBe(NB201_CELL_COUNT);
  });

  it('agrees with every arch/tuple pair of the NAS-Bench-Suite-Zero table', () => {
    const lines = readSharedData('proxy_scores_nb201_nbsuitezero_subset.csv').trim().split(/\r?\n/).slice(1);
    expect(lines.length).toBeGreaterThan(3000);
    for (const line of lines) {
      const arch = /,(\|[^,]+\|),"(\([^"]+\))"/.exec(line);
      expect(arch).not.toBeNull();
      expect(naslibKey(cell(arch![1]!))).toBe(arch![2]);
    }
  });

  it('accepts brackets and spacing variants, rejects malformed keys', () => {
    const expected = nb201FromNaslibKey('(0, 2, 3, 2, 3, 1)');
    for (const text of ['[0,2,3,2,3,1]', '0,2,3,2,3,1', ' ( 0 ,2, 3,2 ,3, 1 ) ']) {
      expect(nb201FromNaslibKey(text)).toEqual(expected);
    }
    for (const text of [
      '(0, 2, 3, 2, 3)',
      '(0, 2, 3, 2, 3, 5)',
      '(a, 2, 3, 2, 3, 1)',
      '',
      '(0, 2, 3, 2, 3, 1, 0)',
    ]) {
      expect(nb201FromNaslibKey(text).ok).toBe(false);
    }
    expect(nb201FromNaslib([0, 1, 2, 3, 4, 1.5]).ok).toBe(false);
  });

  it('parses every key of nb201_zc_naslib.json; its params match ours at paper fidelity', () => {
    const file = JSON.parse(readSharedData('nb201_zc_naslib.json')) as NaslibFile;
    const classes: Record<string, number> = { cifar10: 10, cifar100: 100, 'ImageNet16-120': 120 };
    const datasets = Object.keys(file.nasbench201);
    expect(datasets.sort()).toEqual(Object.keys(classes).sort());
    let checked = 0;
    for (const dataset of datasets) {
      const fidelity = { ...FIDELITY_PRESETS.paper, classes: classes[dataset]! };
      for (const [key, entry] of Object.entries(file.nasbench201[dataset]!)) {
        const parsed = nb201FromNaslibKey(key);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) continue;
        expect(naslibKey(parsed.value)).toBe(key);
        const params = nb201Network(parsed.value, fidelity).specs.reduce((sum, s) => sum + paramSize(s), 0);
        // NASLib stores millions with 6 decimals: whole parameters.
        expect(Math.abs(params / 1e6 - entry.params)).toBeLessThan(5e-7);
        checked++;
      }
    }
    expect(checked).toBe(3 * 491);
  });
});
