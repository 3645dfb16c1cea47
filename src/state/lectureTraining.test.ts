/**
 * The live trainer against a fake pool that plays a worker's part: the jobs it sends (the shipped
 * table's job, seed 0, with a curve), the store as progress and curve points arrive, cancelling a
 * run that trains and one still queued, and a worker that fails.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainProgressCallback, TrainRequest } from '../../workers/trainApi';
import { SHORT_VIT_SCHEDULE } from '../core/train/schedule';
import type { TrainJobResult } from '../core/train/trainJob';
import {
  cancelLiveTraining,
  setPicked,
  startLiveTraining,
  type TrainingPool,
  useLiveTraining,
} from './lectureTraining';

interface Call {
  request: TrainRequest;
  onProgress: TrainProgressCallback;
  resolve(result: TrainJobResult): void;
  reject(error: Error): void;
}

function fakePool() {
  const calls: Call[] = [];
  const cancelled: string[] = [];
  const cancelAll = vi.fn();
  const pool: TrainingPool & { cancelAll: () => void } = {
    train: (request, onProgress) =>
      new Promise<TrainJobResult>((resolve, reject) => {
        calls.push({ request, onProgress: onProgress!, resolve, reject });
      }),
    cancelTraining: (id) => {
      cancelled.push(id);
    },
    cancelAll,
  };
  return { pool, calls, cancelled, cancelAll };
}

function resultOf(request: TrainRequest, accuracy: number, curve: { step: number; accuracy: number }[]) {
  const steps = 'steps' in request.schedule.length ? request.schedule.length.steps : 0;
  return {
    testAccuracy: accuracy,
    testCorrect: Math.round(accuracy * 1000),
    testCount: 1000,
    trainLoss: [{ step: steps - 1, loss: 1.9 }],
    testAccuracyCurve: curve,
    steps,
    ms: 61_000,
    backend: 'wasm',
    warnings: [],
    space: request.space,
    arch: request.arch,
    fidelity: request.fidelity,
    fidelityNote: '',
    dataset: request.dataset,
    schedule: request.schedule,
    label: '',
  } satisfies TrainJobResult;
}

const runs = () => useLiveTraining.getState().batch!.runs;
const settle = () => new Promise((r) => setTimeout(r, 0));
const TABLE: Record<string, number> = { a: 29.8, b: 27.2 };

beforeEach(() => {
  useLiveTraining.setState({ picked: [], batch: null, problem: null });
});

describe('live training in the lecture', () => {
  it('keeps the ticked networks in ticking order, once each', () => {
    setPicked('b', true);
    setPicked('a', true);
    setPicked('b', true);
    expect(useLiveTraining.getState().picked).toEqual(['b', 'a']);
    setPicked('b', false);
    expect(useLiveTraining.getState().picked).toEqual(['a']);
  });

  it('starts nothing and says why for no network, five networks or a bad step count', async () => {
    const { pool, calls } = fakePool();
    await startLiveTraining([], 100, () => undefined, pool);
    expect(useLiveTraining.getState().problem).toBe('Pick 1 to 4 networks to train (tick them in the list).');
    await startLiveTraining(['a', 'b', 'c', 'd', 'e'], 100, () => undefined, pool);
    expect(useLiveTraining.getState().problem).toContain('at most 4 train live at once');
    await startLiveTraining(['a'], 0, () => undefined, pool);
    expect(useLiveTraining.getState().problem).toBe(
      'Training steps must be a whole number from 1 to 100, got 0.',
    );
    expect(calls).toHaveLength(0);
    expect(useLiveTraining.getState().batch).toBeNull();
  });

  it('trains each network by the shipped table’s job and draws the curve as points arrive', async () => {
    const { pool, calls } = fakePool();
    const done = startLiveTraining(['a', 'b'], 100, (arch) => TABLE[arch], pool);
    await settle();
    expect(calls).toHaveLength(2);
    for (const [i, call] of calls.entries()) {
      expect(call.request).toEqual({
        id: call.request.id,
        space: 'vit-browser',
        arch: ['a', 'b'][i],
        fidelity: 'quick',
        dataset: 'cifar10',
        schedule: { ...SHORT_VIT_SCHEDULE, seed: 0 },
        evalEvery: 20,
      });
    }
    expect(new Set(calls.map((c) => c.request.id)).size).toBe(2);
    expect(runs().map((r) => [r.status, r.table])).toEqual([
      ['queued', 29.8],
      ['queued', 27.2],
    ]);

    const [a, b] = calls as [Call, Call];
    a.onProgress({ id: a.request.id, step: 7, totalSteps: 100, loss: 2.1, elapsedMs: 3000 });
    expect(runs()[0]).toMatchObject({ status: 'training', step: 7, loss: 2.1, curve: [] });
    a.onProgress({
      id: a.request.id,
      step: 20,
      totalSteps: 100,
      loss: 2.0,
      elapsedMs: 9000,
      evaluation: { step: 20, accuracy: 0.18 },
    });
    expect(runs()[0]!.curve).toEqual([{ step: 20, accuracy: 0.18 }]);
    expect(runs()[1]!.status).toBe('queued');

    const curve = [20, 40, 60, 80, 100].map((step) => ({ step, accuracy: step / 400 }));
    a.resolve(resultOf(a.request, 0.25, curve));
    b.reject(new Error('the worker ran out of WebAssembly memory training b and was restarted'));
    await done;
    expect(runs()[0]).toMatchObject({ status: 'done', step: 100, accuracy: 0.25, ms: 61_000, curve });
    expect(runs()[1]).toMatchObject({
      status: 'failed',
      error: 'the worker ran out of WebAssembly memory training b and was restarted',
    });
  });

  it('a short demo run uses the same schedule cut short, with a point halfway', async () => {
    const { pool, calls } = fakePool();
    void startLiveTraining(['a'], 10, (arch) => TABLE[arch], pool);
    await settle();
    expect(calls[0]!.request.schedule).toEqual({ ...SHORT_VIT_SCHEDULE, seed: 0, length: { steps: 10 } });
    expect(calls[0]!.request.evalEvery).toBe(5);
    expect(useLiveTraining.getState().batch!.label).toContain('10 steps of AdamW');
  });

  it('cancel stops the running and the queued runs and nothing else', async () => {
    const { pool, calls, cancelled, cancelAll } = fakePool();
    const done = startLiveTraining(['a', 'b'], 100, (arch) => TABLE[arch], pool);
    await settle();
    const [a, b] = calls as [Call, Call];
    a.onProgress({ id: a.request.id, step: 12, totalSteps: 100, loss: 2.0, elapsedMs: 5000 });
    // A second start while this one runs is refused.
    await startLiveTraining(['a'], 100, () => undefined, pool);
    expect(useLiveTraining.getState().problem).toBe(
      'A live training is still running: wait for it or cancel it first.',
    );
    expect(calls).toHaveLength(2);

    cancelLiveTraining(pool);
    expect(cancelled).toEqual([a.request.id, b.request.id]);
    expect(runs().map((r) => r.status)).toEqual(['training', 'cancelled']);
    expect(useLiveTraining.getState().batch!.cancelling).toBe(true);
    // The queued run gets a worker later and reports its first step: it is stopped again, not shown.
    b.onProgress({ id: b.request.id, step: 1, totalSteps: 100, loss: 2.3, elapsedMs: 400 });
    expect(cancelled).toEqual([a.request.id, b.request.id, b.request.id]);
    expect(runs()[1]).toMatchObject({ status: 'cancelled', step: 0 });

    const stop = new Error('training cancelled after 13 step(s)');
    stop.name = 'TrainingCancelledError';
    a.reject(stop);
    b.reject(stop);
    await done;
    expect(runs().map((r) => [r.status, r.step])).toEqual([
      ['cancelled', 12],
      ['cancelled', 0],
    ]);
    expect(useLiveTraining.getState().batch!.cancelling).toBe(false);
    expect(cancelAll).not.toHaveBeenCalled();
  });
});
