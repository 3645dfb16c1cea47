/**
 * The worker pool over comlink, with in-process "workers" (a MessageChannel each) standing in for
 * Web Workers: what is tested is the pool's bookkeeping, not the workers.
 */
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { ScoreJob, ScoreResult } from '../core/proxies/scoreJob';
import { isWasmAbort, WorkerPool } from './workerPool';

const job: ScoreJob = {
  space: 'nb201',
  arch: '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  proxy: 'grad_norm',
  params: {},
  seed: 0,
  fidelity: 'paper',
  dataset: 'cifar10-train n=64 seed=0',
};

/** A worker whose score() runs `behave` with the worker's number; terminate() closes its port. */
function fakeWorkers(behave: (worker: number) => Promise<ScoreResult>) {
  let made = 0;
  const terminated: number[] = [];
  const make = () => {
    const id = made++;
    const { port1, port2 } = new MessageChannel();
    expose(
      {
        init: async () => ({ backend: 'wasm', reason: 'test' }),
        score: () => behave(id),
      },
      port2,
    );
    port1.start();
    return Object.assign(port1, {
      terminate: () => {
        terminated.push(id);
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
  return { make, made: () => made, terminated };
}

const ok = (worker: number): ScoreResult => ({
  value: worker,
  details: {},
  warnings: [],
  backend: 'wasm',
  ms: 1,
});

describe('WorkerPool', () => {
  it('recognises an Emscripten abort', () => {
    expect(isWasmAbort(new Error('RuntimeError: Aborted(). Build with -sASSERTIONS for more info.'))).toBe(
      true,
    );
    expect(isWasmAbort(new Error('batch missing'))).toBe(false);
  });

  it('replaces a worker whose WASM module aborted, explains it, and goes on on a fresh worker', async () => {
    const workers = fakeWorkers(async (worker) => {
      if (worker === 0) throw new Error('RuntimeError: Aborted(). Build with -sASSERTIONS for more info.');
      return ok(worker);
    });
    const pool = new WorkerPool(workers.make, 1, 'auto');
    await expect(pool.score(job)).rejects.toThrow(
      /ran out of WebAssembly memory on grad_norm \(paper fidelity\)/,
    );
    expect(workers.terminated).toEqual([0]);
    const next = await pool.score(job);
    expect(next.value).toBe(1);
    expect(workers.made()).toBe(2);
    pool.cancelAll();
  });

  it('hands the fresh worker to a call that was waiting for the dead one', async () => {
    const workers = fakeWorkers(async (worker) => {
      if (worker === 0) throw new Error('Aborted(OOM)');
      return ok(worker);
    });
    const pool = new WorkerPool(workers.make, 1, 'auto');
    const [first, second] = await Promise.allSettled([pool.score(job), pool.score(job)]);
    expect(first.status).toBe('rejected');
    expect(second).toMatchObject({ status: 'fulfilled', value: { value: 1 } });
    pool.cancelAll();
  });

  it('passes other errors through and keeps the worker', async () => {
    const workers = fakeWorkers(async () => {
      throw new Error('public/data/cifar10-train.bin is missing');
    });
    const pool = new WorkerPool(workers.make, 1, 'auto');
    await expect(pool.score(job)).rejects.toThrow(/cifar10-train.bin is missing/);
    await expect(pool.score(job)).rejects.toThrow(/cifar10-train.bin is missing/);
    expect(workers.made()).toBe(1);
    expect(workers.terminated).toEqual([]);
    pool.cancelAll();
  });
});
