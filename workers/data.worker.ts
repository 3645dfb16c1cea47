/// <reference lib="webworker" />
/**
 * Worker entry: the data that ships with the app (reference tables, pre-scored sets), fetched,
 * inflated and parsed off the page's thread, so a first paint never waits for them. Each file that
 * fails (missing, blocked, corrupt) is reported by name; the others still arrive. Errors of one set
 * reject its call with the reason.
 */
import { expose, transfer } from 'comlink';
import { textOfMaybeGzip } from '../src/core/data/gzipText';
import { type ImportResult, importSizeProblem, parseTable, type RawTable } from '../src/core/groundtruth';
import { type PackedTable, packTable } from '../src/core/groundtruth/packedTable';
import {
  parseShippedManifest,
  SHIPPED_MANIFEST_FILE,
  SHIPPED_TABLES_DIR,
  type ShippedTable,
  shippedTableFromCsv,
  shippedTablePath,
} from '../src/core/groundtruth/shippedTables';
import {
  PRESCORED_DIR,
  type PrescoredEntry,
  type PrescoredSet,
  prescoredEntries,
} from '../src/core/proxies/prescoredSet';

/** A table as it crosses to the page: packed (see packedTable.ts), its numbers transferred. */
export interface LoadedTable {
  meta: ShippedTable;
  table: PackedTable;
}
/** What could not be loaded: the file (or table) and why, in words. */
export interface DataProblem {
  what: string;
  why: string;
}

/** 100 000 scores of a few hundred bytes each. */
const MAX_SCORE_FILE_BYTES = 100 * 2 ** 20;

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  if ((response.headers.get('content-type') ?? '').includes('text/html'))
    throw new Error('the server sent a web page instead');
  return new Uint8Array(await response.arrayBuffer());
}

async function fetchJson(url: string): Promise<unknown> {
  const text = new TextDecoder().decode(await fetchBytes(url));
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
}

const api = {
  /**
   * A file the user chose, read and parsed here rather than on the page's thread (a large or
   * hostile file must not freeze the page); the limits of core/groundtruth apply while parsing.
   */
  async parseImport(file: File): Promise<ImportResult<RawTable>> {
    const tooBig = importSizeProblem(file.size);
    if (tooBig) return { ok: false, error: tooBig };
    return parseTable(await file.text(), file.name);
  },

  /** A scores file the user chose (npm run score's JSON lines), read and parsed here. */
  async parseScoreFile(file: File): Promise<{ entries: PrescoredEntry[]; badLines: number }> {
    if (file.size > MAX_SCORE_FILE_BYTES)
      throw new Error(
        `the file is ${(file.size / 2 ** 20).toFixed(1)} MiB; scores files up to ${MAX_SCORE_FILE_BYTES / 2 ** 20} MiB are read`,
      );
    return prescoredEntries(await file.text());
  },

  /** Every table the manifest lists; `base` is the app's base URL. */
  async shippedTables(base: string): Promise<{ tables: LoadedTable[]; problems: DataProblem[] }> {
    const problems: DataProblem[] = [];
    let manifest: ShippedTable[];
    try {
      const parsed = parseShippedManifest(
        await fetchJson(new URL(`${SHIPPED_TABLES_DIR}/${SHIPPED_MANIFEST_FILE}`, base).href),
      );
      if (!parsed.ok) throw new Error(parsed.error);
      manifest = parsed.value.tables;
    } catch (error) {
      return { tables: [], problems: [{ what: 'the list of shipped tables', why: reason(error) }] };
    }
    const tables = await Promise.all(
      manifest.map(async (meta): Promise<LoadedTable | null> => {
        try {
          const text = await textOfMaybeGzip(await fetchBytes(new URL(shippedTablePath(meta), base).href));
          const built = shippedTableFromCsv(meta, text);
          if (!built.ok) throw new Error(built.error.reason);
          return { meta, table: packTable(built.value) };
        } catch (error) {
          problems.push({ what: meta.name, why: reason(error) });
          return null;
        }
      }),
    );
    const loaded = tables.filter((t): t is LoadedTable => t !== null);
    return transfer(
      { tables: loaded, problems },
      loaded.map((t) => t.table.values.buffer),
    );
  },

  /** One pre-scored set (an entry of the bundled manifest) as cache entries, keys as the command wrote them. */
  async prescoredSet(base: string, set: PrescoredSet): Promise<PrescoredEntry[]> {
    const text = await textOfMaybeGzip(await fetchBytes(new URL(`${PRESCORED_DIR}/${set.file}`, base).href));
    const { entries, badLines } = prescoredEntries(text);
    if (badLines > 0 || entries.length !== set.records)
      throw new Error(
        `holds ${entries.length} scores and ${badLines} unreadable line(s); ${set.records} expected`,
      );
    return entries;
  },
};

export type DataWorkerApi = typeof api;

expose(api);
