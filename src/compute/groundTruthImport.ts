/**
 * The browser side of importing ground truth: read the file, parse it with core/groundtruth, keep
 * it in IndexedDB, publish it in the store. A rejected file changes nothing already loaded.
 */
import { importGroundTruth, importSizeProblem } from '../core/groundtruth';
import { useExplorerStore } from '../state/explorerStore';
import { defaultColumn, useGroundTruthStore } from '../state/groundTruthState';
import { type GroundTruthStore, openGroundTruthStore } from './groundTruthStore';

let storePromise: Promise<GroundTruthStore> | undefined;

function store(): Promise<GroundTruthStore> {
  storePromise ??= openGroundTruthStore().then((s) => {
    useGroundTruthStore.setState({ storage: { kind: s.kind, ...(s.problem ? { problem: s.problem } : {}) } });
    return s;
  });
  return storePromise;
}

/**
 * Publishes the stored tables. The view's choice (which may come from a share link naming a table
 * that is not loaded yet) is kept; without one, the first table's accuracy column is chosen.
 */
async function refresh(s: GroundTruthStore): Promise<void> {
  const tables = await s.list();
  useGroundTruthStore.setState({ tables, loaded: true });
  const { view, setView } = useExplorerStore.getState();
  const first = tables[0];
  const column = first ? defaultColumn(first) : undefined;
  if (!view.truth && first && column) setView({ truth: { table: first.name, column } });
}

/** Loads the tables kept from earlier visits. */
export async function loadGroundTruth(): Promise<void> {
  await refresh(await store());
}

export async function importGroundTruthFile(file: File): Promise<void> {
  const set = useGroundTruthStore.setState;
  const tooBig = importSizeProblem(file.size);
  if (tooBig) {
    set({ importError: { ...tooBig, file: file.name } });
    return;
  }
  set({ importing: true });
  try {
    const result = importGroundTruth(await file.text(), { fileName: file.name });
    if (!result.ok) {
      set({ importError: { ...result.error, file: file.name } });
      return;
    }
    const s = await store();
    await s.save(result.value);
    set({ importError: null, importNotes: result.value.notes });
    await refresh(s);
    // The imported table becomes the comparison, unless the view already names this table.
    const { view, setView } = useExplorerStore.getState();
    const column = defaultColumn(result.value);
    const keep = view.truth?.table === result.value.name && result.value.columns.includes(view.truth.column);
    if (!keep && column) setView({ truth: { table: result.value.name, column } });
  } catch (error) {
    set({
      importError: {
        line: null,
        reason: error instanceof Error ? error.message : String(error),
        file: file.name,
      },
    });
  } finally {
    set({ importing: false });
  }
}

export async function removeGroundTruth(name: string): Promise<void> {
  const s = await store();
  await s.remove(name);
  await refresh(s);
}
