/**
 * Live short training for the lecture ("watch a ground-truth point being made"): the job that made
 * a row of the shipped browser-ViT table (groundTruthJob with the space's short schedule, seed 0),
 * optionally shortened for a quick demo; how often to measure the test-accuracy curve; and the plain
 * words the view shows for a selection, a run's status and the final accuracy against the table's.
 * Pure: the lecture's compute layer runs the jobs in the worker pool.
 */
import type { SpaceId } from '../spaces/architecture';
import type { FidelityPreset } from '../spaces/fidelity';
import { groundTruthJob } from './groundTruthPlan';
import { SHORT_VIT_SCHEDULE, totalSteps } from './schedule';
import type { TrainJob } from './trainJob';

/** At most this many networks train side by side: the chart stays readable and memory bounded. */
export const LIVE_MAX_NETWORKS = 4;

/** The seed every row of the shipped table has (scripts/groundtruth/run.ts's default --seeds 0). */
export const LIVE_SEED = 0;

/** Steps of the schedule the shipped table was trained with (100). */
export const LIVE_FULL_STEPS = totalSteps(SHORT_VIT_SCHEDULE, 0);

/** `npm run groundtruth` always trains on wasm: only a wasm run can reproduce its numbers exactly. */
export const SHIPPED_TABLE_BACKEND = 'wasm';

/** Most test-accuracy measurements between two curve points: see liveEvalEvery. */
const EVAL_EVERY_MAX = 20;

/**
 * The job that made the shipped table's row for `arch` (same space, fidelity, schedule, seed 0), or,
 * with fewer steps, the same schedule cut short (its cosine then decays over the shorter length).
 */
export function liveTrainJob(
  space: SpaceId,
  fidelity: FidelityPreset,
  arch: string,
  steps: number,
): TrainJob {
  const item = { arch, seed: LIVE_SEED };
  return steps === LIVE_FULL_STEPS
    ? groundTruthJob(space, item, fidelity)
    : groundTruthJob(space, item, fidelity, { length: { steps } });
}

/**
 * Steps between two points of the test-accuracy curve. One evaluation of the 1 000 test images
 * costs about as much as 11 training steps of the smallest browser ViT (5.5 s against 0.5 s a
 * step on wasm, measured in Node), so every 20 steps adds 4 evaluations to 100 steps, about 40 %
 * more time, for a curve of 5 points; every 10 would nearly double the run. Short demo runs get a
 * point halfway and one at the end.
 */
export function liveEvalEvery(steps: number): number {
  return Math.min(EVAL_EVERY_MAX, Math.max(1, Math.ceil(steps / 2)));
}

/** The steps at which the curve will have its points (the last is always the final accuracy). */
export function curveSteps(steps: number, evalEvery: number): number[] {
  const out: number[] = [];
  for (let s = evalEvery; s < steps; s += evalEvery) out.push(s);
  out.push(steps);
  return out;
}

/** Why the picked networks cannot be trained live (plain text), or undefined when they can. */
export function selectionProblem(count: number, max = LIVE_MAX_NETWORKS): string | undefined {
  if (count === 0) return `Pick 1 to ${max} networks to train (tick them in the list).`;
  if (count > max)
    return `${count} networks are picked; at most ${max} train live at once (the chart stays readable and the workers keep up). Untick ${count - max}.`;
  return undefined;
}

export type LiveRunStatus = 'queued' | 'training' | 'done' | 'cancelled' | 'failed';

export interface CurvePoint {
  step: number;
  /** Test accuracy as a fraction. */
  accuracy: number;
}

export interface LiveRun {
  id: string;
  arch: string;
  status: LiveRunStatus;
  /** Steps done and in all. */
  step: number;
  total: number;
  /** Mean training loss of the latest reported step. */
  loss?: number;
  /** ms since this run's training began, at the latest report. */
  elapsedMs?: number;
  curve: CurvePoint[];
  /** Final test accuracy as a fraction (done runs). */
  accuracy?: number;
  /** Wall time of the training and its evaluations, ms (done runs). */
  ms?: number;
  backend?: string;
  /** The shipped table's seed-0 accuracy for this network, in percent, when it has one. */
  table?: number;
  warnings?: string[];
  error?: string;
}

/** The curve with `point` added in step order (a second report of the same step replaces the first). */
export function withCurvePoint(curve: readonly CurvePoint[], point: CurvePoint): CurvePoint[] {
  return [...curve.filter((p) => p.step !== point.step), point].sort((a, b) => a.step - b.step);
}

/** A fraction as a percentage with one decimal: 0.298 → "29.8%". */
export function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(100 * fraction).toFixed(1)}%` : '–';
}

export type TableVerdict = 'equal' | 'differs' | 'other-backend' | 'other-length' | 'no-table' | 'diverged';

export interface TableComparison {
  verdict: TableVerdict;
  text: string;
}

/**
 * The finished accuracy against the table's. The table writes 100·accuracy with two decimals, so
 * "equal" means equal at that precision; it is only expected on the table's backend and schedule.
 */
export function compareWithTable(run: {
  accuracy: number;
  table: number | undefined;
  steps: number;
  backend: string;
}): TableComparison {
  const { accuracy, table, steps, backend } = run;
  if (!Number.isFinite(accuracy)) return { verdict: 'diverged', text: 'training diverged: no accuracy' };
  if (table === undefined) return { verdict: 'no-table', text: 'not in the shipped table' };
  const tableText = `${table.toFixed(1)}%`;
  const seed = `seed ${LIVE_SEED}`;
  if (steps !== LIVE_FULL_STEPS)
    return {
      verdict: 'other-length',
      text: `table (${seed}): ${tableText} after ${LIVE_FULL_STEPS} steps; this run had ${steps}, so it is not comparable`,
    };
  const equal = (100 * accuracy).toFixed(2) === table.toFixed(2);
  if (backend !== SHIPPED_TABLE_BACKEND)
    return {
      verdict: 'other-backend',
      text: `table (${seed}): ${tableText}; trained on ${backend}, the table on ${SHIPPED_TABLE_BACKEND}${equal ? ', yet equal' : ', so a small difference is expected'}`,
    };
  return equal
    ? {
        verdict: 'equal',
        text: `table (${seed}): ${tableText}, reproduced exactly on ${SHIPPED_TABLE_BACKEND}`,
      }
    : {
        verdict: 'differs',
        text: `table (${seed}): ${tableText}; differs by ${Math.abs(100 * accuracy - table).toFixed(1)} points on the same backend`,
      };
}

/** Seconds as the status line writes them: "58 s", "2 min 5 s". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** One line per network: queued / step k of n / done: accuracy (table) in time / cancelled / failed. */
export function runStatusText(run: LiveRun): string {
  switch (run.status) {
    case 'queued':
      return 'queued (waits for a free worker)';
    case 'training':
      return `step ${run.step} of ${run.total}${run.elapsedMs === undefined ? '' : ` after ${duration(run.elapsedMs)}`}`;
    case 'cancelled':
      return `cancelled after ${run.step} of ${run.total} steps`;
    case 'failed':
      return `failed: ${run.error ?? 'unknown error'}`;
    case 'done': {
      const comparison = compareWithTable({
        accuracy: run.accuracy ?? Number.NaN,
        table: run.table,
        steps: run.total,
        backend: run.backend ?? '?',
      });
      const time = run.ms === undefined ? '' : ` in ${duration(run.ms)}`;
      return `done: accuracy ${percent(run.accuracy ?? Number.NaN)} (${comparison.text})${time}`;
    }
  }
}
