/**
 * Short training of chosen candidates as ground truth: one worker job per candidate (in the
 * training pool, which the Explorer's Cancel does not stop), progress into the training store, each finished accuracy straight into a
 * ground-truth table named after the schedule (trainedTable.ts), so the plots pick it up.
 */
import { candidateCodec } from '../core/spaces/candidateIndex';
import { describeSchedule } from '../core/train/schedule';
import { explorerSchedule, trainedTable, trainedTableName } from '../core/train/trainedTable';
import { getTrainingPool } from './explorerScoring';
import { useExplorerStore } from './explorerStore';
import { updateGeneratedTable } from './groundTruthImport';
import { type TrainRun, useTrainingStore } from './trainingState';

let batch = 0;

/** Trains `cells` of the view's space one after another; a newer call waits for nothing and runs alongside. */
export async function trainCells(cells: readonly number[], steps: number): Promise<void> {
  const { view } = useExplorerStore.getState();
  const schedule = explorerSchedule(view.space, view.seed, steps);
  const label = describeSchedule(schedule);
  const codec = candidateCodec(view.space);
  const set = useTrainingStore.setState;
  const prefix = `t${++batch}`;
  set((s) => ({
    label,
    runs: {
      ...s.runs,
      ...Object.fromEntries(
        cells.map((c): [string, TrainRun] => [
          `${view.space}:${c}`,
          { id: `${prefix}-${c}`, cell: c, space: view.space, status: 'waiting', step: 0, total: steps },
        ]),
      ),
    },
  }));
  const update = (cell: number, patch: Partial<TrainRun>) =>
    set((s) => {
      const key = `${view.space}:${cell}`;
      const run = s.runs[key];
      return run ? { runs: { ...s.runs, [key]: { ...run, ...patch } } } : {};
    });
  await Promise.all(
    cells.map(async (cell) => {
      const id = `${prefix}-${cell}`;
      try {
        const result = await getTrainingPool().train(
          {
            id,
            space: view.space,
            arch: codec.archOf(cell),
            fidelity: view.fidelity,
            dataset: 'cifar10',
            schedule,
          },
          (p) => {
            // A run cancelled while it waited for a worker starts anyway once one is free: stop it.
            if (useTrainingStore.getState().runs[`${view.space}:${cell}`]?.status === 'cancelled') {
              getTrainingPool().cancelTraining(id);
              return;
            }
            update(cell, { status: 'training', step: p.step, total: p.totalSteps, loss: p.loss });
          },
        );
        update(cell, {
          status: 'done',
          step: result.steps,
          accuracy: result.testAccuracy,
          warnings: result.warnings,
        });
        await updateGeneratedTable(trainedTableName(view.space, schedule), (previous) =>
          trainedTable(view.space, schedule, label, [result], previous),
        );
      } catch (error) {
        const cancelled = error instanceof Error && /Cancelled/.test(error.name + error.message);
        update(cell, {
          status: cancelled ? 'cancelled' : 'failed',
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }),
  );
}

/** Stops every training run that is waiting or going. */
export function cancelTrainingRuns(): void {
  const { runs } = useTrainingStore.getState();
  for (const run of Object.values(runs)) {
    if (run.status === 'training' || run.status === 'waiting') getTrainingPool().cancelTraining(run.id);
  }
  useTrainingStore.setState((s) => ({
    runs: Object.fromEntries(
      Object.entries(s.runs).map(([k, r]) => [k, r.status === 'waiting' ? { ...r, status: 'cancelled' } : r]),
    ),
  }));
}
