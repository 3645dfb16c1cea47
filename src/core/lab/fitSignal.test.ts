import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { onWasm } from '../../test/onWasm';
import { tf } from '../nn/tf';
import type { MlpMapping } from '../spaces/mlp/mlp';
import {
  FIT_PRESETS,
  type FitSignalConfig,
  fitSignal,
  fitSignalProblems,
  presetFitConfig,
  type SignalRecord,
} from './fitSignal';
import { iterationsToReach } from './spectrum1d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const EQUAL = { kind: 'preset', preset: 'equal', phaseSeed: 0 } as const;

/**
 * The paper's equal-amplitude target (k = 5..50, 200 points) and measuring, shortened: 4 x 32 ReLU
 * instead of 5 x 256, Adam 1e-2 instead of 3e-4, a few hundred iterations instead of 60 000.
 */
function shortened(mapping: MlpMapping, iterations = 300): FitSignalConfig {
  return {
    arch: { inputDim: 1, depth: 4, width: 32, activation: 'relu', mapping, outputs: 1 },
    target: EQUAL,
    optimizer: 'adam',
    lr: 1e-2,
    iterations,
    recordEvery: 20,
    seed: 0,
  };
}

/** A small network for the cpu-backend checks of bookkeeping (not of learning). */
function tiny(mapping: MlpMapping): FitSignalConfig {
  return {
    ...shortened(mapping),
    arch: { inputDim: 1, depth: 2, width: 8, activation: 'relu', mapping, outputs: 1 },
  };
}

async function run(config: FitSignalConfig) {
  const records: SignalRecord[] = [];
  const result = await fitSignal(config, { onRecord: (r) => records.push(r) });
  return { result, records, reach: iterationsToReach(records, 0.9) };
}

describe('fitSignal: the spectral-bias experiment (Rahaman et al. 2019)', () => {
  it('records at 0, every recordEvery and at the end; loss and magnitudes are read off the prediction', async () => {
    const { result, records } = await run({ ...tiny({ kind: 'none' }), iterations: 50, recordEvery: 20 });
    expect(records.map((r) => r.iteration)).toEqual([0, 20, 40, 50]);
    expect(result.status).toBe('done');
    expect(result.iterations).toBe(50);
    expect(result.last).toBe(records[3]);
    const target = result.target.values;
    const last = records[3]!;
    expect(last.prediction).toHaveLength(200);
    let mse = 0;
    for (let j = 0; j < 200; j++) mse += (last.prediction[j]! - target[j]!) ** 2;
    expect(last.loss).toBeCloseTo(mse / 200, 10);
    // Equal amplitudes: the normalised magnitude is the learned amplitude itself.
    expect(Array.from(last.magnitudes)).toEqual(Array.from(last.amplitudes));
    // The initial network is nearly flat next to the target, so its loss is about the target's
    // power Σ A²/2 = 5; training lowers it.
    expect(records[0]!.loss).toBeGreaterThan(4.5);
    expect(last.loss).toBeLessThan(records[0]!.loss);
  });

  it('(a) equal amplitudes, the quick preset (4 x 64, Adam 5e-3) for 800 iterations: k = 5 reaches 0.9 before k = 50', async () => {
    // Seeds 0..3 reach 0.9 at k = 5 by iterations 380, 280, 540, 400 (k = 50 stays ≤ 0.05) on wasm.
    const { reach, result } = await onWasm(() =>
      run({ ...presetFitConfig('quick', EQUAL), iterations: 800 }),
    );
    expect(reach).toHaveLength(10);
    const k5 = reach[0] ?? null;
    const k50 = reach[9] ?? null;
    expect(k5).not.toBeNull();
    expect(k50 === null || k5! < k50).toBe(true);
    // And at the end the lowest frequency is far better learned than the highest.
    expect(result.last.magnitudes[0]! - result.last.magnitudes[9]!).toBeGreaterThan(0.5);
  });

  it('(b) 4 x 32, Adam 1e-2, 300 iterations: with Gaussian features σ = 10, k = 50 reaches 0.9 sooner than without a mapping', async () => {
    // Seeds 0..2 with m = 64 features reach it at iteration 60; without a mapping it stays below 0.1.
    const gaussian: MlpMapping = { kind: 'gaussian', sigma: 10, features: 64, seed: 0 };
    const [withMapping, without] = await onWasm(async () => [
      (await run(shortened(gaussian))).reach[9] ?? null,
      (await run(shortened({ kind: 'none' }))).reach[9] ?? null,
    ]);
    expect(withMapping).not.toBeNull();
    expect(without === null || withMapping! < without).toBe(true);
  });

  it('(d) is deterministic per seed on one backend, and another seed starts elsewhere', async () => {
    const config = { ...shortened({ kind: 'gaussian', sigma: 4, features: 16, seed: 2 }), iterations: 40 };
    const [a, b, c] = await onWasm(async () => [
      await run(config),
      await run(config),
      await run({ ...config, seed: 1 }),
    ]);
    expect(a.records.map((r) => r.loss)).toEqual(b.records.map((r) => r.loss));
    expect(Array.from(a.result.last.prediction)).toEqual(Array.from(b.result.last.prediction));
    expect(Array.from(a.result.last.magnitudes)).toEqual(Array.from(b.result.last.magnitudes));
    expect(c.records[0]!.loss).not.toBe(a.records[0]!.loss);
    // On cpu too (the cpu and wasm sums may differ in the last bits, so each backend against itself).
    const cpu1 = await run({ ...config, iterations: 10 });
    const cpu2 = await run({ ...config, iterations: 10 });
    expect(Array.from(cpu1.result.last.prediction)).toEqual(Array.from(cpu2.result.last.prediction));
  });

  it('keeps the tensor count flat over the iterations and frees everything at the end', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const config = {
      ...tiny({ kind: 'gaussian', sigma: 10, features: 8, seed: 0 }),
      iterations: 60,
      recordEvery: 10,
    };
    await fitSignal(config, { onRecord: () => counts.push(tf.memory().numTensors) });
    expect(counts).toHaveLength(7);
    // Constant from the first record on: nothing accumulates per iteration.
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(counts[1]! - counts[0]!).toBeLessThanOrEqual(3);
    expect(tf.memory().numTensors).toBe(before);
    // Plain gradient descent likewise.
    await fitSignal({ ...config, optimizer: 'gd', lr: 0.05 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops between iterations when aborted, with a final record where it stopped', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const before = tf.memory().numTensors;
    const result = await fitSignal(
      { ...tiny({ kind: 'none' }), iterations: 1000, recordEvery: 10 },
      {
        signal: controller.signal,
        onRecord: (r) => {
          seen.push(r.iteration);
          if (r.iteration === 30) controller.abort();
        },
      },
    );
    expect(result.status).toBe('cancelled');
    expect(result.iterations).toBe(30);
    expect(seen).toEqual([0, 10, 20, 30]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at the first record whose loss is not finite (a learning rate far too large)', async () => {
    const before = tf.memory().numTensors;
    const result = await fitSignal({
      ...tiny({ kind: 'none' }),
      optimizer: 'gd',
      lr: 10,
      iterations: 500,
      recordEvery: 10,
    });
    expect(result.status).toBe('diverged');
    expect(Number.isFinite(result.last.loss)).toBe(false);
    expect(result.iterations).toBeLessThan(500);
    expect(result.iterations % 10).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a config with every problem named', async () => {
    const bad = {
      ...shortened({ kind: 'none' }),
      arch: { inputDim: 2, depth: 4, width: 32, activation: 'relu', mapping: { kind: 'none' }, outputs: 1 },
      iterations: 0,
      lr: -1,
      target: { kind: 'custom', components: [{ k: 120, amplitude: 1 }], phaseSeed: 0 },
    } as const satisfies FitSignalConfig;
    expect(fitSignalProblems(bad)).toEqual([
      'the 1-D fit needs an MLP with one input and one output',
      'component 1: frequency k must be an integer from 1 to 99 (N/2 − 1 for N = 200 points), got 120',
      'learning rate must be in [1e-7, 10], got -1',
      'iterations must be an integer in [1, 1000000], got 0',
    ]);
    await expect(fitSignal(bad)).rejects.toThrow(/one input and one output; component 1/);
    expect(
      fitSignalProblems(presetFitConfig('paper', { kind: 'preset', preset: 'increasing', phaseSeed: 0 })),
    ).toEqual([]);
  });

  it('the PAPER preset is 5 hidden layers of 256 (six linear layers), Adam 3e-4, 60 000 iterations', () => {
    const config = presetFitConfig('paper', { kind: 'preset', preset: 'equal', phaseSeed: 0 });
    expect(config.arch).toMatchObject({ inputDim: 1, depth: 5, width: 256, activation: 'relu', outputs: 1 });
    expect([config.optimizer, config.lr, config.iterations, config.recordEvery]).toEqual([
      'adam',
      3e-4,
      60_000,
      100,
    ]);
    expect(FIT_PRESETS.quick.iterations).toBeLessThan(FIT_PRESETS.class.iterations);
  });
});
