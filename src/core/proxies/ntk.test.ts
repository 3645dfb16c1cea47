import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../data/batch';
import { conditionNumber, symmetricEigenvalues } from '../kernels/eigen';
import { empiricalNtk } from '../kernels/ntk';
import { disposeParams, initParams, type Network } from '../nn/network';
import { tf } from '../nn/tf';
import type { Nb201Fidelity } from '../spaces/fidelity';
import type { MlpArch } from '../spaces/mlp/mlp';
import { mlpNetwork } from '../spaces/mlp/mlpNetwork';
import { nb201Network } from '../spaces/nb201/nb201Network';
import { mulberry32, normal } from '../util/prng';
import { ntkCondProxy } from './ntkCond';
import { ntkSpectrumProxy } from './ntkSpectrum';
import { ntkTraceProxy } from './ntkTrace';
import type { ProxyParams } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A TE-NAS-sized NB201 network, smaller still: C = 2, one cell per stage, 8x8 images. */
const TINY: Nb201Fidelity = { channels: 2, cellsPerStage: 1, batch: 8, classes: 10, resolution: 8 };
const CELL = [3, 2, 4, 1, 3, 1] as const;

function randomBatch(shape: number[], n: number, seed: number, distinct = n): Batch {
  const size = shape.reduce((a, b) => a * b, 1);
  const rng = mulberry32(seed);
  const images = Array.from({ length: distinct }, () =>
    Float32Array.from({ length: size }, () => normal(rng)),
  );
  const x = new Float32Array(n * size);
  for (let i = 0; i < n; i++) x.set(images[i % distinct]!, i * size);
  return {
    x,
    y: new Int32Array(n),
    n,
    shape,
    spec: `test batch ${shape} n=${n} seed=${seed} distinct=${distinct}`,
  };
}

const mlpArch: MlpArch = {
  inputDim: 1,
  depth: 1,
  width: 12,
  activation: 'relu',
  mapping: { kind: 'none' },
  outputs: 1,
};

describe('ntk_cond on NAS-Bench-201 (per-sample loop, BatchNorm in train mode)', () => {
  it('is finite on a live cell, with a full-rank Θ whose trace is the sum of its eigenvalues', async () => {
    const network = nb201Network(CELL, TINY);
    const batch = randomBatch([8, 8, 3], 8, 1);
    const out = await ntkCondProxy.compute({ network, seed: 0, params: {}, batch });
    expect(out.warnings).toEqual([]);
    expect(Number.isFinite(out.value)).toBe(true);
    expect(out.value).toBeLessThan(0); // κ ≥ 1
    expect(out.value).toBeGreaterThan(-7); // κ below the floor's 1e7
    const eigenvalues = out.details.eigenvalues as number[];
    expect(eigenvalues).toHaveLength(8);
    const sum = eigenvalues.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum / (out.details.trace as number) - 1)).toBeLessThan(1e-6);
    expect(out.details.rankDeficient).toBe(false);
    expect(out.details.method).toBe('loop');
    expect(out.details.log10KappaPerInit as number[]).toHaveLength(3);
  });

  it('flags Θ of rank 1 (eight copies of one image) as rank-deficient, κ floored at 1e7', async () => {
    // In eval mode each sample runs alone, so equal images give bit-identical gradient rows.
    const network = nb201Network(CELL, TINY);
    const batch = randomBatch([8, 8, 3], 8, 2, 1);
    const params: ProxyParams = { batchNorm: 'eval' };
    const out = await ntkCondProxy.compute({ network, seed: 0, params, batch });
    expect(out.details.rankDeficient).toBe(true);
    expect(out.value).toBeCloseTo(-7, 6);
    expect(out.details.effectiveRank).toBeCloseTo(1, 6);
    expect(out.warnings.join(' ')).toMatch(/rank-deficient/);
    const spectrum = await ntkSpectrumProxy.compute({ network, seed: 0, params, batch });
    expect(spectrum.value).toBeCloseTo(1, 6);
  });

  it('sees at most two directions when the batch holds two distinct images (train mode)', async () => {
    const network = nb201Network(CELL, TINY);
    const out = await ntkSpectrumProxy.compute({
      network,
      seed: 3,
      params: { repeats: 1 },
      batch: randomBatch([8, 8, 3], 8, 4, 2),
    });
    const spectrum = out.details.spectrum as number[];
    expect(spectrum[1]).toBeGreaterThan(1e-4);
    for (const v of spectrum.slice(2)) expect(Math.abs(v)).toBeLessThan(1e-5); // float32 rounding
    expect(out.value).toBeLessThan(2);
  });

  it('gives TE-NAS sentinels with a warning for a cell with no path from input to output', async () => {
    const network = nb201Network([0, 1, 1, 0, 0, 0], TINY);
    const input = { network, seed: 0, params: {}, batch: randomBatch([8, 8, 3], 8, 1) };
    const cond = await ntkCondProxy.compute(input);
    expect(cond.value).toBe(-5); // κ = 1e5
    expect(cond.warnings.join(' ')).toMatch(/no path/);
    expect((await ntkTraceProxy.compute(input)).value).toBe(0);
    expect((await ntkSpectrumProxy.compute(input)).value).toBe(0);
  });
});

describe('NTK proxies on the MLP space (batched method)', () => {
  const batch = randomBatch([1], 10, 7);

  it('average −log10 κ over inits seed, seed+1, seed+2, as the per-sample loop computes it', async () => {
    const network = mlpNetwork({ ...mlpArch, depth: 2, activation: 'tanh', outputs: 2 });
    const out = await ntkCondProxy.compute({ network, seed: 20, params: {}, batch });
    expect(out.details.method).toBe('batched');
    const x = tf.tensor2d(batch.x, [10, 1]);
    let expected = 0;
    for (const seed of [20, 21, 22]) {
      const params = initParams(network, 'kaiming_fan_out', seed);
      const gram = await empiricalNtk(network, params, x, { mode: 'loop', batchNorm: 'train' });
      disposeParams(params);
      expected -= Math.log10(conditionNumber(symmetricEigenvalues(gram, 10)).kappa) / 3;
    }
    x.dispose();
    expect(out.value).toBeCloseTo(expected, 3);
  });

  it('ntk_trace is Σ_i ‖g_i‖², written out by hand for one hidden ReLU layer', async () => {
    // f(x) = Σ_j W2_j relu(x W1_j + b1_j) + b2: ∂f/∂W1_j = x W2_j 1[h_j > 0], ∂f/∂W2_j = relu(h_j).
    const network = mlpNetwork(mlpArch);
    const out = await ntkTraceProxy.compute({ network, seed: 5, params: { init: 'pytorch' }, batch });
    let expected = 0;
    for (const seed of [5, 6, 7]) {
      const params = initParams(network, 'pytorch', seed);
      const [w1, b1, w2] = ['fc0.weight', 'fc0.bias', 'fc1.weight'].map((k) => params.get(k)!.dataSync());
      for (let i = 0; i < batch.n; i++) {
        const v = batch.x[i]!;
        for (let j = 0; j < 12; j++) {
          const h = v * w1![j]! + b1![j]!;
          if (h > 0) expected += ((v * w2![j]!) ** 2 + h * h) / 3;
        }
      }
      disposeParams(params);
    }
    expect(Math.abs(out.value / expected - 1)).toBeLessThan(1e-5);
    expect(out.details.tracePerInit as number[]).toHaveLength(3);
  });

  it('ntk_spectrum normalises the spectrum to λ_1 = 1, descending, with 1 ≤ effective rank ≤ N', async () => {
    const network = mlpNetwork({
      ...mlpArch,
      mapping: { kind: 'gaussian', sigma: 3, features: 16, seed: 1 },
    });
    const out = await ntkSpectrumProxy.compute({ network, seed: 0, params: {}, batch });
    const spectrum = out.details.spectrum as number[];
    expect(spectrum).toHaveLength(10);
    expect(spectrum[0]).toBe(1);
    for (let i = 1; i < 10; i++) expect(spectrum[i]!).toBeLessThanOrEqual(spectrum[i - 1]!);
    expect(out.value).toBeGreaterThan(1);
    expect(out.value).toBeLessThan(10);
  });

  it('offers the per-logit NTK, (N·C) x (N·C)', async () => {
    const network = mlpNetwork({ ...mlpArch, outputs: 3 });
    const out = await ntkCondProxy.compute({ network, seed: 0, params: { outputs: 'per_logit' }, batch });
    expect(out.details.rows).toBe(30);
    expect(out.details.eigenvalues as number[]).toHaveLength(30);
  });

  it('is deterministic per seed and changes with it', async () => {
    const network = mlpNetwork({ ...mlpArch, mapping: { kind: 'positional', levels: 4 } });
    // No batch spec: nothing is shared, so the second run really computes again.
    const unshared = { ...batch, spec: '' };
    const run = async (seed: number) =>
      (await ntkCondProxy.compute({ network, seed, params: {}, batch: unshared })).value;
    expect(await run(1)).toBe(await run(1));
    expect(await run(1)).not.toBe(await run(2));
  });

  it('ntk_cond, ntk_trace and ntk_spectrum of one job share one run, equal to separate runs', async () => {
    const network = nb201Network(CELL, TINY);
    const shared = randomBatch([8, 8, 3], 6, 11);
    const alone = { ...shared, spec: '' };
    const input = (b: Batch) => ({ network, seed: 2, params: {}, batch: b });
    const cond = await ntkCondProxy.compute(input(shared));
    // The two that follow run no tfjs kernel at all: they read the kept run.
    let trace = cond;
    let spectrum = cond;
    const profile = await tf.profile(async () => {
      trace = await ntkTraceProxy.compute(input(shared));
      spectrum = await ntkSpectrumProxy.compute(input(shared));
    });
    expect(profile.kernels).toHaveLength(0);
    expect(cond.value).toBe((await ntkCondProxy.compute(input(alone))).value);
    expect(trace.value).toBe((await ntkTraceProxy.compute(input(alone))).value);
    expect(spectrum.value).toBe((await ntkSpectrumProxy.compute(input(alone))).value);
    // Warnings are each caller's own: adding to one result's list does not reach the next.
    trace.warnings.push('mine');
    expect((await ntkTraceProxy.compute(input(shared))).warnings).not.toContain('mine');
  });

  it('answers a missing or mismatched batch and bad parameters with warnings, never a throw', async () => {
    const network: Network = mlpNetwork(mlpArch);
    const missing = await ntkCondProxy.compute({ network, seed: 0, params: {} });
    expect(missing.value).toBeNaN();
    expect(missing.warnings.join(' ')).toMatch(/batch/);
    const wrongShape = await ntkTraceProxy.compute({
      network,
      seed: 0,
      params: {},
      batch: randomBatch([2], 4, 0),
    });
    expect(wrongShape.value).toBeNaN();
    const odd = await ntkCondProxy.compute({
      network,
      seed: 0,
      params: { init: 'xavier', repeats: 0 },
      batch,
    });
    expect(Number.isFinite(odd.value)).toBe(true);
    expect(odd.warnings.join(' ')).toMatch(/init "xavier"/);
    expect(odd.warnings.join(' ')).toMatch(/repeats/);
  });
});
