/// <reference lib="webworker" />
/**
 * The Spectral Lab's worker: runs the lab core (src/core/lab) on the backend selectBackend()
 * verified and streams records back through comlink-proxied callbacks. One computation at a time
 * per worker; cancel() stops it between two steps (the call then resolves with what it reached).
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { expose } from 'comlink';
import { type FitSignalConfig, fitSignal, type SignalRecord } from '../src/core/lab/fitSignal';
import { type FitImageConfig, fitImage, type ImageRecord } from '../src/core/lab/imageRegression';
import {
  type NtkConvergenceConfig,
  type NtkConvergenceRow,
  ntkConvergence,
} from '../src/core/lab/ntkConvergence';
import { labNtkSpectrum, type NtkSpectrumConfig } from '../src/core/lab/ntkSpectrum';
import { type PrecondConfig, type PrecondFrequency, precondComparison } from '../src/core/lab/precondGd';
import {
  type ResidualConfig,
  type ResidualRecord,
  residualProjections,
} from '../src/core/lab/residualProjections';
import type { BackendPreference, BackendReport } from '../src/runtime/backends/backendReport';
import { selectBackend } from '../src/runtime/backends/selectBackend';

const wasmFiles = {
  'tfjs-backend-wasm.wasm': new URL(wasmPlain, self.location.href).href,
  'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, self.location.href).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreaded, self.location.href).href,
};

let report: Promise<BackendReport> | undefined;
let current: AbortController | undefined;

/** Waits for the backend, then runs `work` with a fresh abort signal (cancelling any earlier run). */
async function run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (!report) throw new Error('lab worker used before init()');
  await report;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  try {
    return await work(controller.signal);
  } finally {
    if (current === controller) current = undefined;
  }
}

const api = {
  init(preference: BackendPreference): Promise<BackendReport> {
    report ??= selectBackend(preference, wasmFiles);
    return report;
  },
  /** Stops the running computation between two steps. */
  cancel(): void {
    current?.abort();
  },
  fitSignal(config: FitSignalConfig, onRecord: (record: SignalRecord) => void) {
    return run((signal) => fitSignal(config, { onRecord, signal }));
  },
  fitImage(config: FitImageConfig, onRecord: (record: ImageRecord) => void) {
    return run((signal) => fitImage(config, { onRecord, signal }));
  },
  ntkSpectrum(config: NtkSpectrumConfig) {
    return run(() => labNtkSpectrum(config));
  },
  ntkConvergence(widths: number[], config: NtkConvergenceConfig, onRow: (row: NtkConvergenceRow) => void) {
    return run((signal) => ntkConvergence(widths, config, { onRow, signal }));
  },
  residualProjections(config: ResidualConfig, onRecord: (record: ResidualRecord) => void) {
    return run((signal) => residualProjections(config, { onRecord, signal }));
  },
  precondComparison(config: PrecondConfig, onFrequency: (result: PrecondFrequency) => void) {
    return run((signal) => precondComparison(config, { onFrequency, signal }));
  },
};

export type LabWorkerApi = typeof api;
expose(api);
