import { describe, expect, it } from 'vitest';
import { readShippedRows } from '../../../test/shippedData';
import {
  NB201_CELL_COUNT,
  nb201EdgesReachingOutput,
  nb201FromIndex,
  nb201FromString,
  nb201HasPath,
  nb201Sample,
  nb201ToIndex,
  nb201ToString,
} from './nb201';

describe('NB201 encodings', () => {
  it('round-trips every one of the 15 625 cells through string and index', () => {
    const seen = new Set<string>();
    for (let i = 0; i < NB201_CELL_COUNT; i++) {
      const cell = nb201FromIndex(i);
      const text = nb201ToString(cell);
      const parsed = nb201FromString(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(nb201ToIndex(parsed.value)).toBe(i);
      seen.add(text);
    }
    expect(seen.size).toBe(NB201_CELL_COUNT);
  });

  it('parses every arch string of the NB201 benchmark table and finds them all distinct', () => {
    // The NB201 table as shipped (public/data/tables/nb201.csv.gz): its arch strings are the
    // benchmark's as written (scripts/data/tables/nb201Table.ts checks each against the source).
    const rows = readShippedRows('nb201.csv.gz');
    expect(rows.length).toBe(NB201_CELL_COUNT);
    const indices = new Set<number>();
    for (const row of rows) {
      const parsed = nb201FromString(row.arch!);
      if (!parsed.ok) throw new Error(`${row.arch}: ${parsed.error}`);
      indices.add(nb201ToIndex(parsed.value));
    }
    expect(indices.size).toBe(NB201_CELL_COUNT);
  });

  it('decodes a known string to the expected op codes', () => {
    const parsed = nb201FromString(
      '|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|',
    );
    expect(parsed).toEqual({ ok: true, value: [3, 0, 1, 4, 2, 0] });
    // base-5 digits 3 0 1 4 2 0
    if (parsed.ok) expect(nb201ToIndex(parsed.value)).toBe(3 * 3125 + 0 * 625 + 1 * 125 + 4 * 25 + 2 * 5 + 0);
  });

  it('rejects malformed strings with a reason', () => {
    expect(nb201FromString('|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|')).toMatchObject({ ok: false });
    expect(nb201FromString('|none~1|+|none~0|none~1|+|none~0|none~1|none~2|')).toMatchObject({ ok: false });
    expect(nb201FromString('<script>')).toMatchObject({ ok: false });
  });

  it('finds exactly the 341 cells with no input-to-output path', () => {
    let dead = 0;
    for (let i = 0; i < NB201_CELL_COUNT; i++) if (!nb201HasPath(nb201FromIndex(i))) dead++;
    expect(dead).toBe(341);
  });

  it('knows which edges reach the output', () => {
    expect(nb201EdgesReachingOutput([3, 3, 0, 0, 0, 4])).toEqual([false, true, false, false, false, true]);
    expect(nb201EdgesReachingOutput([1, 1, 1, 1, 1, 1])).toEqual([true, true, true, true, true, true]);
    expect(nb201EdgesReachingOutput([1, 0, 1, 0, 0, 0])).toEqual([false, false, false, false, false, false]);
  });

  it('samples distinct cells reproducibly by seed', () => {
    const a = nb201Sample(200, 7).map(nb201ToIndex);
    expect(new Set(a).size).toBe(200);
    expect(nb201Sample(200, 7).map(nb201ToIndex)).toEqual(a);
    expect(nb201Sample(200, 8).map(nb201ToIndex)).not.toEqual(a);
  });
});
