/**
 * A small pool of proxy workers behind comlink. Cancel terminates every worker at once and
 * rejects the calls still pending on them (comlink calls on a dead worker never settle
 * otherwise); the next call starts fresh workers.
 */
import { proxy, type Remote, wrap } from 'comlink';
import type { ProxyWorkerApi } from '../../workers/proxy.worker';
import type { TrainProgressCallback, TrainRequest } from '../../workers/trainApi';
import type { ScoreJob, ScoreResult } from '../core/proxies/scoreJob';
import type { WholeSpaceProxy } from '../core/proxies/wholeSpace';
import type { FidelityPreset } from '../core/spaces/fidelity';
import type { TrainJobResult } from '../core/train/trainJob';
import type { BackendPreference, BackendReport } from './backends/backendReport';

export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('cancelled');
  }
}

/** True for the error a dead WASM module throws (Emscripten's abort, e.g. out of memory). */
export function isWasmAbort(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.includes('Aborted(');
}

interface Slot {
  worker: Worker;
  api: Remote<ProxyWorkerApi>;
  ready: Promise<BackendReport>;
  busy: boolean;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private waiting: ((slot: Slot) => void)[] = [];
  private pending = new Set<(error: Error) => void>();
  private training = new Map<string, Slot>();
  /** Jobs handed to workers since the page opened (the UI shows it; tests read it). */
  dispatched = 0;

  constructor(
    private readonly makeWorker: () => Worker,
    private readonly size: number,
    private readonly preference: BackendPreference,
  ) {}

  private ensureSlots(): void {
    while (this.slots.length < this.size) {
      const worker = this.makeWorker();
      const api = wrap<ProxyWorkerApi>(worker);
      this.slots.push({ worker, api, ready: this.guard(api.init(this.preference)), busy: false });
    }
  }

  /** Wraps a worker call so that cancel() can reject it. */
  private guard<T>(call: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const abort = (error: Error) => reject(error);
      this.pending.add(abort);
      call.then(resolve, reject).finally(() => this.pending.delete(abort));
    });
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
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    if (!this.slots.includes(slot)) return;
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  async score(job: ScoreJob): Promise<ScoreResult> {
    const slot = await this.acquire();
    try {
      await slot.ready;
      this.dispatched++;
      return await this.guard(slot.api.score(job));
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
      return await this.guard(slot.api.train(request, onProgress ? proxy(onProgress) : undefined));
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
      return await this.guard(slot.api.wholeSpace(proxy, fidelity));
    } finally {
      this.release(slot);
    }
  }

  /** Terminates one worker and puts a fresh one in its place (handed to a waiting call, if any). */
  private retire(slot: Slot): void {
    slot.worker.terminate();
    this.slots = this.slots.filter((s) => s !== slot);
    this.ensureSlots();
    const fresh = this.slots[this.slots.length - 1]!;
    const next = this.waiting.shift();
    if (next) {
      fresh.busy = true;
      next(fresh);
    }
  }

  /** Stops all work now: terminate the workers, reject every pending call. */
  cancelAll(): void {
    for (const slot of this.slots) slot.worker.terminate();
    this.slots = [];
    const cancelled = new CancelledError();
    for (const abort of this.pending) abort(cancelled);
    this.pending.clear();
    this.waiting = [];
  }
}
