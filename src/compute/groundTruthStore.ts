/**
 * Imported ground-truth tables, kept in IndexedDB (dexie) until the user removes them, so a reload
 * or a share link finds them again. Without IndexedDB the tables live in memory and the UI says so.
 * Tables are stored as plain rows ([arch, values][]) since IndexedDB cannot hold a Map.
 * Every record is checked when read: a damaged one (another version of the app, a browser
 * extension, a bad disk) is skipped and named in `skipped`, never fatal to the others. A change to
 * one table that depends on what it holds (a training result added) reads and writes it in one
 * transaction, so two at once both land.
 */
import Dexie, { type Table } from 'dexie';
import * as v from 'valibot';
import { type GroundTruthTable, KEY_KINDS } from '../core/groundtruth';
import { VIT_SPACE_IDS } from '../core/spaces/vit/vit';

interface StoredTable {
  name: string;
  table: Omit<GroundTruthTable, 'rows'> & { rows: [string, Record<string, number>][] };
  importedAt: number;
}

export interface GroundTruthStore {
  readonly kind: 'indexeddb' | 'memory';
  readonly problem?: string;
  list(): Promise<GroundTruthTable[]>;
  /** Records the last list() skipped as damaged, each named with why. */
  readonly skipped: readonly string[];
  /** Adds or replaces the table of the same name. */
  save(table: GroundTruthTable): Promise<void>;
  /** Replaces table `name` by make(what it holds now), read and written at once; returns the new table. */
  update(
    name: string,
    make: (previous: GroundTruthTable | undefined) => GroundTruthTable,
  ): Promise<GroundTruthTable>;
  remove(name: string): Promise<void>;
}

const SPACES = ['nb201', ...VIT_SPACE_IDS] as const;
const storedSchema = v.object({
  name: v.string(),
  table: v.object({
    name: v.string(),
    space: v.picklist(SPACES),
    spaces: v.optional(v.array(v.picklist(SPACES))),
    keyKind: v.picklist(KEY_KINDS),
    columns: v.array(v.string()),
    // NaN marks a missing value (GroundTruthTable.rows).
    rows: v.array(v.tuple([v.string(), v.record(v.string(), v.union([v.number(), v.nan()]))])),
    notes: v.array(v.string()),
  }),
  importedAt: v.number(),
});

/** The stored record, or why it cannot be read as one. */
function checkStored(record: unknown): StoredTable | string {
  const parsed = v.safeParse(storedSchema, record);
  if (parsed.success) return parsed.output as StoredTable;
  const issue = parsed.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return `${path ? `${path}: ` : ''}${issue.message}`;
}

function describeSkipped(record: unknown, why: string): string {
  const name = typeof record === 'object' && record !== null && 'name' in record ? String(record.name) : '?';
  return `"${name.slice(0, 80)}" (${why.slice(0, 160)})`;
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
  skipped: string[] = [];
  constructor(private readonly db: GroundTruthDatabase) {}
  async list() {
    const all: unknown[] = await this.db.tables_.orderBy('name').toArray();
    const tables: GroundTruthTable[] = [];
    this.skipped = [];
    for (const record of all) {
      const checked = checkStored(record);
      if (typeof checked === 'string') this.skipped.push(describeSkipped(record, checked));
      else tables.push(fromStored(checked));
    }
    return tables;
  }
  async save(table: GroundTruthTable) {
    await this.db.tables_.put(toStored(table));
  }
  update(name: string, make: (previous: GroundTruthTable | undefined) => GroundTruthTable) {
    return this.db.transaction('rw', this.db.tables_, async () => {
      const stored: unknown = await this.db.tables_.get(name);
      const checked = stored === undefined ? undefined : checkStored(stored);
      // A damaged record is replaced rather than merged into.
      const next = make(
        checked === undefined || typeof checked === 'string' ? undefined : fromStored(checked),
      );
      await this.db.tables_.put(toStored(next));
      return next;
    });
  }
  async remove(name: string) {
    await this.db.tables_.delete(name);
  }
}

export class MemoryGroundTruthStore implements GroundTruthStore {
  readonly kind = 'memory';
  private readonly tables = new Map<string, GroundTruthTable>();
  readonly skipped: readonly string[] = [];
  constructor(readonly problem?: string) {}
  async list() {
    return [...this.tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  async save(table: GroundTruthTable) {
    this.tables.set(table.name, table);
  }
  async update(name: string, make: (previous: GroundTruthTable | undefined) => GroundTruthTable) {
    const next = make(this.tables.get(name));
    this.tables.set(name, next);
    return next;
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
