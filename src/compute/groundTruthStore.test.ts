import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
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

  it('keeps both of two updates of one table made at the same time (one transaction each)', async () => {
    const factory = new IDBFactory();
    const store = await openGroundTruthStore('gt-race', factory);
    const withRow = (arch: string, acc: number) => (previous: GroundTruthTable | undefined) => {
      const rows = new Map(previous?.rows ?? []);
      rows.set(arch, { acc });
      return { ...table('trained', acc), rows };
    };
    await Promise.all([store.update('trained', withRow('x', 1)), store.update('trained', withRow('y', 2))]);
    const [kept] = await (await openGroundTruthStore('gt-race', factory)).list();
    expect([...kept!.rows.keys()].sort()).toEqual(['x', 'y']);
  });

  it('skips a damaged record and names it, keeping every other table readable', async () => {
    const factory = new IDBFactory();
    const store = await openGroundTruthStore('gt-damaged', factory);
    await store.save(table('good', 1));
    // Written past the app, as another version or an extension might: rows is not a list.
    const raw = new Dexie('gt-damaged', { indexedDB: factory, IDBKeyRange });
    raw.version(1).stores({ tables_: 'name' });
    await raw.table('tables_').put({ name: 'bad', table: { name: 'bad', rows: 5 }, importedAt: 0 });
    raw.close();
    const reopened = await openGroundTruthStore('gt-damaged', factory);
    const listed = await reopened.list();
    expect(listed.map((t) => t.name)).toEqual(['good']);
    expect(reopened.skipped).toHaveLength(1);
    expect(reopened.skipped[0]).toMatch(/^"bad" \(table\./);
  });

  it('reads back NaN, which marks a missing value', async () => {
    const factory = new IDBFactory();
    const store = await openGroundTruthStore('gt-nan', factory);
    await store.save({ ...table('t', 1), rows: new Map([['a', { acc: Number.NaN }]]) });
    const [t] = await (await openGroundTruthStore('gt-nan', factory)).list();
    expect(t!.rows.get('a')!.acc).toBeNaN();
  });
});
