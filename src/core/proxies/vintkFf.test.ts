import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../data/batch';
import { CIFAR10_NORMALISATION } from '../data/cifar10';
import { empiricalNtk, ntkWeightSpecs } from '../kernels/ntk';
import { disposeParams, initParams, type Network, type ParamTensors } from '../nn/network';
import { paramSize } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import { nb201Network } from '../spaces/nb201/nb201Network';
import type { VitArch } from '../spaces/vit/vit';
import { vitForward, vitNetwork } from '../spaces/vit/vitNetwork';
import { deriveSeed, mulberry32, normal } from '../util/prng';
import { PROXY_IDS } from './ids';
import { ntkCondProxy } from './ntkCond';
import { VINTK_FF_DEFAULTS } from './paperDefaults';
import { getProxy } from './registry';
import { proxySpaceProblem } from './scoreJob';
import type { ProxyParams } from './types';
import { vintkFfProxy } from './vintkFf';
import { fourierFeatureMatrix, fourierPatchFeatures, vintkFfNetwork } from './vintkFfFeatures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The smallest browser-space ViT (e = 64, two layers of 2 heads of 32, MLP ratio 2), patch 4. */
const ARCH: VitArch = { space: 'browser', embed: 64, mlpRatio: [2, 2], heads: [2, 2] };
/** Another candidate of the same space: wider, deeper, other ratios and heads. */
const OTHER: VitArch = { space: 'browser', embed: 128, mlpRatio: [4, 3, 2], heads: [4, 2, 4] };
/** The space's own 32 px inputs: 8x8 = 64 tokens of 4x4x3 = 48 pixels. */
const FID = { resolution: 32, classes: 10 };
const PATCH = 4;
const D = 3 * PATCH * PATCH;
const { mean: MEAN, std: STD } = CIFAR10_NORMALISATION;

/**
 * Images of uint8 pixels v, normalised as data/imageDataset.ts does ((v/255 − mean_c)/std_c, in
 * float64, stored as float32), and their pixel values v/255 in [0, 1] for the hand computations.
 * The spec names CIFAR-10, whose statistics vintk_ff must undo; '' for no spec (no shared runs).
 */
function cifarBatch(n: number, size: number, seed: number, spec: string): { batch: Batch; pixels: number[] } {
  const rng = mulberry32(seed);
  const pixels = Array.from({ length: n * size * size * 3 }, () => Math.floor(rng() * 256) / 255);
  const x = Float32Array.from(pixels, (v, i) => (v - MEAN[i % 3]!) / STD[i % 3]!);
  return { batch: { x, y: new Int32Array(n), n, shape: [size, size, 3], spec }, pixels };
}

/**
 * γ(p) = [p, cos 2πBp, sin 2πBp] of every patch of image i, in float64: [rows·cols, d + 2m], p_k with
 * k = (a·P + b)·3 + c the pixel (P·r + a, P·col + b), channel c (the patch convolution's layout).
 */
function handFeatures(
  pixels: number[],
  size: number,
  i: number,
  b: ArrayLike<number>,
  m: number,
): number[][] {
  const grid = size / PATCH;
  const tokens: number[][] = [];
  for (let r = 0; r < grid; r++) {
    for (let col = 0; col < grid; col++) {
      const p: number[] = [];
      for (let a = 0; a < PATCH; a++) {
        for (let bb = 0; bb < PATCH; bb++) {
          for (let c = 0; c < 3; c++) {
            p.push(pixels[i * size * size * 3 + ((PATCH * r + a) * size + PATCH * col + bb) * 3 + c]!);
          }
        }
      }
      const phases = Array.from(
        { length: m },
        (_, j) => 2 * Math.PI * p.reduce((s, v, k) => s + b[j * D + k]! * v, 0),
      );
      tokens.push([...p, ...phases.map(Math.cos), ...phases.map(Math.sin)]);
    }
  }
  return tokens;
}

/** What the network's learned patch embedding reads (its atLayerInput), [tokens·n, d + 2m]. */
function embeddingInput(network: Network, batch: Batch): Float32Array {
  const params = initParams(network, 'vit', 0);
  try {
    return tf.tidy(() => {
      let seen: Float32Array | undefined;
      network.forward(tf.tensor(batch.x, [batch.n, ...batch.shape]), params, {
        batchNorm: 'train',
        atLayerInput: (x, name) => {
          if (name === 'patch.conv') seen = x.dataSync() as Float32Array;
        },
      });
      if (!seen) throw new Error('patch.conv never reported its input');
      return seen;
    });
  } finally {
    disposeParams(params);
  }
}

/** Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (not the app's eigen.ts). */
function jacobiEigenvalues(a: number[][]): number[] {
  const n = a.length;
  const m = a.map((row) => [...row]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p]![q]!;
        if (apq === 0) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const [mkp, mkq] = [m[k]![p]!, m[k]![q]!];
          m[k]![p] = c * mkp - s * mkq;
          m[k]![q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const [mpk, mqk] = [m[p]![k]!, m[q]![k]!];
          m[p]![k] = c * mpk - s * mqk;
          m[q]![k] = s * mpk + c * mqk;
        }
      }
    }
  }
  return m.map((row, i) => row[i]!).sort((x, y) => y - x);
}

describe('vintk_ff registry entry', () => {
  it('is our reading B, ViT only, version 1, with ntk_cond’s settings plus m = 64, σ = 1, α = 1, ffSeed = 0', () => {
    expect(getProxy('vintk_ff')).toBe(vintkFfProxy);
    expect(PROXY_IDS.indexOf('vintk_ff')).toBe(PROXY_IDS.indexOf('vintk_rfp') + 1);
    expect(vintkFfProxy.ourReading).toBe(true);
    expect(vintkFfProxy.version).toBe(1);
    expect(vintkFfProxy.spaces).toEqual(['vit']);
    expect(vintkFfProxy.defaults).toEqual({ ...ntkCondProxy.defaults, m: 64, sigma: 1, alpha: 1, ffSeed: 0 });
    expect(vintkFfProxy.formula).toContain('γ(p) = [p, cos 2πBp, sin 2πBp]');
    expect(vintkFfProxy.formula).toContain('B_jk ~ N(0, σ²)');
    expect(vintkFfProxy.formula).toContain('σ = 1 (also shown: σ = 10)');
    expect(vintkFfProxy.formula).toContain('−[(1−α)·log10 κ(Θ_plain) + α·log10 κ(Θ_ff)]');
  });

  it('is refused for NB201 and MLP spaces by the space check', () => {
    expect(proxySpaceProblem('vintk_ff', 'vit-browser')).toBeNull();
    expect(proxySpaceProblem('vintk_ff', 'autoformer-tiny')).toBeNull();
    expect(proxySpaceProblem('vintk_ff', 'nb201')).toMatch(
      /vintk_ff does not apply to nb201.*applies to vit/,
    );
    expect(proxySpaceProblem('vintk_ff', 'mlp')).toMatch(/does not apply to mlp/);
  });
});

describe('the feature map γ(p) = [p, cos 2πBp, sin 2πBp]', () => {
  it('equals the closed form on un-normalised 2x2x3 patches, (row, column, channel) order, B by hand', () => {
    // 4x4 image of pixel values v/255 in 4 patches of 2x2x3 (d = 12), normalised with CIFAR-10's
    // statistics; B 3x12 by hand, its last row's entries up to ±3.6, so phases reach tens of radians.
    const size = 4;
    const pixels = Array.from({ length: 48 }, (_, t) => ((t * 37 + 11) % 256) / 255);
    const x = Float32Array.from(pixels, (v, t) => (v - MEAN[t % 3]!) / STD[t % 3]!);
    const m = 3;
    const b = Float64Array.from(
      { length: m * 12 },
      (_, t) => 0.1 * ((t % 7) - 3) * (t < 12 ? 1 : t < 24 ? 3 : 12),
    );
    const out = tf.tidy(() =>
      Array.from(
        fourierPatchFeatures(b, m, 2, CIFAR10_NORMALISATION)
          .map(tf.tensor4d(x, [1, size, size, 3]), 2)
          .dataSync(),
      ),
    );
    expect(out).toHaveLength(4 * (12 + 2 * m));
    let t = 0;
    let largest = 0;
    for (const [r, col] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ] as const) {
      const p: number[] = [];
      for (let a = 0; a < 2; a++) {
        for (let bb = 0; bb < 2; bb++) {
          for (let c = 0; c < 3; c++) p.push(pixels[((2 * r + a) * size + 2 * col + bb) * 3 + c]!);
        }
      }
      // Float32's error in 2πB_j·p grows with Σ_k |2πB_jk p_k|.
      const terms = Array.from({ length: m }, (_, j) => p.map((v, k) => 2 * Math.PI * b[j * 12 + k]! * v));
      const phase = terms.map((row) => row.reduce((s, v) => s + v, 0));
      const tolerance = terms.map((row) => 1e-6 + 1e-6 * row.reduce((s, v) => s + Math.abs(v), 0));
      largest = Math.max(largest, ...phase.map(Math.abs));
      p.forEach((v) => {
        expect(Math.abs(out[t++]! - v)).toBeLessThan(1e-6);
      });
      phase.forEach((v, j) => {
        expect(Math.abs(out[t++]! - Math.cos(v))).toBeLessThan(tolerance[j]!);
      });
      phase.forEach((v, j) => {
        expect(Math.abs(out[t++]! - Math.sin(v))).toBeLessThan(tolerance[j]!);
      });
    }
    expect(largest).toBeGreaterThan(20); // far from the near-linear regime of small phases
  });

  it('is what the network’s learned patch embedding reads, for the B drawn from ffSeed', () => {
    const { batch, pixels } = cifarBatch(2, 8, 5, '');
    const fid = { resolution: 8, classes: 3 };
    const m = 4;
    const network = vintkFfNetwork(ARCH, fid, { m, sigma: 1, ffSeed: 0 }, CIFAR10_NORMALISATION);
    const seen = embeddingInput(network, batch);
    // B by hand: σ times the Box–Muller normals of ffSeed's 'vintk_ff.B' stream, row-major [m, d].
    const rng = mulberry32(deriveSeed(0, 'vintk_ff.B'));
    const b = Array.from({ length: m * D }, () => normal(rng));
    const expected = [0, 1].flatMap((i) => handFeatures(pixels, 8, i, b, m).flat());
    expect(seen).toHaveLength(expected.length);
    expected.forEach((v, k) => {
      expect(Math.abs(seen[k]! - v)).toBeLessThan(1e-4);
    });
  });
});

describe('B, shared by all candidates', () => {
  it('is the same for two architectures with the same parameters, and changes with ffSeed and σ', () => {
    const { batch } = cifarBatch(1, 32, 7, '');
    const settings = { m: 8, sigma: 1, ffSeed: 0 };
    const features = (arch: VitArch, s: typeof settings) =>
      embeddingInput(vintkFfNetwork(arch, FID, s, CIFAR10_NORMALISATION), batch);
    const one = features(ARCH, settings);
    expect(Array.from(features(OTHER, settings))).toEqual(Array.from(one));
    const fourier = (f: Float32Array) => Array.from(f).filter((_, k) => k % (D + 16) >= D);
    expect(fourier(features(ARCH, { ...settings, ffSeed: 1 }))).not.toEqual(fourier(one));
    expect(fourier(features(ARCH, { ...settings, sigma: 10 }))).not.toEqual(fourier(one));
    // The job seed plays no part: B is a function of ffSeed, m, σ and the patch size alone.
    expect(fourierFeatureMatrix(1, 8, D, 1)[0]).not.toBe(fourierFeatureMatrix(0, 8, D, 1)[0]);
    const b10 = fourierFeatureMatrix(0, 8, D, 10);
    fourierFeatureMatrix(0, 8, D, 1).forEach((v, k) => {
      expect(b10[k]).toBeCloseTo(10 * v, 12);
    });
  });

  it.each([1, 10])('has entries of mean 0 and std σ = %d (m = 64, 3P² = 48: 3 072 draws)', (sigma) => {
    const b = fourierFeatureMatrix(0, 64, D, sigma);
    const n = b.length;
    expect(n).toBe(3072);
    const mean = b.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(b.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    // Four standard errors: σ/√n for the mean, about σ/√(2n) for the sample std of a normal.
    expect(Math.abs(mean)).toBeLessThan((4 * sigma) / Math.sqrt(n));
    expect(Math.abs(std - sigma)).toBeLessThan((4 * sigma) / Math.sqrt(2 * n));
    // Normal, not uniform: about 4.55% of a normal's draws lie beyond 2σ (binomial sd 0.38%).
    const tail = b.filter((v) => Math.abs(v) > 2 * sigma).length / n;
    expect(Math.abs(tail - 0.0455)).toBeLessThan(4 * Math.sqrt((0.0455 * 0.9545) / n));
  });
});

describe('the network with Fourier features', () => {
  const plain = vitNetwork(ARCH, FID);
  const ff = vintkFfNetwork(ARCH, FID, { m: 64, sigma: 1, ffSeed: 0 }, CIFAR10_NORMALISATION);

  it('has the ViT’s parameters, the patch weight grown from 48 to 48 + 128 inputs', () => {
    expect(ff.specs.map((s) => s.name)).toEqual(plain.specs.map((s) => s.name));
    ff.specs.forEach((spec, i) => {
      const before = plain.specs[i]!;
      expect(spec.role).toBe(before.role);
      expect(spec.fanOut).toBe(before.fanOut);
      if (spec.name === 'patch.conv') {
        expect(before.shape).toEqual([4, 4, 3, 64]);
        expect(spec.shape).toEqual([176, 64]);
      } else {
        expect(spec.shape).toEqual(before.shape);
      }
      expect(spec.fanIn).toBe(spec.name.startsWith('patch.') ? 176 : before.fanIn);
    });
    const total = (specs: Network['specs']) => specs.reduce((s, spec) => s + paramSize(spec), 0);
    expect(total(ff.specs)).toBe(total(plain.specs) + 128 * 64);
    // ntk_cond differentiates the grown patch weight as it does the patch convolution.
    expect(total(ntkWeightSpecs(ff, 'train'))).toBe(total(ntkWeightSpecs(plain, 'train')) + 128 * 64);
    expect(ntkWeightSpecs(ff, 'train').map((s) => s.name)).toContain('patch.conv');
  });

  it('initialises the patch weight as the patch convolution: same stream, fan-in 176', () => {
    const values = (net: Network, init: 'kaiming_fan_out' | 'vit') => {
      const params = initParams(net, init, 4);
      const out = Array.from(params.get('patch.conv')!.dataSync());
      disposeParams(params);
      return out;
    };
    // Kaiming fan-out (std √(2/(e·P²)), fan-out unchanged): the first 48 rows are the plain weights.
    const kaiming = values(ff, 'kaiming_fan_out');
    expect(kaiming.slice(0, D * 64)).toEqual(values(plain, 'kaiming_fan_out'));
    // The ViT scheme leaves the patch embedding at PyTorch's U(±1/√fan_in): the same draws, scaled.
    const vit = values(ff, 'vit');
    const plainVit = values(plain, 'vit');
    plainVit.forEach((v, k) => {
      expect(vit[k]!).toBeCloseTo(v * Math.sqrt(48 / 176), 6);
    });
    expect(Math.max(...vit.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(176));
    expect(Math.max(...vit.map(Math.abs))).toBeGreaterThan(0.99 / Math.sqrt(176));
  });
});

describe('vintk_ff on a browser-space ViT (4 images of 32x32, cpu)', () => {
  const network = vitNetwork(ARCH, FID);
  const seed = 3;
  const m = 8;
  const ntkSettings = {
    init: 'vit',
    repeats: 1,
    batchNorm: 'train',
    outputs: 'summed',
    method: 'auto',
  } as const;
  const params: ProxyParams = { ...ntkSettings, m, sigma: 1, alpha: 1, ffSeed: 0 };

  it('equals ntk_cond exactly when α = 0', async () => {
    const { batch } = cifarBatch(4, 32, 11, ''); // no spec: no shared run, both computed afresh
    const out = await vintkFfProxy.compute({ network, seed, params: { ...params, alpha: 0 }, batch });
    const ntk = await ntkCondProxy.compute({ network, seed, params: ntkSettings, batch });
    expect(Number.isFinite(ntk.value)).toBe(true);
    expect(out.value).toBe(ntk.value);
    expect(out.details.log10KappaPerInitPlain).toEqual(ntk.details.log10KappaPerInit);
    expect(out.details.scoreFf).toBeUndefined(); // weight 0: not computed
  });

  it('equals −log10 λmax/λmin of J Jᵀ, per-sample gradients on hand-made γ(p), when α = 1', async () => {
    const { batch, pixels } = cifarBatch(4, 32, 12, 'cifar10-train n=4 seed=12');
    const ff = vintkFfNetwork(ARCH, FID, { m, sigma: 1, ffSeed: 0 }, CIFAR10_NORMALISATION);
    const weights = initParams(ff, 'vit', seed);
    const b = fourierFeatureMatrix(0, m, D, 1);
    try {
      // Θ by hand: gradients of Σ_c f_c(x_i) by tf.grads per sample, over every linear weight, the
      // patch weight and LayerNorm γ, with the network fed γ(p) made in float64; then J Jᵀ.
      const names = [...weights.keys()].filter((n) => /\.(weight|gamma)$/.test(n) || n === 'patch.conv');
      const rows = Array.from({ length: 4 }, (_, i) =>
        tf.tidy(() => {
          const tokens = tf.tensor4d(handFeatures(pixels, 32, i, b, m).flat(), [1, 8, 8, D + 2 * m]);
          const x = tf.tensor4d(batch.x.slice(i * 3072, (i + 1) * 3072), [1, 32, 32, 3]);
          const grads = tf.grads((...ws: tf.Tensor[]) => {
            const local: Map<string, tf.Tensor> = new Map(weights as ParamTensors);
            names.forEach((n, k) => {
              local.set(n, ws[k]!);
            });
            const features = { count: D + 2 * m, map: () => tokens };
            return tf.sum(
              vitForward(x, ARCH, local, { batchNorm: 'train' }, { patchFeatures: features }),
            ) as tf.Scalar;
          })(names.map((n) => weights.get(n)!));
          return grads.flatMap((g) => Array.from(g.dataSync()));
        }),
      );
      const hand = rows.map((gi) => rows.map((gj) => gi.reduce((s, v, k) => s + v * gj[k]!, 0)));
      const x = tf.tensor4d(batch.x, [4, 32, 32, 3]);
      const gram = await empiricalNtk(ff, weights, x, { batchNorm: 'train', outputs: 'summed' });
      x.dispose();
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) {
          expect(Math.abs(gram[i * 4 + j]! - hand[i]![j]!)).toBeLessThan(1e-4 * Math.abs(hand[i]![i]!));
        }
      }
      const eigen = jacobiEigenvalues(hand);
      expect(eigen[3]!).toBeGreaterThan(1e-7 * eigen[0]!); // no floor: κ is λmax/λmin itself
      const out = await vintkFfProxy.compute({ network, seed, params, batch });
      expect(out.warnings).toEqual([]);
      expect(out.details.method).toBe('batched');
      expect(out.value).toBeCloseTo(-Math.log10(eigen[0]! / eigen[3]!), 4);
      expect(out.details.log10KappaPerInitFf).toEqual([-out.value]);
      expect(out.details.ffInputs).toBe(D + 2 * m);
      expect(out.details.scorePlain).toBeUndefined(); // weight 0: not computed
      // Not ntk_cond's kernel: the inputs differ.
      const ntk = await ntkCondProxy.compute({ network, seed, params: ntkSettings, batch });
      expect(Math.abs(ntk.value - out.value)).toBeGreaterThan(1e-3);
      // 0 < α < 1 mixes the two sides' log10 κ.
      const mixed = await vintkFfProxy.compute({ network, seed, params: { ...params, alpha: 0.25 }, batch });
      expect(mixed.value).toBeCloseTo(0.75 * ntk.value + 0.25 * out.value, 12);
      expect(mixed.details.scorePlain).toBe(ntk.value);
      expect(mixed.details.scoreFf).toBe(out.value);
    } finally {
      disposeParams(weights);
    }
  });

  it('averages log10 κ over inits seed, seed+1 with B fixed, and σ = 10 gives another score than σ = 1', async () => {
    const { batch } = cifarBatch(4, 32, 13, 'cifar10-test n=4 seed=13');
    const two = await vintkFfProxy.compute({ network, seed, params: { ...params, repeats: 2 }, batch });
    const perInit = two.details.log10KappaPerInitFf as number[];
    expect(perInit).toHaveLength(2);
    expect(perInit.every(Number.isFinite)).toBe(true);
    expect(two.value).toBeCloseTo(-(perInit[0]! + perInit[1]!) / 2, 12);
    // The second init alone, as a job of seed + 1: the same B (ffSeed's, not the job seed's).
    const next = await vintkFfProxy.compute({ network, seed: seed + 1, params, batch });
    expect(next.value).toBeCloseTo(-perInit[1]!, 10);
    const ten = await vintkFfProxy.compute({ network, seed, params: { ...params, sigma: '10' }, batch });
    expect(ten.details.sigma).toBe(10);
    expect(Number.isFinite(ten.value)).toBe(true);
    expect(Math.abs(ten.value + perInit[0]!)).toBeGreaterThan(1e-3);
  });
});

describe('vintk_ff input checks', () => {
  const network = vitNetwork(ARCH, { resolution: 8, classes: 3 });
  const { batch } = cifarBatch(2, 8, 1, 'cifar10-train n=2 seed=1');

  it.each([
    [
      'm',
      [0, 513, 1.5, 'many', '', true],
      'm (the number of Fourier features per patch) must be an integer from 1 to 512',
    ],
    [
      'sigma',
      [0, -1, 101, Number.NaN, 'wide'],
      'σ (sigma, the standard deviation of the Fourier frequencies B) must be a number above 0 and at most 100',
    ],
    [
      'alpha',
      [-0.1, 1.5, 'half'],
      'α (alpha, the weight of the Fourier-feature NTK) must be a number in [0, 1]',
    ],
    [
      'ffSeed',
      [-1, 0.5, 2 ** 32, 'x'],
      'ffSeed (the seed of the Fourier frequencies B) must be an integer from 0 to 4294967295',
    ],
  ] as const)(
    'rejects %s out of range with a plain message and a NaN score',
    async (name, values, message) => {
      for (const value of values) {
        const out = await vintkFfProxy.compute({
          network,
          seed: 0,
          params: { ...VINTK_FF_DEFAULTS, [name]: value },
          batch,
        });
        expect(out.value).toBeNaN();
        expect(out.warnings).toEqual([`vintk_ff: ${message}, got "${String(value)}"`]);
      }
    },
  );

  it('needs a batch whose normalisation it can undo, unless α = 0', async () => {
    const unknown = { ...batch, spec: 'normal n=2 shape=8x8x3 seed=1' };
    const params = { ...VINTK_FF_DEFAULTS, m: 2, repeats: 1 };
    const out = await vintkFfProxy.compute({ network, seed: 0, params, batch: unknown });
    expect(out.value).toBeNaN();
    expect(out.warnings.join(' ')).toMatch(/must undo the batch's normalisation: the batch "normal n=2/);
    const plain = await vintkFfProxy.compute({
      network,
      seed: 0,
      params: { ...params, alpha: 0 },
      batch: unknown,
    });
    expect(Number.isFinite(plain.value)).toBe(true);
    const none = await vintkFfProxy.compute({ network, seed: 0, params });
    expect(none.warnings.join(' ')).toMatch(/needs a batch/);
  });

  it('warns when the undone pixels leave [0, 1] (a batch normalised otherwise)', async () => {
    const wide = { ...batch, x: batch.x.map((v) => 3 * v), spec: 'cifar10-train n=2 seed=1 wide' };
    const out = await vintkFfProxy.compute({
      network,
      seed: 0,
      params: { ...VINTK_FF_DEFAULTS, m: 2, repeats: 1 },
      batch: wide,
    });
    expect(out.warnings.join(' ')).toMatch(/pixel values span \[-\d\.\d+, \d\.\d+\], not \[0, 1\]/);
  });

  it('refuses a network that is not a ViT', async () => {
    const nb201 = nb201Network([3, 2, 4, 1, 3, 1], {
      channels: 2,
      cellsPerStage: 1,
      batch: 4,
      classes: 3,
      resolution: 8,
    });
    const out = await vintkFfProxy.compute({ network: nb201, seed: 0, params: VINTK_FF_DEFAULTS, batch });
    expect(out.value).toBeNaN();
    expect(out.warnings.join(' ')).toMatch(/^vintk_ff applies to ViT networks only; ".*" is not one/);
  });
});
