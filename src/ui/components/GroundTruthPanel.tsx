/**
 * Import and manage ground-truth tables (the user's own files; kept in IndexedDB until removed).
 * A chosen file is parsed, then imported through the column-mapping dialog. The file handler and
 * the import's feedback (errors, notes, the dialog) are exported for the lecture's own Import button.
 */

import { type ChangeEvent, useEffect } from 'react';
import { TRAINED_PREFIX } from '../../core/train/trainedTable';
import { scoreCurrentView } from '../../state/explorerScoring';
import { useExplorerStore } from '../../state/explorerStore';
import { isShippedTableNameInManifest } from '../../state/firstVisit';
import {
  cancelGroundTruthImport,
  confirmGroundTruthImport,
  importGroundTruthFile,
  loadGroundTruth,
  removeGroundTruth,
} from '../../state/groundTruthImport';
import { IMPORTED_SUFFIX, useGroundTruthStore } from '../../state/groundTruthState';
import { loadShippedTables } from '../../state/shippedData';
import { missingTruthColumn } from '../../state/truthColumnCheck';
import { ColumnMappingDialog } from './ColumnMappingDialog';
import { ScoreFileLoader } from './ScoreFileLoader';
import { ShippedDataProblems } from './ShippedDataProblems';

/** The file types an import accepts. */
export const GROUND_TRUTH_ACCEPT = '.csv,.json,.tsv,.txt';

/** A file input's change: the chosen file goes to the import; the input is cleared so it can be chosen again. */
export function onGroundTruthFileChange(e: ChangeEvent<HTMLInputElement>): void {
  const file = e.currentTarget.files?.[0];
  e.currentTarget.value = '';
  if (file) void importGroundTruthFile(file);
}

/**
 * What an import says and asks, wherever it was started: why the last file was not imported, the
 * notes of the last import, a storage problem, and the column-mapping dialog of the file waiting to
 * be imported. `onImported` hears the name of each table the dialog imports.
 */
export function GroundTruthImportFeedback({ onImported }: { onImported?: (name: string) => void }) {
  const tables = useGroundTruthStore((s) => s.tables);
  const storage = useGroundTruthStore((s) => s.storage);
  const importError = useGroundTruthStore((s) => s.importError);
  const importNotes = useGroundTruthStore((s) => s.importNotes);
  const pending = useGroundTruthStore((s) => s.pendingImport);
  const onImport: typeof confirmGroundTruthImport = onImported
    ? async (draft, name) => {
        const error = await confirmGroundTruthImport(draft, name);
        // The dialog's name, trimmed as the import trims it.
        if (error === null) onImported(name.trim());
        return error;
      }
    : confirmGroundTruthImport;
  return (
    <>
      {importError && (
        <div className="notice error" role="alert" data-testid="gt-error">
          {importError.file} was not imported
          {importError.line === null ? '' : ` (line ${importError.line})`}: {importError.reason}
        </div>
      )}
      {importNotes.length > 0 && (
        <ul className="meta" data-testid="gt-notes">
          {importNotes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {storage?.problem && <div className="notice">{storage.problem}</div>}
      {storage?.skipped && storage.skipped.length > 0 && (
        <div className="notice" role="status" data-testid="gt-skipped">
          {storage.skipped.length} stored table(s) could not be read and were skipped (the others are here):{' '}
          {storage.skipped.join('; ')}. Import the file again to replace a skipped table.
        </div>
      )}
      {pending && (
        <ColumnMappingDialog
          key={pending.id}
          fileName={pending.fileName}
          raw={pending.raw}
          existingNames={tables.map((t) => t.name)}
          onImport={onImport}
          onCancel={cancelGroundTruthImport}
        />
      )}
    </>
  );
}

export function GroundTruthPanel() {
  const tables = useGroundTruthStore((s) => s.tables);
  const importing = useGroundTruthStore((s) => s.importing);
  const loaded = useGroundTruthStore((s) => s.loaded);
  const pending = useGroundTruthStore((s) => s.pendingImport);
  const truth = useExplorerStore((s) => s.view.truth);
  const shippedStatus = useGroundTruthStore((s) => s.shippedStatus);
  const shippedNames = useGroundTruthStore((s) => s.shipped.map((t) => t.name).join('\u0000'));
  const isShipped = (name: string) => shippedNames.split('\u0000').includes(name);
  // An imported table listed as "… (imported)" beside a shipped one is kept under its own name.
  const storedName = (name: string) => {
    const own = name.slice(0, -IMPORTED_SUFFIX.length);
    return name.endsWith(IMPORTED_SUFFIX) && isShipped(own) ? own : name;
  };
  // A shipped table still on its way is not missing yet.
  const missing =
    loaded &&
    truth !== null &&
    !tables.some((t) => t.name === truth.table) &&
    !(isShippedTableNameInManifest(truth.table) && shippedStatus !== 'loaded');
  const columnProblem = missingTruthColumn(truth, tables);

  useEffect(() => {
    void loadGroundTruth();
  }, []);

  return (
    <section className="ground-truth" data-testid="ground-truth">
      <h3>Ground truth</h3>
      <label className="file-pick">
        Import a table (CSV or JSON; NB201 strings, NASLib tuples, Auto-Prox ViT rows or OoD-ViT-NAS
        AutoFormer tables):{' '}
        <input
          type="file"
          accept={GROUND_TRUTH_ACCEPT}
          data-testid="gt-file"
          disabled={importing || pending !== null}
          onChange={onGroundTruthFileChange}
        />
      </label>
      {importing && <span data-testid="gt-importing"> reading…</span>}
      {shippedStatus === 'idle' && (
        <p className="meta">
          <button type="button" onClick={() => void loadShippedTables()} data-testid="gt-load-shipped">
            Load the reference tables that ship with the app
          </button>{' '}
          (NAS-Bench-201, Auto-Prox AutoFormer-Ti, published NB201 proxy scores; about 750 KB)
        </p>
      )}
      {shippedStatus === 'loading' && (
        <p className="meta" data-testid="gt-shipped-loading">
          Loading the reference tables that ship with the app (NAS-Bench-201, Auto-Prox, published scores)…
        </p>
      )}
      <ShippedDataProblems />
      {missing && (
        <div className="notice" role="status" data-testid="gt-needed" data-table={truth.table}>
          This view compares against the column "{truth.column}" of the table "{truth.table}", which is not
          loaded here:{' '}
          {truth.table.startsWith(TRAINED_PREFIX)
            ? 'it was made by short training in the page; train the same candidates below (same seed and steps give the same accuracies).'
            : 'import that file to see the plot (links never carry the table itself).'}
        </div>
      )}
      {columnProblem && (
        <div className="notice" role="status" data-testid="gt-column-missing">
          {columnProblem}
        </div>
      )}
      <GroundTruthImportFeedback />
      <ScoreFileLoader onLoaded={() => void scoreCurrentView()} />
      <ul className="gt-tables">
        {tables.map((t) => (
          <li
            key={t.name}
            data-testid="gt-table"
            data-name={t.name}
            data-rows={t.rows.size}
            data-columns={t.columns.length}
            data-shipped={String(isShipped(t.name))}
          >
            <strong>{t.name}</strong> · {(t.spaces ?? [t.space]).join(', ')} · {t.rows.size} rows ·{' '}
            {t.columns.length} columns{' '}
            {isShipped(t.name) ? (
              <span className="meta">· ships with the app</span>
            ) : (
              <button
                type="button"
                onClick={() => void removeGroundTruth(storedName(t.name))}
                data-testid="gt-remove"
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
