/** Parts of the column-mapping dialog (ColumnMappingDialog.tsx): the value-column list and the preview line. */
import { type ColumnInfo, OOD_DEPTH_COLUMN, type RawTable } from '../../core/groundtruth';
import {
  type DraftPreview,
  describeColumnText,
  draftKeyColumns,
  importErrorText,
  type MappingDraft,
  withValueColumn,
} from '../../core/groundtruth/mappingDraft';

export type PreviewState = 'idle' | 'pending' | 'ready';

/** Each column of the file: a box to take it as a value, its name and role, first values and kind. */
export function ValueColumns({
  raw,
  draft,
  idPrefix,
  info,
  samples,
  onChange,
}: {
  raw: RawTable;
  draft: MappingDraft;
  idPrefix: string;
  info: readonly ColumnInfo[];
  samples: readonly (readonly string[])[];
  onChange(next: MappingDraft): void;
}) {
  const ood = draft.keyKind === 'vit-ood-columns';
  const keyColumns = draftKeyColumns(draft);
  return (
    <div className="gt-map-scroll">
      <table>
        <thead>
          <tr>
            <th>Value</th>
            <th>Column</th>
            <th>First values</th>
            <th>Looks like</th>
          </tr>
        </thead>
        <tbody>
          {raw.columns.map((column, c) => {
            const role =
              ood && column === OOD_DEPTH_COLUMN
                ? 'depth check'
                : keyColumns.includes(column)
                  ? 'key'
                  : column === draft.spaceColumn
                    ? 'space'
                    : null;
            const boxId = `${idPrefix}-value-${c}`;
            return (
              <tr key={column} data-testid="gt-map-column" data-column={column}>
                <td>
                  <input
                    type="checkbox"
                    id={boxId}
                    data-testid="gt-map-value"
                    data-column={column}
                    checked={draft.valueColumns.includes(column)}
                    disabled={role !== null}
                    onChange={(e) =>
                      onChange(withValueColumn(draft, column, e.currentTarget.checked, raw.columns))
                    }
                  />
                </td>
                <td>
                  <label htmlFor={boxId}>{column}</label>
                  {role && <span className="gt-map-role"> ({role} column)</span>}
                </td>
                <td className="gt-map-samples">
                  {samples[c]!.map((s, i) => (
                    <code key={i}>{s}</code>
                  ))}
                </td>
                <td>{describeColumnText(info[c]!)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What the mapping as it stands would import: rows matched and notes, or why it would fail. */
export function MappingPreview({
  state,
  preview,
  raw,
  draft,
  onRequest,
}: {
  state: PreviewState;
  preview: DraftPreview | null;
  raw: RawTable;
  draft: MappingDraft;
  onRequest(): void;
}) {
  return (
    <div
      className="gt-map-preview"
      data-testid="gt-map-preview"
      data-state={state}
      data-ok={state === 'ready' && preview ? String(preview.ok) : undefined}
      data-rows={state === 'ready' && preview?.ok ? preview.rows : undefined}
      aria-live="polite"
    >
      {state === 'idle' && (
        <>
          Large file ({raw.rows.length} rows): the preview is built when you change the mapping.{' '}
          <button type="button" data-testid="gt-map-preview-run" onClick={onRequest}>
            Preview now
          </button>
        </>
      )}
      {state === 'pending' && 'Updating the preview…'}
      {state === 'ready' && preview?.ok && (
        <>
          Preview: {preview.rows} of {raw.rows.length} rows matched, {draft.valueColumns.length} value
          columns.
          {preview.notes.length > 0 && (
            <ul data-testid="gt-map-notes">
              {preview.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {state === 'ready' && preview && !preview.ok && preview.error && (
        <>Preview: this mapping would not import ({importErrorText(preview.error)}).</>
      )}
    </div>
  );
}
