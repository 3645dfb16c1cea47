/**
 * The lecture's live training: the picked rows of the lecture table, each trained in the training
 * worker pool (apart from the pool the lecture scores with) by the exact job that made its row of the shipped
 * table, with a test-accuracy curve measured on the way. Progress and curve points land in a small
 * store the view draws from; it lives outside the view, so stepping through presentation screens
 * loses nothing. Cancelling stops only these runs (never pool.cancelAll), and cancelling the
 * lecture's scoring leaves them running: the scores on the page stay.
 */
import { create } from 'zustand';
import type { TrainProgress, TrainRequest } from '../../workers/trainApi';
import type { WorkerPool } from '../compute/workerPool';
import {
  LIVE_FULL_STEPS,
  type LiveRun,
  liveEvalEvery,
  liveTrainJob,
  selectionProblem,
  withCurvePoint,
} from '../core/train/liveTraining';
import { describeSchedule } from '../core/train/schedule';
import { getTrainingPool } from './explorerScoring';
import { LECTURE_FIDELITY, LECTURE_SPACE } from './lectureScoring';

export interface LiveBatch {
  /** Increases with every start: progress of an older batch is ignored. */
  id: number;
  steps: number;
  evalEvery: number;
  /** describeSchedule of the schedule every run uses. */
  label: string;
  runs: LiveRun[];
  /** Cancel was pressed; runs still training stop after their current step. */
  cancelling: boolean;
}

export interface LiveTrainingState {
  /** Architectures ticked for training, in the order they were ticked. */
  picked: string[];
  batch: LiveBatch | null;
  /** Why the last press of "Train live" started nothing (plain text). */
  problem: string | null;
}

export const useLiveTraining = create<LiveTrainingState>()(() => ({
  picked: [],
  batch: null,
  problem: null,
}));

/** What the live trainer needs of the pool (the tests pass a fake one). */
export type TrainingPool = Pick<WorkerPool, 'train' | 'cancelTraining'>;

export function setPicked(arch: string, on: boolean): void {
  useLiveTraining.setState((s) => ({
    picked: on
      ? s.picked.includes(arch)
        ? s.picked
        : [...s.picked, arch]
      : s.picked.filter((a) => a !== arch),
    problem: null,
  }));
}

const active = (run: LiveRun) => run.status === 'queued' || run.status === 'training';

export function isTrainingLive(state: LiveTrainingState = useLiveTraining.getState()): boolean {
  return state.batch?.runs.some(active) ?? false;
}

let batches = 0;

function updateRun(batchId: number, runId: string, patch: (run: LiveRun) => Partial<LiveRun> | null): void {
  useLiveTraining.setState((s) => {
    if (!s.batch || s.batch.id !== batchId) return {};
    let changed = false;
    const runs = s.batch.runs.map((run) => {
      if (run.id !== runId) return run;
      const p = patch(run);
      if (!p) return run;
      changed = true;
      return { ...run, ...p };
    });
    return changed ? { batch: { ...s.batch, runs } } : {};
  });
}

function isCancellation(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'TrainingCancelledError' || error.name === 'CancelledError')
  );
}

/**
 * Trains `archs` (1 … LIVE_MAX_NETWORKS) for `steps` steps of the shipped table's schedule, seed 0,
 * side by side as the pool's workers allow (the others wait, queued). `tableOf` gives the table's
 * seed-0 accuracy in percent, shown as each run's target. Resolves when every run has ended; starts
 * nothing, and says why in `problem`, for a bad selection or step count or while a batch still runs.
 */
export async function startLiveTraining(
  archs: readonly string[],
  steps: number,
  tableOf: (arch: string) => number | undefined,
  pool: TrainingPool = getTrainingPool(),
): Promise<void> {
  const set = useLiveTraining.setState;
  const problem =
    selectionProblem(archs.length) ??
    (Number.isInteger(steps) && steps >= 1 && steps <= LIVE_FULL_STEPS
      ? undefined
      : `Training steps must be a whole number from 1 to ${LIVE_FULL_STEPS}, got ${steps}.`) ??
    (isTrainingLive() ? 'A live training is still running: wait for it or cancel it first.' : undefined);
  if (problem) {
    set({ problem });
    return;
  }
  const id = ++batches;
  const evalEvery = liveEvalEvery(steps);
  const jobs = archs.map((arch, i) => ({
    id: `lecture-live-${id}-${i}`,
    ...liveTrainJob(LECTURE_SPACE, LECTURE_FIDELITY, arch, steps),
    evalEvery,
  }));
  const runs = jobs.map((job): LiveRun => {
    const table = tableOf(job.arch);
    return {
      id: job.id,
      arch: job.arch,
      status: 'queued',
      step: 0,
      total: steps,
      curve: [],
      ...(table === undefined ? {} : { table }),
    };
  });
  set({
    problem: null,
    batch: { id, steps, evalEvery, label: describeSchedule(jobs[0]!.schedule), runs, cancelling: false },
  });

  const onProgress = (p: TrainProgress) => {
    const run = useLiveTraining.getState().batch?.runs.find((r) => r.id === p.id);
    // A run cancelled while it waited for a worker starts anyway once one is free: stop it now.
    if (!run || run.status === 'cancelled') {
      pool.cancelTraining(p.id);
      return;
    }
    updateRun(id, p.id, (r) =>
      active(r)
        ? {
            status: 'training',
            step: p.step,
            total: p.totalSteps,
            elapsedMs: p.elapsedMs,
            ...(Number.isFinite(p.loss) ? { loss: p.loss } : {}),
            ...(p.evaluation ? { curve: withCurvePoint(r.curve, p.evaluation) } : {}),
          }
        : null,
    );
  };

  await Promise.all(
    jobs.map(async (job: TrainRequest) => {
      try {
        const result = await pool.train(job, onProgress);
        updateRun(id, job.id, (r) => ({
          status: 'done',
          step: result.steps,
          accuracy: result.testAccuracy,
          ms: result.ms,
          backend: result.backend,
          // The result's curve is complete even if a progress message was lost on the way.
          curve: result.testAccuracyCurve ?? r.curve,
          warnings: result.warnings,
          ...(result.trainLoss.length > 0 ? { loss: result.trainLoss.at(-1)!.loss } : {}),
        }));
      } catch (error) {
        updateRun(id, job.id, (r) =>
          isCancellation(error) || r.status === 'cancelled'
            ? { status: 'cancelled' }
            : { status: 'failed', error: error instanceof Error ? error.message : String(error) },
        );
      }
    }),
  );
  set((s) => (s.batch?.id === id ? { batch: { ...s.batch, cancelling: false } } : {}));
}

/**
 * Stops the live runs: those training stop after their current step, those still queued are marked
 * cancelled at once. Only these runs: the lecture's scores and scoring jobs are left alone.
 */
export function cancelLiveTraining(pool: TrainingPool = getTrainingPool()): void {
  const { batch } = useLiveTraining.getState();
  if (!batch) return;
  for (const run of batch.runs) if (active(run)) pool.cancelTraining(run.id);
  useLiveTraining.setState({
    batch: {
      ...batch,
      cancelling: batch.runs.some((r) => r.status === 'training'),
      runs: batch.runs.map((r) => (r.status === 'queued' ? { ...r, status: 'cancelled' } : r)),
    },
  });
}
