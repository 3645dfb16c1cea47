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

/**
 * A worker whose score() runs `behave` with the worker's number; terminate() closes its port.
 * Each records the backend preference it was started with; the first `gpu` workers report WebGPU
 * when asked for 'auto', the others what they were asked for ('auto' → wasm).
 */
function fakeWorkers(behave: (worker: number) => Promise<ScoreResult>, gpu = 0) {
  let made = 0;
  const terminated: number[] = [];
  const preferences: string[] = [];
  const ports: MessagePort[] = [];
  const make = () => {
    const id = made++;
    const { port1, port2 } = new MessageChannel();
    expose(
      {
        init: async (preference: string) => {
          preferences[id] = preference;
          const name = preference === 'auto' ? (id < gpu ? 'webgpu' : 'wasm') : preference;
          return { name, label: name, reason: 'test' };
        },
        score: () => behave(id),
      },
      port2,
    );
    port1.start();
    ports[id] = port1;
    return Object.assign(port1, {
      terminate: () => {
        terminated.push(id);
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
  /** The worker dies as a browser reports it: an error event on the Worker object. */
  // (Node has no ErrorEvent: an Event with the message a browser's ErrorEvent carries.)
  const kill = (id: number, message: string) =>
    ports[id]!.dispatchEvent(Object.assign(new Event('error'), { message }));
  return { make, made: () => made, terminated, preferences, kill };
}

const never = () => new Promise<ScoreResult>(() => {});

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

  it('fails the job of a worker that dies (WebGPU device lost) with the reason, and scores it once more on the next backend', async () => {
    const workers = fakeWorkers(async (worker) => (worker === 0 ? never() : ok(worker)), 1);
    const replaced: { reason: string; from?: string; to: string }[] = [];
    const pool = new WorkerPool(workers.make, 1, 'auto', ({ reason, from, ready }) =>
      ready.then((to) => replaced.push({ reason, ...(from ? { from } : {}), to: to.name })),
    );
    expect((await pool.backend()).name).toBe('webgpu');
    const scored = pool.score(job);
    await new Promise((r) => setTimeout(r, 20));
    workers.kill(0, 'GPUDevice lost: the device was lost');
    expect((await scored).value).toBe(1);
    expect(workers.terminated).toEqual([0]);
    expect(workers.preferences).toEqual(['auto', 'wasm']);
    // The page is told, so it can say which backend runs now.
    expect(replaced).toEqual([
      {
        reason: 'the worker stopped with an uncaught error: GPUDevice lost: the device was lost',
        from: 'webgpu',
        to: 'wasm',
      },
    ]);
    pool.cancelAll();
  });

  it('gives up after the second death, saying why both times', async () => {
    const workers = fakeWorkers(() => never());
    const pool = new WorkerPool(workers.make, 1, 'auto');
    const outcome = pool.score(job).then(
      () => null,
      (error: Error) => error,
    );
    await new Promise((r) => setTimeout(r, 20));
    workers.kill(0, 'first');
    await new Promise((r) => setTimeout(r, 20));
    workers.kill(1, 'second');
    const error = await outcome;
    expect(error?.name).toBe('WorkerDiedError');
    expect(error?.message).toMatch(/uncaught error: second.*twice: .*uncaught error: first/);
    await new Promise((r) => setTimeout(r, 20));
    // wasm → cpu, and cpu stays cpu.
    expect(workers.preferences).toEqual(['auto', 'cpu', 'cpu']);
    pool.cancelAll();
  });

  it('settles every caller on cancel, those waiting for a worker too', async () => {
    const workers = fakeWorkers(() => never());
    const pool = new WorkerPool(workers.make, 1, 'auto');
    const calls = [pool.score(job), pool.score(job), pool.wholeSpace('params', 'quick')];
    await new Promise((r) => setTimeout(r, 20));
    pool.cancelAll();
    const settled = await Promise.race([
      Promise.allSettled(calls),
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 500)),
    ]);
    expect(settled).not.toBe('hung');
    for (const s of settled as PromiseSettledResult<unknown>[]) {
      expect(s).toMatchObject({ status: 'rejected', reason: { name: 'CancelledError' } });
    }
  });
});
