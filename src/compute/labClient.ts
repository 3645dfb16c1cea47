/**
 * The Spectral Lab's side of its worker: one worker for the page, started on first use, on the
 * backend the page asked for (?backend=…, like the Explorer). Callbacks cross the worker boundary
 * through comlink's proxy(); a record arrives as a structured clone.
 */
import { proxy, type Remote, wrap } from 'comlink';
import type { LabWorkerApi } from '../../workers/lab.worker';
import { type BackendReport, parseBackendPreference } from '../runtime/backends/backendReport';

let worker: { api: Remote<LabWorkerApi>; ready: Promise<BackendReport> } | undefined;

export function labWorker(): { api: Remote<LabWorkerApi>; ready: Promise<BackendReport> } {
  if (!worker) {
    const raw = new Worker(new URL('../../workers/lab.worker.ts', import.meta.url), { type: 'module' });
    const api = wrap<LabWorkerApi>(raw);
    const preference = parseBackendPreference(new URLSearchParams(location.search).get('backend'));
    worker = { api, ready: api.init(preference) };
  }
  return worker;
}

/** A callback the worker can call back (records, rows, progress). */
export const callback = proxy;

/** Asks the running lab computation to stop; it resolves with what it reached. */
export function cancelLab(): void {
  void worker?.api.cancel();
}
