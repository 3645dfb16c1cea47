/**
 * A small pool of proxy workers behind comlink. Every call settles: cancel terminates every worker
 * at once and rejects the calls pending on them and those still waiting for a worker (comlink calls
 * on a dead worker never settle otherwise); a worker that dies (an uncaught error, a message it
 * cannot read, a lost WebGPU device) rejects its calls with the reason, is replaced by one on the
 * next backend (WebGPU → WASM → CPU), and a score job it held is tried once more there. The next
 * call after a cancel starts fresh workers.
 */
import { proxy, type Remote, wrap } from 'comlink';
import type { ProxyWorkerApi } from '../../workers/proxy.worker';
import type { TrainProgressCallback, TrainRequest } from '../../workers/trainApi';
import type { ScoreJob, ScoreResult } from '../core/proxies/scoreJob';
import type { WholeSpaceProxy } from '../core/proxies/wholeSpace';
import type { FidelityPreset } from '../core/spaces/fidelity';
import type { TrainJobResult } from '../core/train/trainJob';
import type { BackendName, BackendPreference, BackendReport } from '../runtime/backends/backendReport';

export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('cancelled');
  }
}

/** A worker died under a call: the call is rejected with why. */
export class WorkerDiedError extends Error {
  override name = 'WorkerDiedError';
}

/** Where a dead worker's replacement starts: the backend after the one it ran on. */
const NEXT_BACKEND: Record<BackendName, BackendName> = { webgpu: 'wasm', wasm: 'cpu', cpu: 'cpu' };

/** True for the error a dead WASM module throws (Emscripten's abort, e.g. out of memory). */
export function isWasmAbort(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.includes('Aborted(');
}

interface Slot {
  worker: Worker;
  api: Remote<ProxyWorkerApi>;
  ready: Promise<BackendReport>;
  /** The backend it reported, once it has (a dead slot's replacement starts on the next one). */
  backend?: BackendName;
  busy: boolean;
  /** Rejecters of the calls in flight on this worker. */
  pending: Set<(error: Error) => void>;
}

/** A worker died and another took its place: why, the backend it ran on, and the replacement's start. */
export interface WorkerReplaced {
  reason: string;
  from?: BackendName;
  ready: Promise<BackendReport>;
}

interface Waiter {
  resolve: (slot: Slot) => void;
  reject: (error: Error) => void;
}

/** The call, rejectable through `pending` (cancel, a dying worker) until it settles. */
function guarded<T>(pending: Set<(error: Error) => void>, call: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = (error: Error) => reject(error);
    pending.add(abort);
    call.then(resolve, reject).finally(() => pending.delete(abort));
  });
}

export class WorkerPool {
  private slots: Slot[] = [];
  private waiting: Waiter[] = [];
  private training = new Map<string, Slot>();
  /** Jobs handed to workers since the page opened (the UI shows it; tests read it). */
  dispatched = 0;

  constructor(
    private readonly makeWorker: () => Worker,
    private readonly size: number,
    private readonly preference: BackendPreference,
    private readonly onReplaced: (event: WorkerReplaced) => void = () => {},
  ) {}

  private ensureSlots(preference: BackendPreference = this.preference): void {
    while (this.slots.length < this.size) this.slots.push(this.startSlot(preference));
  }

  private startSlot(preference: BackendPreference): Slot {
    const worker = this.makeWorker();
    const api = wrap<ProxyWorkerApi>(worker);
    const pending = new Set<(error: Error) => void>();
    const ready = guarded(pending, api.init(preference)).then((report) => {
      slot.backend = report.name;
      return report;
    });
    // Keep an unhandled rejection out of the console when nobody awaits a dead worker's start.
    ready.catch(() => {});
    const slot: Slot = { worker, api, ready, busy: false, pending };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const message = (event as ErrorEvent).message;
      this.died(slot, `the worker stopped with an uncaught error${message ? `: ${message}` : ''}`);
    });
    worker.addEventListener('messageerror', () =>
      this.died(slot, 'the worker received a message it could not read'),
    );
    return slot;
  }

  /** Wraps a worker call so that cancel() and a dying worker can reject it. */
  private guard<T>(slot: Slot, call: Promise<T>): Promise<T> {
    return guarded(slot.pending, call);
  }

  /** A worker died: its calls fail with the reason, and a fresh worker on the next backend takes its place. */
  private died(slot: Slot, reason: string): void {
    if (!this.slots.includes(slot)) return;
    const error = new WorkerDiedError(reason);
    for (const abort of slot.pending) abort(error);
    slot.pending.clear();
    this.retire(slot, slot.backend ? NEXT_BACKEND[slot.backend] : this.preference);
    const fresh = this.slots[this.slots.length - 1]!;
    this.onReplaced({ reason, ...(slot.backend ? { from: slot.backend } : {}), ready: fresh.ready });
  }

  /** The backend the workers run on (starts them if needed). */
  backend(): Promise<BackendReport> {
    this.ensureSlots();
    return this.slots[0]!.ready;
  }

  private acquire(): Promise<Slot> {
    this.ensureSlots();
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(slot: Slot): void {
    if (!this.slots.includes(slot)) return;
    const next = this.waiting.shift();
    if (next) next.resolve(slot);
    else slot.busy = false;
  }

  /** Scores a job; if its worker dies under it, once more on the replacement (the next backend). */
  async score(job: ScoreJob): Promise<ScoreResult> {
    try {
      return await this.scoreOnce(job);
    } catch (error) {
      if (!(error instanceof WorkerDiedError)) throw error;
      try {
        return await this.scoreOnce(job);
      } catch (again) {
        if (!(again instanceof WorkerDiedError)) throw again;
        throw new WorkerDiedError(
          `${again.message} (twice: ${error.message}; tried again on a fresh worker)`,
        );
      }
    }
  }

  private async scoreOnce(job: ScoreJob): Promise<ScoreResult> {
    const slot = await this.acquire();
    try {
      await slot.ready;
      this.dispatched++;
      return await this.guard(slot, slot.api.score(job));
    } catch (error) {
      if (!isWasmAbort(error)) throw error;
      // An Emscripten abort (the WASM heap, 4 GB at most, ran out) leaves the module dead: every
      // later job on this worker would fail. Replace the worker and say what happened.
      this.retire(slot);
      throw new Error(
        `the worker ran out of WebAssembly memory on ${job.proxy} (${job.fidelity} fidelity) and was restarted; ` +
          'try the quick fidelity or a smaller batch',
      );
    } finally {
      this.release(slot);
    }
  }

  /**
   * Trains one candidate in a worker (busy for the whole run). cancelTraining(id) stops it between
   * two steps; the call then rejects with an error named TrainingCancelledError.
   */
  async train(request: TrainRequest, onProgress?: TrainProgressCallback): Promise<TrainJobResult> {
    const slot = await this.acquire();
    this.training.set(request.id, slot);
    try {
      await slot.ready;
      return await this.guard(slot, slot.api.train(request, onProgress ? proxy(onProgress) : undefined));
    } catch (error) {
      if (!isWasmAbort(error)) throw error;
      this.retire(slot);
      throw new Error(`the worker ran out of WebAssembly memory training ${request.arch} and was restarted`);
    } finally {
      this.training.delete(request.id);
      this.release(slot);
    }
  }

  /** Asks the worker training run `id` to stop after its current step. */
  cancelTraining(id: string): void {
    void this.training.get(id)?.api.cancelTraining(id);
  }

  /** A data-free proxy for the whole NB201 space, computed in one worker call. */
  async wholeSpace(proxy: WholeSpaceProxy, fidelity: FidelityPreset): Promise<Float64Array> {
    const slot = await this.acquire();
    try {
      await slot.ready;
      return await this.guard(slot, slot.api.wholeSpace(proxy, fidelity));
    } finally {
      this.release(slot);
    }
  }

  /** Terminates one worker and puts a fresh one in its place (handed to a waiting call, if any). */
  private retire(slot: Slot, preference: BackendPreference = this.preference): void {
    slot.worker.terminate();
    this.slots = this.slots.filter((s) => s !== slot);
    this.ensureSlots(preference);
    const fresh = this.slots[this.slots.length - 1]!;
    const next = this.waiting.shift();
    if (next) {
      fresh.busy = true;
      next.resolve(fresh);
    }
  }

  /** Stops all work now: terminate the workers, reject every call in flight or waiting for a worker. */
  cancelAll(): void {
    const cancelled = new CancelledError();
    for (const slot of this.slots) {
      slot.worker.terminate();
      for (const abort of slot.pending) abort(cancelled);
      slot.pending.clear();
    }
    this.slots = [];
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.reject(cancelled);
  }
}
