/**
 * Imported ground-truth tables, kept in IndexedDB (dexie) until the user removes them, so a reload
 * or a share link finds them again. Without IndexedDB the tables live in memory and the UI says so.
 * Tables are stored as plain rows ([arch, values][]) since IndexedDB cannot hold a Map.
 */
import Dexie, { type Table } from 'dexie';
import type { GroundTruthTable } from '../core/groundtruth';

interface StoredTable {
  name: string;
  table: Omit<GroundTruthTable, 'rows'> & { rows: [string, Record<string, number>][] };
  importedAt: number;
}

export interface GroundTruthStore {
  readonly kind: 'indexeddb' | 'memory';
  readonly problem?: string;
  list(): Promise<GroundTruthTable[]>;
  /** Adds or replaces the table of the same name. */
  save(table: GroundTruthTable): Promise<void>;
  remove(name: string): Promise<void>;
}

function toStored(table: GroundTruthTable): StoredTable {
  return { name: table.name, table: { ...table, rows: [...table.rows] }, importedAt: Date.now() };
}

function fromStored(stored: StoredTable): GroundTruthTable {
  return { ...stored.table, rows: new Map(stored.table.rows) };
}

class GroundTruthDatabase extends Dexie {
  tables_!: Table<StoredTable, string>;
  constructor(name: string, factory: IDBFactory) {
    super(name, { indexedDB: factory, IDBKeyRange: globalThis.IDBKeyRange });
    this.version(1).stores({ tables_: 'name' });
  }
}

class IndexedDbGroundTruthStore implements GroundTruthStore {
  readonly kind = 'indexeddb';
  constructor(private readonly db: GroundTruthDatabase) {}
  async list() {
    const all = await this.db.tables_.orderBy('name').toArray();
    return all.map(fromStored);
  }
  async save(table: GroundTruthTable) {
    await this.db.tables_.put(toStored(table));
  }
  async remove(name: string) {
    await this.db.tables_.delete(name);
  }
}

export class MemoryGroundTruthStore implements GroundTruthStore {
  readonly kind = 'memory';
  private readonly tables = new Map<string, GroundTruthTable>();
  constructor(readonly problem?: string) {}
  async list() {
    return [...this.tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  async save(table: GroundTruthTable) {
    this.tables.set(table.name, table);
  }
  async remove(name: string) {
    this.tables.delete(name);
  }
}

export async function openGroundTruthStore(
  name = 'spectral-nas-explorer-groundtruth',
  factory: IDBFactory | null = globalThis.indexedDB ?? null,
): Promise<GroundTruthStore> {
  if (!factory)
    return new MemoryGroundTruthStore('IndexedDB is not available: imported tables last until reload.');
  try {
    const db = new GroundTruthDatabase(name, factory);
    await db.open();
    return new IndexedDbGroundTruthStore(db);
  } catch (error) {
    const why = error instanceof Error ? error.message.slice(0, 120) : 'unknown error';
    return new MemoryGroundTruthStore(
      `IndexedDB could not be opened (${why}): imported tables last until reload.`,
    );
  }
}
