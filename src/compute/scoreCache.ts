/**
 * Scores cached in IndexedDB (dexie), keyed by cacheKey(). Where IndexedDB cannot be opened
 * (private mode, blocked, quota) the app keeps working with an in-memory map and says why.
 */
import Dexie, { type Table } from 'dexie';
import { type CachedScore, checkedCachedScore } from './cachedScoreCheck';

export type { CachedScore };

export interface ScoreCache {
  readonly kind: 'indexeddb' | 'memory';
  /** Why the cache is in memory only, for the UI; undefined when IndexedDB works. */
  readonly problem?: string;
  getMany(keys: readonly string[]): Promise<Map<string, CachedScore>>;
  put(entry: CachedScore): Promise<void>;
  /** Many entries at once (one transaction where the store has them). */
  putMany(entries: readonly CachedScore[]): Promise<void>;
  clear(): Promise<void>;
  count(): Promise<number>;
}

class ScoreDatabase extends Dexie {
  scores!: Table<CachedScore, string>;
  constructor(name: string, factory: IDBFactory) {
    super(name, { indexedDB: factory, IDBKeyRange: globalThis.IDBKeyRange });
    this.version(1).stores({ scores: 'key' });
  }
}

export class MemoryScoreCache implements ScoreCache {
  readonly kind = 'memory';
  private readonly entries = new Map<string, CachedScore>();
  constructor(readonly problem?: string) {}
  async getMany(keys: readonly string[]) {
    const found = new Map<string, CachedScore>();
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) found.set(key, entry);
    }
    return found;
  }
  async put(entry: CachedScore) {
    this.entries.set(entry.key, entry);
  }
  async putMany(entries: readonly CachedScore[]) {
    for (const entry of entries) this.entries.set(entry.key, entry);
  }
  async clear() {
    this.entries.clear();
  }
  async count() {
    return this.entries.size;
  }
}

class IndexedDbScoreCache implements ScoreCache {
  readonly kind = 'indexeddb';
  constructor(private readonly db: ScoreDatabase) {}
  async getMany(keys: readonly string[]) {
    const rows: unknown[] = await this.db.scores.bulkGet([...keys]);
    const found = new Map<string, CachedScore>();
    rows.forEach((row, i) => {
      if (row === undefined) return;
      // A damaged record is a miss: the job is computed again and its new score replaces it.
      const checked = checkedCachedScore(row, keys[i]!);
      if (checked) found.set(checked.key, checked);
    });
    return found;
  }
  async put(entry: CachedScore) {
    await this.db.scores.put(entry);
  }
  async putMany(entries: readonly CachedScore[]) {
    await this.db.scores.bulkPut([...entries]);
  }
  async clear() {
    await this.db.scores.clear();
  }
  async count() {
    return this.db.scores.count();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'unknown error';
}

export async function openScoreCache(
  name = 'spectral-nas-explorer',
  factory: IDBFactory | null = globalThis.indexedDB ?? null,
): Promise<ScoreCache> {
  if (!factory) {
    return new MemoryScoreCache(
      'IndexedDB is not available in this browser; scores are kept in memory only.',
    );
  }
  try {
    const db = new ScoreDatabase(name, factory);
    await db.open();
    return new IndexedDbScoreCache(db);
  } catch (error) {
    return new MemoryScoreCache(
      `IndexedDB could not be opened (${describeError(error)}); scores are kept in memory only.`,
    );
  }
}
