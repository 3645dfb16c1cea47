/**
 * The column-mapping dialog of a ground-truth import: shows what each column of the parsed file
 * looks like, starts from the proposed mapping, previews the result as the user changes it, and
 * imports only when asked. Everything from the file is rendered as text, never as HTML.
 * With OoD-ViT-NAS's key kind there is no key column to pick: the dialog names the four fixed
 * columns the key is read from and marks them (and layer_num, checked against the depth) in the list.
 */
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  describeColumns,
  type ImportError,
  KEY_KINDS,
  type KeyKind,
  OOD_DEPTH_COLUMN,
  OOD_KEY_COLUMNS,
  type RawTable,
  tableNameFromFile,
} from '../../core/groundtruth';
import {
  type DraftPreview,
  KEY_KIND_LABELS,
  type MappingDraft,
  previewDraft,
  replaceNotice,
  sampleValues,
  startDraft,
  withAllNumericValues,
  withKeyColumn,
  withKeyKind,
  withNoValues,
  withSpaceColumn,
} from '../../core/groundtruth/mappingDraft';
import { MappingPreview, type PreviewState, ValueColumns } from './ColumnMappingParts';

/** Files with more rows are only previewed once the user changes something (or asks). */
const PREVIEW_ON_OPEN_ROWS = 20_000;
/** Quiet time after a change before the preview is rebuilt, so a run of clicks builds once. */
const PREVIEW_DELAY_MS = 200;

export interface ColumnMappingDialogProps {
  fileName: string;
  raw: RawTable;
  /** Names of the tables already loaded (a name among them is replaced on import). */
  existingNames: readonly string[];
  /** Builds and keeps the table; resolves to the reason it failed, or null once imported. */
  onImport: (draft: MappingDraft, name: string) => Promise<ImportError | null>;
  onCancel: () => void;
}

const isKeyKind = (value: string): value is KeyKind => (KEY_KINDS as readonly string[]).includes(value);

export function ColumnMappingDialog({
  fileName,
  raw,
  existingNames,
  onImport,
  onCancel,
}: ColumnMappingDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const info = useMemo(() => describeColumns(raw), [raw]);
  const samples = useMemo(() => raw.columns.map((_, c) => sampleValues(raw, c)), [raw]);
  const [start] = useState(() => startDraft(raw));
  const [draft, setDraft] = useState<MappingDraft>(start.draft);
  const [name, setName] = useState(() => tableNameFromFile(fileName));
  const [preview, setPreview] = useState<DraftPreview | null>(() =>
    raw.rows.length <= PREVIEW_ON_OPEN_ROWS ? previewDraft(raw, start.draft) : null,
  );
  const [previewState, setPreviewState] = useState<PreviewState>(preview ? 'ready' : 'idle');
  // Bumped by every change the user makes; the preview is rebuilt after each bump.
  const [changes, setChanges] = useState(0);
  const [error, setError] = useState<ImportError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    if (changes === 0) return;
    const timer = window.setTimeout(() => {
      setPreview(previewDraft(raw, draft));
      setPreviewState('ready');
    }, PREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [raw, draft, changes]);

  const requestPreview = () => {
    setPreviewState('pending');
    setChanges((n) => n + 1);
  };
  const change = (next: MappingDraft) => {
    setDraft(next);
    setError(null);
    requestPreview();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    // Let "importing…" paint before a large file is built on this thread.
    await new Promise((resolve) => window.setTimeout(resolve, 0));
    const problem = await onImport(draft, name);
    // On success the panel closes the dialog; on failure it stays open with the reason.
    if (problem) {
      setError(problem);
      setBusy(false);
    }
  };

  const vit = draft.keyKind === 'vit-autoprox-json';
  const ood = draft.keyKind === 'vit-ood-columns';
  const missingOod = ood ? OOD_KEY_COLUMNS.filter((c) => !raw.columns.includes(c)) : [];
  const replace = replaceNotice(name, existingNames);
  const titleId = `${id}-title`;

  return (
    <dialog
      ref={dialogRef}
      className="column-mapping"
      data-testid="gt-mapping"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: same as the Cancel button, unless an import is being kept right now.
        event.preventDefault();
        if (!busy) onCancel();
      }}
      // Chromium may close a dialog whose cancel was refused before; then the import is cancelled too.
      // (The close() when the dialog unmounts fires this on a detached element: nothing to cancel.)
      onClose={(event) => {
        if (event.currentTarget.isConnected) onCancel();
      }}
    >
      <form onSubmit={(event) => void submit(event)}>
        <h3 id={titleId}>Import {fileName}</h3>
        <p
          className="meta"
          data-testid="gt-map-summary"
          data-rows={raw.rows.length}
          data-columns={raw.columns.length}
        >
          {raw.rows.length} rows, {raw.columns.length} columns ({raw.format.toUpperCase()}). Choose the column
          that names the architectures and the columns to keep as values.
        </p>
        {start.problem && (
          <p className="notice" data-testid="gt-map-problem">
            No key column was found by itself: {start.problem}. Choose one below.
          </p>
        )}
        <div className="gt-map-fields">
          {!ood && (
            <label>
              Key column{' '}
              <select
                data-testid="gt-map-key"
                value={draft.keyColumn ?? ''}
                onChange={(e) => change(withKeyColumn(draft, e.currentTarget.value || null, info))}
              >
                <option value="">(choose a column)</option>
                {raw.columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Keys are written as{' '}
            <select
              data-testid="gt-map-kind"
              value={draft.keyKind ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                change(withKeyKind(draft, isKeyKind(value) ? value : null));
              }}
            >
              <option value="">(choose)</option>
              {KEY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KEY_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          {vit && (
            <label>
              Space column{' '}
              <select
                data-testid="gt-map-space"
                value={draft.spaceColumn ?? ''}
                onChange={(e) => change(withSpaceColumn(draft, e.currentTarget.value || null))}
              >
                <option value="">(none: tell spaces apart by embedding width)</option>
                {raw.columns
                  .filter((c) => c !== draft.keyColumn)
                  .map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <label>
            Table name{' '}
            <input
              type="text"
              data-testid="gt-map-name"
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(null);
              }}
            />
          </label>
        </div>
        {ood && (
          <p
            className={missingOod.length > 0 ? 'notice' : 'meta'}
            data-testid="gt-map-key-columns"
            data-columns={OOD_KEY_COLUMNS.join(',')}
          >
            The key is read from four columns together: {OOD_KEY_COLUMNS.join(', ')} (the supernet is tiny,
            small or base; the two JSON lists give each layer's MLP ratio and head count).
            {raw.columns.includes(OOD_DEPTH_COLUMN)
              ? ` The column ${OOD_DEPTH_COLUMN} is checked against the number of layers.`
              : ''}
            {missingOod.length > 0 && ` This file has no column ${missingOod.join(', ')}.`}
          </p>
        )}
        {replace && (
          <p className="notice" data-testid="gt-map-replace">
            {replace}
          </p>
        )}
        <div className="gt-map-tools">
          <span data-testid="gt-map-value-count">{draft.valueColumns.length} value columns chosen</span>
          <button
            type="button"
            data-testid="gt-map-all"
            onClick={() => change(withAllNumericValues(draft, info))}
          >
            All numeric
          </button>
          <button type="button" data-testid="gt-map-none" onClick={() => change(withNoValues(draft))}>
            None
          </button>
        </div>
        <ValueColumns raw={raw} draft={draft} idPrefix={id} info={info} samples={samples} onChange={change} />
        <MappingPreview
          state={previewState}
          preview={preview}
          raw={raw}
          draft={draft}
          onRequest={requestPreview}
        />
        {error && (
          <p className="notice error" role="alert" data-testid="gt-map-error">
            {fileName} was not imported{error.line === null ? '' : ` (line ${error.line})`}: {error.reason}
          </p>
        )}
        <div className="gt-map-buttons">
          <button type="button" data-testid="gt-map-cancel" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" data-testid="gt-map-import" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
