/**
 * The lecture's 'table' source controls: which imported ViT table, which of its columns is the
 * accuracy, which space (for a table spanning several, like OoD-ViT-NAS), and "Import a table…",
 * which opens the Explorer's own import flow and column-mapping dialog (GroundTruthPanel's pieces).
 */
import { useRef, useState } from 'react';
import type { GroundTruthTable } from '../../core/groundtruth';
import { defaultColumn, useGroundTruthStore } from '../../state/groundTruthState';
import { rescoreLecture } from '../../state/lectureScoring';
import {
  LECTURE_TABLE_SPACES,
  type LectureState,
  type LectureTableSpace,
  useLectureStore,
} from '../../state/lectureState';
import {
  type LectureTableChoice,
  lectureSpaceLabel,
  lectureSpacesOf,
  vitTables,
} from '../../state/lectureTable';
import {
  GROUND_TRUTH_ACCEPT,
  GroundTruthImportFeedback,
  onGroundTruthFileChange,
} from '../components/GroundTruthPanel';
import { ScoreFileLoader } from '../components/ScoreFileLoader';

/** The lecture's choice for a table: its name, its default column, its first ViT space. */
export function tableChoicePatch(table: GroundTruthTable): Partial<LectureState> {
  return { table: table.name, column: defaultColumn(table) ?? '', tableSpace: null };
}

const isLectureSpace = (value: string): value is LectureTableSpace =>
  (LECTURE_TABLE_SPACES as readonly string[]).includes(value);

export function LectureTableSource({
  lecture,
  choice,
}: {
  lecture: LectureState;
  choice: LectureTableChoice | null;
}) {
  const setLecture = useLectureStore((s) => s.setLecture);
  const all = useGroundTruthStore((s) => s.tables);
  const tables = vitTables(all);
  const importing = useGroundTruthStore((s) => s.importing);
  const pending = useGroundTruthStore((s) => s.pendingImport);
  const feedback = useGroundTruthStore(
    (s) =>
      s.pendingImport !== null || s.importError !== null || s.importNotes.length > 0 || !!s.storage?.problem,
  );
  const fileRef = useRef<HTMLInputElement>(null);
  const listed = tables.some((t) => t.name === lecture.table);
  // The lecture's table when the list cannot offer it: not loaded here, or loaded but without ViTs.
  const unlisted = all.some((t) => t.name === lecture.table) ? 'no ViTs' : 'not loaded here';
  const table = choice?.ok ? choice.table : undefined;

  // The name of a table just imported here that the lecture cannot use (it holds no ViTs).
  const [notVit, setNotVit] = useState<string | null>(null);
  const imported = (name: string) => {
    const table = useGroundTruthStore.getState().tables.find((t) => t.name === name);
    if (!table) return;
    // A table without ViTs is kept for the Explorer; the lecture keeps its own choice.
    const vit = lectureSpacesOf(table).length > 0;
    setNotVit(vit ? null : name);
    if (vit) setLecture({ source: 'table', ...tableChoicePatch(table) });
  };

  return (
    <>
      <label>
        table{' '}
        <select
          value={lecture.table}
          onChange={(e) => {
            const picked = tables.find((t) => t.name === e.currentTarget.value);
            if (picked) setLecture(tableChoicePatch(picked));
          }}
          data-testid="lec-table-select"
        >
          {lecture.table === '' && (
            <option value="">{tables.length === 0 ? 'none imported' : 'choose…'}</option>
          )}
          {lecture.table !== '' && !listed && (
            <option value={lecture.table}>{`${lecture.table} (${unlisted})`}</option>
          )}
          {tables.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name} · {lectureSpacesOf(t).map(lectureSpaceLabel).join(', ')} · {t.rows.size} rows
            </option>
          ))}
        </select>
      </label>
      {table && choice?.ok && (
        <label>
          accuracy{' '}
          <select
            value={choice.column}
            onChange={(e) => setLecture({ column: e.currentTarget.value })}
            data-testid="lec-column-select"
          >
            {table.columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      )}
      {choice?.ok && choice.spaces.length > 1 && (
        <label>
          space{' '}
          <select
            value={choice.space}
            onChange={(e) => {
              const space = e.currentTarget.value;
              if (isLectureSpace(space)) setLecture({ tableSpace: space });
            }}
            data-testid="lec-space-select"
          >
            {choice.spaces.map((s) => (
              <option key={s} value={s}>
                {lectureSpaceLabel(s)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        type="button"
        disabled={importing || pending !== null}
        onClick={() => fileRef.current?.click()}
        data-testid="lec-import"
      >
        Import a table…
      </button>
      <input
        ref={fileRef}
        type="file"
        accept={GROUND_TRUTH_ACCEPT}
        hidden
        onChange={onGroundTruthFileChange}
        data-testid="lec-gt-file"
      />
      {importing && <span data-testid="lec-importing"> reading…</span>}
      {notVit !== null && (
        <p className="notice" data-testid="lec-import-not-vit" style={{ flexBasis: '100%', order: 1 }}>
          The table "{notVit}" was imported, but it holds NAS-Bench-201 cells, not ViTs: the Explorer can use
          it, the lecture cannot.
        </p>
      )}
      {feedback && (
        // On a line of its own, after n and seed (the group is a wrapping flex row).
        <div style={{ flexBasis: '100%', order: 1 }}>
          <GroundTruthImportFeedback onImported={imported} />
        </div>
      )}
      <div style={{ flexBasis: '100%', order: 1 }}>
        <ScoreFileLoader onLoaded={() => void rescoreLecture()} />
      </div>
    </>
  );
}
