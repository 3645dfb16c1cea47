import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, initParams } from '../nn/network';
import { tf } from '../nn/tf';
import { type MlpMapping, mapInputs, mappedDim } from '../spaces/mlp/mlp';
import { mlpNetwork } from '../spaces/mlp/mlpNetwork';
import { mulberry32, normal } from '../util/prng';
import { symmetricEigenvalues } from './eigen';
import { empiricalNtk } from './ntk';
import { reluNtk } from './reluNtk';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('infinite-width ReLU NTK', () => {
  it('gives the hand-computed kernel of one hidden layer at angles 0, π/2 and π', () => {
    // d = 2, σ_w = 1: Σ⁰ = xᵀx′/2. Same point: Σ¹ = 1/4, Θ = 1/4 + ½·½ = 1/2. Orthogonal:
    // Σ¹ = ½·(1 + 0)/(2π) = 1/(4π), Θ = Σ¹ + ¼·0. Opposite: sin π = 0 and π − θ = 0, so Θ = 0.
    const x = [1, 0, 0, 1, -1, 0];
    const { ntk, nngp } = reluNtk(x, null, 2, { hiddenLayers: 1 });
    expect(ntk[0]).toBeCloseTo(0.5, 14);
    expect(nngp[0]).toBeCloseTo(0.25, 14);
    expect(ntk[1]).toBeCloseTo(1 / (4 * Math.PI), 14);
    expect(ntk[2]).toBeCloseTo(0, 14);
    expect(ntk[3]).toBeCloseTo(1 / (4 * Math.PI), 14); // symmetric
  });

  it('is the linear kernel plus σ_b² with no hidden layer, and cross kernels match the Gram', () => {
    const x = [0.5, 2, -1, 1];
    const { ntk } = reluNtk(x, null, 2, { hiddenLayers: 0, weightStd: 2, biasStd: 0.5 });
    expect(ntk[1]).toBeCloseTo((4 * (0.5 * -1 + 2 * 1)) / 2 + 0.25, 14);
    const gram = reluNtk(x, null, 2, { hiddenLayers: 3, weightStd: 1.3, biasStd: 0.2 }).ntk;
    const cross = reluNtk(x.slice(0, 2), x.slice(2), 2, {
      hiddenLayers: 3,
      weightStd: 1.3,
      biasStd: 0.2,
    }).ntk;
    expect(cross[0]).toBeCloseTo(gram[1]!, 14);
  });

  it('uses arc-cosine moments that agree with Monte Carlo sampling', () => {
    // (u, v) with variances 1 and 4 and correlation 0.3; one hidden layer, σ_w = 1, so
    // Σ¹ = E[φ(u)φ(v)] and Θ − Σ¹ = E[φ′(u)φ′(v)]·Σ⁰.
    const rng = mulberry32(12);
    const rho = 0.3;
    let e = 0;
    let eDot = 0;
    const samples = 400_000;
    for (let k = 0; k < samples; k++) {
      const z1 = normal(rng);
      const z2 = normal(rng);
      const u = z1;
      const v = 2 * (rho * z1 + Math.sqrt(1 - rho * rho) * z2);
      e += (Math.max(0, u) * Math.max(0, v)) / samples;
      eDot += (u > 0 && v > 0 ? 1 : 0) / samples;
    }
    // 2-D inputs whose Σ⁰ = xᵀx′/2 has exactly variances 1 and 4 and covariance 2ρ.
    const x = [Math.SQRT2, 0, 2 * Math.SQRT2 * rho, 2 * Math.SQRT2 * Math.sqrt(1 - rho * rho)];
    const { ntk, nngp } = reluNtk(x, null, 2, { hiddenLayers: 1 });
    expect(Math.abs(nngp[1]! - e)).toBeLessThan(0.01); // standard error ≈ 0.004
    expect(Math.abs((ntk[1]! - nngp[1]!) / (2 * rho) - eDot)).toBeLessThan(0.003); // Σ⁰ = 2ρ
  });

  it('matches the empirical NTK of a wide 3-hidden-layer ReLU net in NTK parameterisation', async () => {
    // At depth 3 one network's NTK still fluctuates by ~10% at width 1024 (variance grows like
    // depth/width, Hanin & Nica 2020), so compare the mean over 8 initialisations (measured: 0.043).
    // A recursion one layer short misses by 0.25.
    const x = [1, 0, 0.6, 0.8, -1, 0.5, 0.3, -2];
    const net = mlpNetwork(
      { inputDim: 2, depth: 3, width: 1024, activation: 'relu', mapping: { kind: 'none' }, outputs: 1 },
      { parameterization: 'ntk', weightStd: Math.SQRT2 },
    );
    const infinite = reluNtk(x, null, 2, { hiddenLayers: 3, weightStd: Math.SQRT2 }).ntk;
    const input = tf.tensor2d(x, [4, 2]);
    const mean = new Float64Array(16);
    for (let seed = 0; seed < 8; seed++) {
      const params = initParams(net, 'normal', seed);
      const empirical = await empiricalNtk(net, params, input, { batchNorm: 'none' });
      disposeParams(params);
      empirical.forEach((v, i) => {
        mean[i] = mean[i]! + v / 8;
      });
    }
    input.dispose();
    const scale = Math.max(...infinite);
    const worst = Math.max(...infinite.map((v, i) => Math.abs(v - mean[i]!)));
    expect(worst / scale).toBeLessThan(0.08);
  });
});

/** |DFT_k| / |DFT_0| of a real sequence, k = 0..n/2, by the O(n²) sum. */
function normalisedDftMagnitude(values: ArrayLike<number>): number[] {
  const n = values.length;
  const out: number[] = [];
  for (let k = 0; k <= n / 2; k++) {
    let re = 0;
    let im = 0;
    for (let j = 0; j < n; j++) {
      re += values[j]! * Math.cos((2 * Math.PI * j * k) / n);
      im -= values[j]! * Math.sin((2 * Math.PI * j * k) / n);
    }
    out.push(Math.hypot(re, im));
  }
  return out.map((v) => v / out[0]!);
}

describe('Fourier features widen the NTK spectrum (docs/science.md §8, Tancik et al. 2020)', () => {
  // 256 grid points on [0, 1), m = 256 features, 3 hidden ReLU layers, infinite width, σ_b = 0.
  const n = 256;
  const grid = Array.from({ length: n }, (_, i) => i / n);
  const kernelOn = (mapping: MlpMapping) =>
    reluNtk(mapInputs(mapping, 1, grid, n), null, mappedDim(mapping, 1), { hiddenLayers: 3 }).ntk;
  const gaussian = (sigma: number): MlpMapping => ({ kind: 'gaussian', sigma, features: 256, seed: 0 });

  /** First frequency whose kernel spectrum falls below 1e-3 of DC, or Infinity. */
  function firstQuietFrequencyByDft(ntk: Float64Array): number {
    // The kernel is stationary (γ(v)·γ(v′) depends on v − v′ only), so its profile around the middle
    // point, read from Δ = 0 on, is k(Δ) on the periodic grid; its DFT is the kernel spectrum.
    const middle = n / 2;
    const profile = Array.from({ length: n }, (_, j) => ntk[middle * n + ((middle + j) % n)]!);
    const k = normalisedDftMagnitude(profile).findIndex((v) => v < 1e-3);
    return k < 0 ? Number.POSITIVE_INFINITY : k;
  }

  /** The same read from the Gram's eigenvalues: index i ≈ frequency ⌈i/2⌉ (a sine and a cosine each). */
  function firstQuietFrequencyByEigen(ntk: Float64Array): number {
    const lambdas = symmetricEigenvalues(ntk, n);
    const i = lambdas.findIndex((v) => v < 1e-3 * lambdas[0]!);
    return i < 0 ? Number.POSITIVE_INFINITY : Math.ceil(i / 2);
  }

  it('no mapping: the spectrum is gone after the lowest frequencies (docs/science.md: ~2)', () => {
    // With σ_b = 0 the ReLU NTK is positively homogeneous, so on v > 0 it is v·v′·Θ(1, 1): rank one.
    // Its profile is not stationary, so only the eigenvalue reading applies.
    expect(firstQuietFrequencyByEigen(kernelOn({ kind: 'none' }))).toBeLessThanOrEqual(2);
  });

  it('σ = 1 and σ = 4: about 19 and 49, by the DFT and by the eigenvalues', () => {
    // Tolerance: B is one seeded draw; over five other draws the DFT reading spread 18–20 (σ = 1)
    // and 44–49 (σ = 4) in a float64 reference computation, so we allow ±3 and −7/+5.
    const one = kernelOn(gaussian(1));
    const four = kernelOn(gaussian(4));
    for (const read of [firstQuietFrequencyByDft, firstQuietFrequencyByEigen]) {
      const f1 = read(one);
      const f4 = read(four);
      expect(f1).toBeGreaterThanOrEqual(16);
      expect(f1).toBeLessThanOrEqual(22);
      expect(f4).toBeGreaterThanOrEqual(42);
      expect(f4).toBeLessThanOrEqual(54);
    }
  });

  it('σ = 32: the spectrum stays above 1e-3 of DC up to the Nyquist frequency 128', () => {
    expect(firstQuietFrequencyByDft(kernelOn(gaussian(32)))).toBe(Number.POSITIVE_INFINITY);
  });
});
