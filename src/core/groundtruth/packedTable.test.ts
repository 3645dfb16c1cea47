import { describe, expect, it } from 'vitest';
import { type PackedTable, packTable, unpackTableInChunks } from './packedTable';
import type { GroundTruthTable } from './types';

const PROTO = '__proto__';

/** Unpacks at once: one chunk, no pause. */
const unpackTable = (packed: PackedTable) =>
  unpackTableInChunks(packed, () => Promise.resolve(), Number.POSITIVE_INFINITY);

function table(rows: [string, Record<string, number>][], columns: string[]): GroundTruthTable {
  const map = new Map<string, Record<string, number>>();
  for (const [k, v] of rows) {
    const record = Object.create(null) as Record<string, number>;
    for (const c of columns) record[c] = v[c] ?? Number.NaN;
    map.set(k, record);
  }
  return { name: 't', space: 'nb201', keyKind: 'nb201-string', columns, rows: map, notes: ['one note'] };
}

describe('packed tables', () => {
  it('round-trip every key, value, NaN and a column called __proto__, in order', async () => {
    const columns = ['acc', PROTO, 'b'];
    const t = table(
      [
        ['|a~0|', { acc: 91.5, b: -2 }],
        ['|b~0|', { acc: Number.NaN, b: 1e-300 }],
      ],
      columns,
    );
    t.rows.get('|a~0|')![PROTO] = 7;
    const packed = packTable(t);
    expect(packed.values).toBeInstanceOf(Float64Array);
    const back = await unpackTable(structuredClone(packed, { transfer: [packed.values.buffer] }));
    expect([...back.rows.keys()]).toEqual(['|a~0|', '|b~0|']);
    expect(back.rows.get('|a~0|')![PROTO]).toBe(7);
    expect(back.rows.get('|b~0|')!.toString).toBeUndefined();
    expect(back.rows.get('|b~0|')!.acc).toBeNaN();
    expect(back.rows.get('|b~0|')![PROTO]).toBeNaN();
    expect(back.rows.get('|b~0|')!.b).toBe(1e-300);
    expect(back.notes).toEqual(['one note']);
    expect(back.columns).toEqual(columns);
  });

  it('in chunks: pauses between chunks only, and gives the same table', async () => {
    const rows: [string, Record<string, number>][] = [];
    for (let i = 0; i < 7; i++) rows.push([`k${i}`, { acc: i / 3 }]);
    const packed = packTable(table(rows, ['acc']));
    let pauses = 0;
    const chunked = await unpackTableInChunks(packed, async () => void pauses++, 3);
    expect(pauses).toBe(2); // rows 0-2, pause, 3-5, pause, 6
    const whole = await unpackTable(packed);
    expect([...chunked.rows.entries()].map(([k, v]) => [k, v.acc])).toEqual(
      [...whole.rows.entries()].map(([k, v]) => [k, v.acc]),
    );
    expect(chunked.rows.get('k4')!.acc).toBe(4 / 3);
  });

  it('an empty table stays empty, and a torn one is refused', async () => {
    const empty = await unpackTable(packTable(table([], ['acc'])));
    expect(empty.rows.size).toBe(0);
    const packed = packTable(table([['k', { acc: 1 }]], ['acc']));
    await expect(unpackTable({ ...packed, rowCount: 2 })).rejects.toThrow(/values/);
    await expect(unpackTable({ ...packed, keys: 'k\nl' })).rejects.toThrow(/keys/);
  });
});
