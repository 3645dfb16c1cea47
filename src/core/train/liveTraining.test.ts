import { describe, expect, it } from 'vitest';
import {
  compareWithTable,
  curveSteps,
  duration,
  LIVE_FULL_STEPS,
  type LiveRun,
  liveEvalEvery,
  liveTrainJob,
  percent,
  runStatusText,
  selectionProblem,
  withCurvePoint,
} from './liveTraining';
import { SHORT_VIT_SCHEDULE } from './schedule';

describe('the live-training job', () => {
  it('is the shipped table’s job: short-vit schedule, 100 steps, seed 0, cifar10', () => {
    const job = liveTrainJob('vit-browser', 'quick', 'vit:web:e64:m2,2:h2,4', 100);
    expect(LIVE_FULL_STEPS).toBe(100);
    expect(job).toEqual({
      space: 'vit-browser',
      arch: 'vit:web:e64:m2,2:h2,4',
      fidelity: 'quick',
      dataset: 'cifar10',
      schedule: { ...SHORT_VIT_SCHEDULE, seed: 0 },
    });
    expect(job.schedule.length).toEqual({ steps: 100 });
    expect(job.schedule.optimizer).toBe('adam');
  });

  it('cut short changes the length only', () => {
    const full = liveTrainJob('vit-browser', 'quick', 'a', 100);
    const short = liveTrainJob('vit-browser', 'quick', 'a', 10);
    expect(short.schedule).toEqual({ ...full.schedule, length: { steps: 10 } });
  });
});

describe('the curve', () => {
  it('is measured every 20 steps of 100 (5 points) and twice in a short run', () => {
    expect(liveEvalEvery(100)).toBe(20);
    expect(curveSteps(100, 20)).toEqual([20, 40, 60, 80, 100]);
    expect(liveEvalEvery(10)).toBe(5);
    expect(curveSteps(10, 5)).toEqual([5, 10]);
    expect(liveEvalEvery(7)).toBe(4);
    expect(curveSteps(7, 4)).toEqual([4, 7]);
    expect(liveEvalEvery(1)).toBe(1);
    expect(curveSteps(1, 1)).toEqual([1]);
  });

  it('takes points in step order, a repeated step replacing the earlier value', () => {
    let curve = withCurvePoint([], { step: 40, accuracy: 0.2 });
    curve = withCurvePoint(curve, { step: 20, accuracy: 0.15 });
    curve = withCurvePoint(curve, { step: 40, accuracy: 0.25 });
    expect(curve).toEqual([
      { step: 20, accuracy: 0.15 },
      { step: 40, accuracy: 0.25 },
    ]);
  });
});

describe('what the lecturer is told', () => {
  it('names the limit when too few or too many networks are picked', () => {
    expect(selectionProblem(0)).toBe('Pick 1 to 4 networks to train (tick them in the list).');
    expect(selectionProblem(1)).toBeUndefined();
    expect(selectionProblem(4)).toBeUndefined();
    expect(selectionProblem(6)).toContain('6 networks are picked; at most 4 train live at once');
    expect(selectionProblem(6)).toContain('Untick 2.');
  });

  it('calls a result equal to the table only at the table’s two decimals, backend and length', () => {
    expect(compareWithTable({ accuracy: 0.298, table: 29.8, steps: 100, backend: 'wasm' })).toEqual({
      verdict: 'equal',
      text: 'table (seed 0): 29.8%, reproduced exactly on wasm',
    });
    expect(compareWithTable({ accuracy: 0.296, table: 29.8, steps: 100, backend: 'wasm' })).toEqual({
      verdict: 'differs',
      text: 'table (seed 0): 29.8%; differs by 0.2 points on the same backend',
    });
    expect(compareWithTable({ accuracy: 0.296, table: 29.8, steps: 100, backend: 'webgpu' }).verdict).toBe(
      'other-backend',
    );
    expect(compareWithTable({ accuracy: 0.201, table: 29.8, steps: 10, backend: 'wasm' })).toEqual({
      verdict: 'other-length',
      text: 'table (seed 0): 29.8% after 100 steps; this run had 10, so it is not comparable',
    });
    expect(compareWithTable({ accuracy: 0.2, table: undefined, steps: 100, backend: 'wasm' }).verdict).toBe(
      'no-table',
    );
    expect(compareWithTable({ accuracy: Number.NaN, table: 29.8, steps: 100, backend: 'wasm' }).verdict).toBe(
      'diverged',
    );
  });

  it('writes each status in words', () => {
    const run: LiveRun = { id: 'x', arch: 'a', status: 'queued', step: 0, total: 100, curve: [] };
    expect(runStatusText(run)).toBe('queued (waits for a free worker)');
    expect(runStatusText({ ...run, status: 'training', step: 37 })).toBe('step 37 of 100');
    expect(runStatusText({ ...run, status: 'training', step: 37, elapsedMs: 21_600 })).toBe(
      'step 37 of 100 after 22 s',
    );
    expect(runStatusText({ ...run, status: 'cancelled', step: 12 })).toBe('cancelled after 12 of 100 steps');
    expect(runStatusText({ ...run, status: 'failed', error: 'out of memory' })).toBe('failed: out of memory');
    expect(
      runStatusText({
        ...run,
        status: 'done',
        step: 100,
        accuracy: 0.298,
        table: 29.8,
        backend: 'wasm',
        ms: 125_400,
      }),
    ).toBe('done: accuracy 29.8% (table (seed 0): 29.8%, reproduced exactly on wasm) in 2 min 5 s');
  });

  it('formats percentages and durations', () => {
    expect(percent(0.298)).toBe('29.8%');
    expect(percent(Number.NaN)).toBe('–');
    expect(duration(58_400)).toBe('58 s');
    expect(duration(60_000)).toBe('1 min 0 s');
  });
});
