import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { GroundTruthTable } from '../core/groundtruth';
import { openGroundTruthStore } from './groundTruthStore';

const table = (name: string, acc: number): GroundTruthTable => ({
  name,
  space: 'nb201',
  keyKind: 'nb201-string',
  columns: ['acc'],
  rows: new Map([['|none~0|+|none~0|none~1|+|none~0|none~1|none~2|', { acc }]]),
  notes: [],
});

describe('ground-truth store', () => {
  it('keeps tables across reopening, replaces by name and removes', async () => {
    const factory = new IDBFactory();
    const store = await openGroundTruthStore('gt-test', factory);
    expect(store.kind).toBe('indexeddb');
    await store.save(table('b', 1));
    await store.save(table('a', 2));
    await store.save(table('b', 3));
    const reopened = await openGroundTruthStore('gt-test', factory);
    const listed = await reopened.list();
    expect(listed.map((t) => t.name)).toEqual(['a', 'b']);
    expect(listed[1]!.rows).toBeInstanceOf(Map);
    expect([...listed[1]!.rows.values()][0]).toEqual({ acc: 3 });
    await reopened.remove('a');
    expect((await reopened.list()).map((t) => t.name)).toEqual(['b']);
  });

  it('falls back to memory with a reason when IndexedDB is missing', async () => {
    const store = await openGroundTruthStore('x', null);
    expect(store.kind).toBe('memory');
    expect(store.problem).toMatch(/IndexedDB is not available/);
    await store.save(table('t', 1));
    expect(await store.list()).toHaveLength(1);
  });
});
