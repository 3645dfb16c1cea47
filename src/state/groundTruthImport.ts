/**
 * The browser side of importing ground truth: read the file, parse it with core/groundtruth, let the
 * user choose the column mapping in a dialog, keep the table in IndexedDB, publish it in the store.
 * A rejected file, a failed build or a cancelled dialog changes nothing already loaded.
 */

import {
  type GroundTruthStore,
  MemoryGroundTruthStore,
  openGroundTruthStore,
} from '../compute/groundTruthStore';
import {
  type GroundTruthTable,
  type ImportError,
  type ImportResult,
  importSizeProblem,
  parseTable,
  type RawTable,
} from '../core/groundtruth';
import { buildFromDraft, type MappingDraft } from '../core/groundtruth/mappingDraft';
import { useExplorerStore } from './explorerStore';
import { defaultColumn, isShippedTableName, publishTables, useGroundTruthStore } from './groundTruthState';
import { withDataWorker } from './shippedData';

let storePromise: Promise<GroundTruthStore> | undefined;

function store(): Promise<GroundTruthStore> {
  storePromise ??= openGroundTruthStore().then((s) => {
    useGroundTruthStore.setState({ storage: { kind: s.kind, ...(s.problem ? { problem: s.problem } : {}) } });
    return s;
  });
  return storePromise;
}

/**
 * Runs a write on the store. Where IndexedDB refuses it (quota exceeded, storage gone), the tables go
 * on in memory: a memory store takes over with every table the page holds, the write is done there,
 * and the page says that tables now last until it is closed. Returns the store written to.
 */
async function writeOrKeepInMemory(
  write: (target: GroundTruthStore) => Promise<unknown>,
): Promise<GroundTruthStore> {
  const s = await store();
  try {
    await write(s);
    return s;
  } catch (error) {
    if (s.kind === 'memory') throw error;
    const memory = new MemoryGroundTruthStore(
      `IndexedDB refused to keep a table (${errorText(error).slice(0, 120)}): tables are now kept in memory and last until this page is closed.`,
    );
    for (const t of useGroundTruthStore.getState().imported) await memory.save(t);
    await write(memory);
    storePromise = Promise.resolve(memory);
    useGroundTruthStore.setState({
      storage: { kind: 'memory', ...(memory.problem ? { problem: memory.problem } : {}) },
    });
    return memory;
  }
}

/**
 * Publishes the stored tables. The view's choice (which may come from a share link naming a table
 * that is not loaded yet) is kept; without one, the first table's accuracy column is chosen.
 */
async function refresh(s: GroundTruthStore): Promise<void> {
  publishTables({ imported: await s.list() });
  useGroundTruthStore.setState((state) => ({
    loaded: true,
    storage: {
      kind: s.kind,
      ...(s.problem ? { problem: s.problem } : {}),
      ...(state.storage?.skipped || s.skipped.length > 0 ? { skipped: s.skipped } : {}),
    },
  }));
  const { view, setView } = useExplorerStore.getState();
  const first = useGroundTruthStore.getState().tables[0];
  const column = first ? defaultColumn(first) : undefined;
  if (!view.truth && first && column) setView({ truth: { table: first.name, column } });
}

/** Loads the tables kept from earlier visits. */
export async function loadGroundTruth(): Promise<void> {
  await refresh(await store());
}

let nextPendingId = 1;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Reads and parses a chosen file, then opens the column-mapping dialog for it (pendingImport). A
 * file that cannot be read or parsed is reported in importError and no dialog opens.
 */
export async function importGroundTruthFile(file: File): Promise<void> {
  const set = useGroundTruthStore.setState;
  const tooBig = importSizeProblem(file.size);
  if (tooBig) {
    set({ importError: { ...tooBig, file: file.name } });
    return;
  }
  set({ importing: true });
  try {
    // Parsed in the data worker, so a large or hostile file never freezes the page; on the page only
    // where no worker can start.
    const parsed = await withDataWorker(
      (remote): Promise<ImportResult<RawTable>> => remote.parseImport(file),
    );
    const raw = parsed ?? parseTable(await file.text(), file.name);
    if (!raw.ok) {
      set({ importError: { ...raw.error, file: file.name } });
      return;
    }
    set({ pendingImport: { id: nextPendingId++, fileName: file.name, raw: raw.value } });
  } catch (error) {
    set({ importError: { line: null, reason: errorText(error), file: file.name } });
  } finally {
    set({ importing: false });
  }
}

/**
 * The dialog's Import: builds the pending file with the user's mapping and name, keeps and publishes
 * the table, and closes the dialog. On failure the error comes back, the dialog stays open and no
 * loaded table changes (a table is only saved once it built completely).
 */
export async function confirmGroundTruthImport(
  draft: MappingDraft,
  name: string,
): Promise<ImportError | null> {
  const pending = useGroundTruthStore.getState().pendingImport;
  if (!pending) return { line: null, reason: 'there is no file waiting to be imported' };
  // A shipped table is never replaced by an import (the dialog offers to replace imported ones).
  if (isShippedTableName(name.trim()))
    return {
      line: null,
      reason: `“${name.trim()}” is the name of a table that ships with the app; choose another name`,
    };
  const built = buildFromDraft(pending.raw, draft, name);
  if (!built.ok) return built.error;
  const table = built.value;
  let s: GroundTruthStore;
  try {
    s = await writeOrKeepInMemory((target) => target.save(table));
  } catch (error) {
    return { line: null, reason: `the table could not be kept: ${errorText(error)}` };
  }
  useGroundTruthStore.setState({ pendingImport: null, importError: null, importNotes: table.notes });
  try {
    await refresh(s);
  } catch (error) {
    const note = `The table was kept, but the list of tables could not be read again (${errorText(error)}); reload the page to see it.`;
    useGroundTruthStore.setState({ importNotes: [...table.notes, note] });
    return null;
  }
  // The imported table becomes the comparison, unless the view already names this table.
  const { view, setView } = useExplorerStore.getState();
  const column = defaultColumn(table);
  const keep = view.truth?.table === table.name && table.columns.includes(view.truth.column);
  if (!keep && column) setView({ truth: { table: table.name, column } });
  return null;
}

/** The dialog's Cancel: forgets the parsed file; nothing else changes. */
export function cancelGroundTruthImport(): void {
  useGroundTruthStore.setState({ pendingImport: null });
}

export async function removeGroundTruth(name: string): Promise<void> {
  const s = await store();
  await s.remove(name);
  await refresh(s);
}

/**
 * Keeps a table the app makes itself (short training) like an imported one, as make(what the table
 * of that name holds now), read and written at once so that runs finishing together all land; makes
 * it the comparison.
 */
export async function updateGeneratedTable(
  name: string,
  make: (previous: GroundTruthTable | undefined) => GroundTruthTable,
): Promise<void> {
  let table: GroundTruthTable | undefined;
  const s = await writeOrKeepInMemory(async (target) => {
    table = await target.update(name, make);
  });
  if (!table) return;
  await refresh(s);
  const column = defaultColumn(table);
  if (column) useExplorerStore.getState().setView({ truth: { table: table.name, column } });
}
