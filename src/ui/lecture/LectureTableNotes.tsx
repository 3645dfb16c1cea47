/**
 * What the lecture says when its networks come from an imported table: the names its axes,
 * explanation, claim and definitions use, why a scatter is empty, which rows are shown (or which
 * table to import), and why live training does not apply.
 */

import { vitResolution } from '../../core/spaces/architecture';
import { SPACES } from '../../core/spaces/registry';
import { LECTURE_FIDELITY } from '../../state/lectureScoring';
import type { LectureState, LectureTableSpace } from '../../state/lectureState';
import { type LectureTableChoice, lectureSpaceLabel } from '../../state/lectureTable';
import type { ExplainSubject } from './LectureStats';

/** The names a table source gives the axes, the explanation, the claim and the definitions. */
export function tableLabels(choice: Extract<LectureTableChoice, { ok: true }>): {
  axis: string;
  subject: ExplainSubject;
  claim: string;
  definition: string;
} {
  const { table, column, space } = choice;
  const kind = lectureSpaceLabel(space);
  const px = inputPx(space);
  return {
    axis: `${column} (${table.name})`,
    subject: { networks: `${kind} networks of the table "${table.name}"`, accuracy: `their ${column}` },
    claim: `${kind} networks from the table "${table.name}", whose ${column} the table gives`,
    definition: `the first rows of the imported table "${table.name}" (${kind}) with a value in ${column}, at ${LECTURE_FIDELITY} fidelity (${px} px input)`,
  };
}

/** The input size the lecture scores a space's networks at (64 px for AutoFormer at quick fidelity). */
function inputPx(space: LectureTableSpace): number {
  return vitResolution(SPACES[space].vit ?? 'browser', LECTURE_FIDELITY);
}

/** What an empty scatter says: why there is nothing to plot yet. */
export function scatterEmptyText(
  source: LectureState['source'],
  choice: LectureTableChoice | null,
  networks: number,
  noAccuracy: boolean,
): string {
  if (source === 'table' && choice && !choice.ok)
    return choice.reason === 'missing'
      ? 'No accuracy yet: the table this lecture names is not loaded here (see the notice above).'
      : 'No accuracy yet: choose a table of ViTs above.';
  if (networks === 0) return 'No accuracy yet: there are no networks to plot.';
  if (noAccuracy) return 'No accuracy yet for these networks: nothing to plot against.';
  return 'The points appear as the scores land.';
}

/** What the table source says above the plots: a missing table, what was used instead, which rows. */
export function TableSourceNotes({
  tableName,
  choice,
  loaded,
  n,
  shown,
  inSpace,
  withValue,
}: {
  tableName: string;
  choice: LectureTableChoice | null;
  loaded: boolean;
  n: number;
  shown: number;
  inSpace: number;
  withValue: number;
}) {
  if (!choice) return null;
  if (!choice.ok) {
    // Before the stored tables are read, "not loaded" would only flash.
    if (!loaded && choice.reason === 'missing') return null;
    return choice.reason === 'missing' ? (
      <div className="notice" role="status" data-testid="lec-table-needed" data-table={tableName}>
        {choice.message}
      </div>
    ) : (
      <p className={choice.reason === 'none' ? 'meta' : 'notice'} data-testid="lec-table-problem">
        {choice.message}
      </p>
    );
  }
  const kind = lectureSpaceLabel(choice.space);
  return (
    <>
      {choice.notes.map((note) => (
        <p key={note} className="notice" data-testid="lec-table-note">
          {note}
        </p>
      ))}
      <p
        className="meta"
        data-testid="lec-table-info"
        data-table={choice.table.name}
        data-column={choice.column}
        data-space={choice.space}
        data-shown={shown}
        data-with-value={withValue}
      >
        {withValue === 0
          ? `The table "${choice.table.name}" has ${inSpace} ${kind} rows, none with a value in ${choice.column}: choose another column.`
          : `Networks: the first ${shown} of the ${withValue} ${kind} rows of "${choice.table.name}" with a value in ${choice.column}` +
            (withValue < inSpace
              ? ` (${inSpace - withValue} of its ${inSpace} ${kind} rows have none)`
              : '') +
            (shown < n ? `; ${n} were asked for, all ${shown} are used` : '') +
            `. Scored at ${LECTURE_FIDELITY} fidelity, ${inputPx(choice.space)} px input` +
            (SPACES[choice.space].ours
              ? '.'
              : ': published ViTs take far longer to score than the browser ViTs.')}
      </p>
    </>
  );
}

/** Live training is for the shipped table's browser ViTs; an imported table's rows were trained elsewhere. */
export function NoLiveTraining({ choice, large }: { choice: LectureTableChoice | null; large: boolean }) {
  const name = choice?.ok ? `"${choice.table.name}"` : 'an imported table';
  return (
    <section className="lec-section lec-live" data-testid="lec-train-na">
      {!large && <h2>Train live</h2>}
      <p>
        Live training does not apply to {name}: it trains the browser-sized ViTs of the shipped table here, by
        the schedule that made that table's accuracies, so the curve can be checked against the table. The
        rows of an imported table were trained elsewhere, by their authors' recipe and at a scale a browser
        tab cannot repeat. Choose "the shipped table" as the source to train networks live.
      </p>
    </section>
  );
}
