/**
 * The Spectral Lab's paper preset (Rahaman et al.: 5 hidden layers of 256, Adam 3e-4, full batch
 * of 200 points) in iterations per second on each backend, from a short run (the full 60 000
 * iterations would take about an hour on wasm and most of a day on cpu; the rate is what matters).
 */
import { FIT_PRESETS, fitSignal, presetFitConfig } from '../src/core/lab/fitSignal';
import { tf } from '../src/core/nn/tf';

export interface LabSpeed {
  backend: string;
  iterations: number;
  seconds: number;
  iterationsPerSecond: number;
  /** Hours the preset's 60 000 iterations take at this rate. */
  paperRunHours: number;
}

export async function labPaperSpeed(backend: string, iterations: number): Promise<LabSpeed> {
  await tf.setBackend(backend);
  const config = {
    ...presetFitConfig('paper', { kind: 'preset', preset: 'equal', phaseSeed: 0 }),
    iterations,
    recordEvery: iterations,
  };
  await fitSignal({ ...config, iterations: 2, recordEvery: 2 }); // warm-up: kernels compiled, memory grown
  const start = performance.now();
  await fitSignal(config);
  const seconds = (performance.now() - start) / 1000;
  const rate = iterations / seconds;
  return {
    backend,
    iterations,
    seconds: Math.round(seconds * 100) / 100,
    iterationsPerSecond: Math.round(rate * 10) / 10,
    paperRunHours: Math.round((FIT_PRESETS.paper.iterations / rate / 3600) * 100) / 100,
  };
}
