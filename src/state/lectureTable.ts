/**
 * The lecture's 'table' source: an imported ground-truth table (Auto-Prox's AutoFormer-Ti rows,
 * OoD-ViT-NAS's AutoFormer subnets, a browser-ViT table) as the lecture's candidates. Which table,
 * column and space a lecture names, what is wrong with that choice when it cannot be used as it
 * is (said in plain words), and the table's first n rows of the space that have a value in the
 * column. Pure: no DOM, no store.
 */
import type { GroundTruthTable } from '../core/groundtruth';
import { SPACES, spaceOfVit } from '../core/spaces/registry';
import { vitFromString } from '../core/spaces/vit/vit';
import { TRAINED_PREFIX } from '../core/train/trainedTable';
import { defaultColumn } from './groundTruthState';
import { LECTURE_TABLE_SPACES, type LectureState, type LectureTableSpace } from './lectureState';
import { viewSpacesOf } from './tableCandidates';

const isLectureSpace = (space: string): space is LectureTableSpace =>
  (LECTURE_TABLE_SPACES as readonly string[]).includes(space);

/** The short name of a space, as the lecture writes it ("AutoFormer-Ti", "browser ViT"). */
export function lectureSpaceLabel(space: LectureTableSpace): string {
  return SPACES[space].label;
}

/** The table's ViT spaces in the table's order; none for a NAS-Bench-201 table. */
export function lectureSpacesOf(table: GroundTruthTable): LectureTableSpace[] {
  return viewSpacesOf(table).filter(isLectureSpace);
}

/** Imported tables the lecture can use: those holding ViT architectures. */
export function vitTables(tables: readonly GroundTruthTable[]): GroundTruthTable[] {
  return tables.filter((t) => lectureSpacesOf(t).length > 0);
}

export type LectureTableChoice =
  | {
      ok: true;
      table: GroundTruthTable;
      /** The column used: the lecture's, else the table's default. */
      column: string;
      space: LectureTableSpace;
      /** Every ViT space of the table (more than one: the lecture offers a choice). */
      spaces: LectureTableSpace[];
      /** What was used instead of what the lecture named (plain text, may be empty). */
      notes: string[];
    }
  | { ok: false; reason: 'none' | 'missing' | 'not-vit' | 'no-columns'; message: string };

/**
 * Resolves the lecture's table, column and space against the loaded tables. `sourceHidden`: the
 * link hides the lecture's own Import button, so a missing table is imported in the Explorer.
 */
export function resolveLectureTable(
  lecture: Pick<LectureState, 'table' | 'column' | 'tableSpace'>,
  tables: readonly GroundTruthTable[],
  sourceHidden = false,
): LectureTableChoice {
  const name = lecture.table;
  if (name === '') {
    return {
      ok: false,
      reason: 'none',
      message: sourceHidden
        ? 'This lecture link names no table, and it hides the Networks controls where one is chosen.'
        : 'Choose an imported table, or import one with "Import a table…" (a CSV or JSON of ViT architectures and their accuracies).',
    };
  }
  const table = tables.find((t) => t.name === name);
  if (!table) return { ok: false, reason: 'missing', message: missingTableText(lecture, sourceHidden) };
  const spaces = lectureSpacesOf(table);
  if (spaces.length === 0) {
    return {
      ok: false,
      reason: 'not-vit',
      message: `The table "${name}" holds NAS-Bench-201 cells, not ViTs: the lecture compares the proxies on Vision Transformers, so choose or import a ViT table (Auto-Prox, OoD-ViT-NAS or a browser-ViT table).`,
    };
  }
  const fallback = defaultColumn(table);
  if (fallback === undefined) {
    return {
      ok: false,
      reason: 'no-columns',
      message: `The table "${name}" has no value columns to compare against: import it again and tick its accuracy column in the dialog.`,
    };
  }
  const notes: string[] = [];
  let column = fallback;
  if (lecture.column !== '') {
    if (table.columns.includes(lecture.column)) column = lecture.column;
    else
      notes.push(`The table "${name}" has no column "${lecture.column}"; its column "${fallback}" is used.`);
  }
  let space = spaces[0]!;
  if (lecture.tableSpace !== null) {
    if (spaces.includes(lecture.tableSpace)) space = lecture.tableSpace;
    else
      notes.push(
        `The table "${name}" has no ${lectureSpaceLabel(lecture.tableSpace)} rows; its ${lectureSpaceLabel(space)} rows are used.`,
      );
  }
  return { ok: true, table, column, space, spaces, notes };
}

/** The Explorer's "table not loaded" notice (GroundTruthPanel), in the lecture's words. */
export function missingTableText(
  lecture: Pick<LectureState, 'table' | 'column'>,
  sourceHidden = false,
): string {
  const what =
    lecture.column === ''
      ? `the table "${lecture.table}"`
      : `the column "${lecture.column}" of the table "${lecture.table}"`;
  const how = lecture.table.startsWith(TRAINED_PREFIX)
    ? 'it was made by short training in the Explorer; train the same candidates there (same seed and steps give the same accuracies).'
    : sourceHidden
      ? "import that file in the Explorer's Ground truth panel (this link hides the lecture's Networks controls), then come back to this page (links never carry the table itself)."
      : 'import that file with "Import a table…" under Networks to see the plots (links never carry the table itself).';
  return `This lecture compares against ${what}, which is not loaded here: ${how}`;
}

export interface TableLectureCandidates {
  /** The first n rows of the space with a finite value in the column, in table order. */
  archs: string[];
  /** Their values in the column, aligned with archs. */
  accuracies: number[];
  /** Rows of the space in the whole table. */
  inSpace: number;
  /** Rows of the space with a finite value in the column (the candidates are the first n of them). */
  withValue: number;
}

/** The lecture's candidates from a table: the first n rows of `space` with a finite `column` value. */
export function tableLectureCandidates(
  table: GroundTruthTable,
  column: string,
  space: LectureTableSpace,
  n: number,
): TableLectureCandidates {
  const archs: string[] = [];
  const accuracies: number[] = [];
  let inSpace = 0;
  let withValue = 0;
  for (const [arch, values] of table.rows) {
    const parsed = vitFromString(arch);
    if (!parsed.ok) continue;
    const rowSpace = spaceOfVit(parsed.value.space);
    if (rowSpace !== space) continue;
    inSpace++;
    const value = values[column];
    if (value === undefined || !Number.isFinite(value)) continue;
    withValue++;
    if (archs.length < n) {
      archs.push(arch);
      accuracies.push(value);
    }
  }
  return { archs, accuracies, inSpace, withValue };
}
