/**
 * AZ-NAS's proxies against answers found another way: the entropy and trainability terms by hand and
 * against the effective rank; a feature map built from Hadamard columns (covariance known exactly);
 * a block Jacobian with a known matrix, and the PixelUnshuffle regrouping against index arithmetic in
 * PyTorch's channel order; the one-pass block VJPs against central finite differences of each block
 * alone; a cell that passes its input through (−∞, as the reference); dead cells; seeds; and the
 * ViT reading (residual-stream features, per-sublayer VJPs).
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../data/batch';
import { effectiveRank, largestSingularValue } from '../kernels/eigen';
import { disposeParams, initParams, type Network, type ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';
import type { Nb201Fidelity } from '../spaces/fidelity';
import { nb201FromString } from '../spaces/nb201/nb201';
import { nb201Network } from '../spaces/nb201/nb201Network';
import type { VitArch } from '../spaces/vit/vit';
import { vitNetwork } from '../spaces/vit/vitNetwork';
import { mulberry32, normal } from '../util/prng';
import { azExpressivityProxy, azProgressivityProxy, azTrainabilityProxy } from './azNas';
import {
  blockFeatures,
  blockInputGradients,
  blockJacobian,
  blockProbes,
  channelCovariance,
} from './azNasFeatures';
import { isotropyEntropy, progressivityOf, trainabilityOf, trainabilityTerm } from './azNasMath';
import { PROXIES } from './registry';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Sylvester's Hadamard matrix of size 2^k: H[i][j] = (−1)^popcount(i & j); HᵀH = nI. */
function hadamard(i: number, j: number): number {
  let bits = i & j;
  let parity = 0;
  while (bits) {
    parity ^= bits & 1;
    bits >>= 1;
  }
  return parity ? -1 : 1;
}

describe('AZ-NAS scalar parts', () => {
  it('entropy of normalised eigenvalues: log n when equal, 0 for one direction, 1.5 log 2 for [2, 1, 1]', () => {
    expect(isotropyEntropy([3, 3, 3, 3])).toBeCloseTo(Math.log(4), 7);
    expect(isotropyEntropy([5, 0, 0])).toBeCloseTo(0, 7);
    expect(isotropyEntropy([2, 1, 1])).toBeCloseTo(1.5 * Math.LN2, 7);
    expect(isotropyEntropy([0, 0])).toBeNaN();
  });

  it('entropy equals log of the effective rank (a different formula) on random spectra', () => {
    const rng = mulberry32(5);
    for (let trial = 0; trial < 20; trial++) {
      const s = Array.from({ length: 2 + Math.floor(rng() * 30) }, () => rng() ** 3 * 10);
      expect(isotropyEntropy(s)).toBeCloseTo(Math.log(effectiveRank(s)), 5);
    }
  });

  it('progressivity is the smallest step, trainability terms peak at σ = 1', () => {
    expect(progressivityOf([1, 3, 3.5, 6])).toBeCloseTo(0.5, 12);
    expect(progressivityOf([2, 1, 4])).toBeCloseTo(-1, 12);
    expect(progressivityOf([1])).toBeNaN();
    expect(trainabilityTerm(1)).toBeCloseTo(0, 5);
    expect(trainabilityTerm(2)).toBeCloseTo(-0.5, 5);
    expect(trainabilityTerm(0.5)).toBeCloseTo(-0.5, 5);
    expect(trainabilityTerm(0)).toBeLessThan(-9e5);
    expect(trainabilityOf([0, -1, -0.5])).toBeCloseTo(-0.5, 12);
    expect(trainabilityOf([0, Number.NEGATIVE_INFINITY])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('AZ-NAS tensors', () => {
  it('covariance of a feature map built from Hadamard columns is diag(a²), whatever its mean', async () => {
    const a = [2, 1, 1];
    const values: number[] = [];
    for (let r = 0; r < 8; r++) for (let k = 0; k < 3; k++) values.push(a[k]! * hadamard(r, k + 1) + 7 * k);
    const feature = tf.tensor(values, [2, 2, 2, 3]);
    const { values: cov, channels } = await channelCovariance(feature);
    feature.dispose();
    expect(channels).toBe(3);
    const expected = [4, 0, 0, 0, 1, 0, 0, 0, 1];
    expected.forEach((v, i) => {
      expect(cov[i]).toBeCloseTo(v, 5);
    });
  });

  it('keeps the covariance exact in float64 where float32 would round a small direction away', async () => {
    // Columns 1e7·h and 1e7·h + h′ (h, h′ orthogonal ±1 Hadamard columns; exact in float32):
    // covariance [[1e14, 1e14], [1e14, 1e14 + 1]], whose small eigenvalue ≈ 0.5 float32 loses.
    const values: number[] = [];
    for (let r = 0; r < 8; r++) values.push(1e7 * hadamard(r, 1), 1e7 * hadamard(r, 1) + hadamard(r, 2));
    const feature = tf.tensor(values, [8, 1, 1, 2]);
    const { values: cov } = await channelCovariance(feature);
    feature.dispose();
    expect(Array.from(cov)).toEqual([1e14, 1e14, 1e14, 1e14 + 1]);
  });

  it('the block Jacobian of y = x Wᵀ-style probes is W, so its σ is W’s largest singular value', async () => {
    // g_out's columns are Hadamard columns: g_outᵀ g_out / n = I, so M = g_inᵀ g_out / n = W when g_in = g_out Wᵀ.
    const n = 8;
    const co = 3;
    const W = [
      [3, 0, 0],
      [0, 0.5, 0],
    ]; // ci = 2
    const gOutRows = Array.from({ length: n }, (_, r) =>
      Array.from({ length: co }, (_, k) => hadamard(r, k + 1)),
    );
    const gInRows = gOutRows.map((g) => W.map((w) => w.reduce((s, wk, k) => s + wk * g[k]!, 0)));
    const gOut = tf.tensor(gOutRows.flat(), [2, 2, 2, co]);
    const gIn = tf.tensor(gInRows.flat(), [2, 2, 2, 2]);
    const m = await blockJacobian(gIn, gOut);
    tf.dispose([gIn, gOut]);
    expect(m.identity).toBe(false);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    W.flat().forEach((v, i) => {
      expect(m.values[i]).toBeCloseTo(v, 6);
    });
    expect(largestSingularValue(m.values, m.rows, m.cols)).toBeCloseTo(3, 6);
  });

  it('a downsampling block is regrouped as PyTorch’s PixelUnshuffle (same singular values)', async () => {
    const rng = mulberry32(9);
    const [b, ho, wo, co, ci, s] = [2, 2, 3, 4, 3, 2];
    const gOut = Array.from({ length: b * ho * wo * co }, () => normal(rng));
    const gIn = Array.from({ length: b * ho * s * wo * s * ci }, () => normal(rng));
    // PixelUnshuffle's channel c·s² + dy·s + dx at (y, x) is input channel c at (s·y + dy, s·x + dx).
    const rows = ci * s * s;
    const ref = new Float64Array(rows * co);
    for (let n = 0; n < b; n++)
      for (let y = 0; y < ho; y++)
        for (let x = 0; x < wo; x++)
          for (let c = 0; c < ci; c++)
            for (let dy = 0; dy < s; dy++)
              for (let dx = 0; dx < s; dx++) {
                const gi = gIn[((n * ho * s + s * y + dy) * wo * s + s * x + dx) * ci + c]!;
                for (let k = 0; k < co; k++) {
                  const go = gOut[((n * ho + y) * wo + x) * co + k]!;
                  ref[(c * s * s + dy * s + dx) * co + k]! += (gi * go) / (b * ho * wo);
                }
              }
    const tIn = tf.tensor(gIn, [b, ho * s, wo * s, ci]);
    const tOut = tf.tensor(gOut, [b, ho, wo, co]);
    const m = await blockJacobian(tIn, tOut);
    tf.dispose([tIn, tOut]);
    expect([m.rows, m.cols]).toEqual([rows, co]);
    expect(largestSingularValue(m.values, m.rows, m.cols)).toBeCloseTo(
      largestSingularValue(ref, rows, co),
      4,
    );
    const sortedOurs = Array.from(m.values).sort((p, q) => p - q);
    const sortedRef = Array.from(ref).sort((p, q) => p - q);
    sortedOurs.forEach((v, i) => {
      expect(v).toBeCloseTo(sortedRef[i]!, 4);
    });
  });
});

const FIDELITY: Nb201Fidelity = { channels: 2, cellsPerStage: 1, batch: 8, classes: 10, resolution: 8 };
const CELL =
  '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|';
const IDENTITY_CELL = '|skip_connect~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|';
const DEAD_CELL = '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|none~0|none~1|none~2|';

function network(arch: string, fidelity = FIDELITY): Network {
  const cell = nb201FromString(arch);
  if (!cell.ok) throw new Error(cell.error);
  return nb201Network(cell.value, fidelity);
}

function batchFor(net: Network, n: number, seed: number): Batch {
  const rng = mulberry32(seed);
  const size = net.inputShape.reduce((a, b) => a * b, 1);
  const x = Float32Array.from({ length: n * size }, () => normal(rng));
  return {
    x,
    y: new Int32Array(n),
    n,
    shape: net.inputShape,
    spec: `normal noise, ${n} images, seed ${seed}`,
  };
}

/** Block l of a network at its weights and input, read through a probe at its output. */
interface BlockProbe {
  net: Network;
  params: ParamTensors;
  x: tf.Tensor;
  batchNorm: 'train' | 'eval';
  l: number;
  probe: tf.Tensor;
}

/** ⟨block l's output, probe⟩ with `input` fed in place of feature map l − 1: block l alone. */
function probedBlock({ net, params, x, batchNorm, l, probe }: BlockProbe, input: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    let seen = 0;
    let out: tf.Tensor | undefined;
    net.forward(x, params, {
      batchNorm,
      atBlockOutput: (t) => {
        const at = seen++;
        if (at === l - 1) return input;
        if (at === l) out = t;
        return t;
      },
    });
    return tf.sum(tf.mul(out!, probe)) as tf.Scalar;
  });
}

/** The gradient of block l's probed output alone, at feature map l − 1, in a pass of its own. */
function aloneGradient(block: BlockProbe, input: tf.Tensor): tf.Tensor {
  const zero = tf.zerosLike(input);
  const [g] = tf.grads((z: tf.Tensor) => probedBlock(block, tf.add(input, z)))([zero]);
  zero.dispose();
  return g!;
}

describe('AZ-NAS on NB201 networks', () => {
  it('one pass gives each block’s own VJP: ⟨J_lᵀ g_l, v⟩ equals a central difference of block l alone', async () => {
    const net = network(CELL);
    const params = initParams(net, 'kaiming_fan_in', 3);
    const batch = batchFor(net, 8, 4);
    const x = tf.tensor(batch.x, [batch.n, ...batch.shape]);
    const features = blockFeatures(net, params, x, 'train');
    // Stem, one cell per stage and two reductions: 1 + 3 + 2 feature maps.
    expect(features.length).toBe(6);
    const probes = blockProbes(features, 17);
    const gIns = blockInputGradients(net, params, x, 'train', features, probes);
    const rng = mulberry32(21);
    // Small enough that few ReLUs flip sign between F − εv and F + εv (ε = 1e-3 is 1.5 % off on block 1).
    const eps = 1e-4;
    for (let l = 1; l < features.length; l++) {
      const input = features[l - 1]!;
      const v = tf.tensor(
        Array.from({ length: input.size }, () => normal(rng)),
        input.shape,
      );
      const block: BlockProbe = { net, params, x, batchNorm: 'train', l, probe: probes[l - 1]! };
      const blockOutput = (shifted: tf.Tensor) => probedBlock(block, shifted);
      const plus = tf.add(input, tf.mul(v, eps));
      const minus = tf.sub(input, tf.mul(v, eps));
      const up = (await blockOutput(plus).data())[0]!;
      const down = (await blockOutput(minus).data())[0]!;
      const difference = (up - down) / (2 * eps);
      const autodiff = (await tf.sum(tf.mul(gIns[l - 1]!, v)).data())[0]!;
      expect(Math.abs(autodiff - difference)).toBeLessThan(1e-2 * Math.max(1, Math.abs(autodiff)));
      // And exactly the gradient of block l's term alone, taken in a pass of its own.
      const alone = aloneGradient(block, input);
      const gap = (await tf.max(tf.abs(tf.sub(alone, gIns[l - 1]!))).data())[0]!;
      expect(gap).toBeLessThan(1e-4 * Math.max(1, (await tf.max(tf.abs(alone)).data())[0]!));
      tf.dispose([v, plus, minus, alone]);
    }
    tf.dispose([...features, ...probes, ...gIns, x]);
    disposeParams(params);
  });

  it('scores are finite, reproducible per seed, and the entropies they report add up', async () => {
    const net = network(CELL);
    const input = { network: net, seed: 0, params: azExpressivityProxy.defaults, batch: batchFor(net, 8, 1) };
    const expressivity = await azExpressivityProxy.compute(input);
    const progressivity = await azProgressivityProxy.compute(input);
    const trainability = await azTrainabilityProxy.compute(input);
    for (const out of [expressivity, progressivity, trainability]) {
      expect(Number.isFinite(out.value)).toBe(true);
      expect(out.warnings).toEqual([]);
    }
    const entropies = expressivity.details.entropies as number[];
    expect(entropies.length).toBe(6);
    expect(expressivity.value).toBeCloseTo(
      entropies.reduce((s, e) => s + e, 0),
      10,
    );
    expect(progressivity.value).toBeCloseTo(
      Math.min(...entropies.slice(1).map((e, i) => e - entropies[i]!)),
      10,
    );
    // Each entropy lies in [0, log channels]: stem 2 channels, stages 2, 4, 8.
    const channels = [2, 2, 4, 4, 8, 8];
    entropies.forEach((e, i) => {
      expect(e).toBeGreaterThanOrEqual(-1e-6);
      expect(e).toBeLessThanOrEqual(Math.log(channels[i]!) + 1e-6);
    });
    expect((await azTrainabilityProxy.compute(input)).value).toBe(trainability.value);
    expect((await azTrainabilityProxy.compute({ ...input, seed: 1 })).value).not.toBe(trainability.value);
    expect(trainability.value).toBeLessThanOrEqual(0);
  });

  it('a cell that passes its input through makes trainability −∞, as the reference scores it', async () => {
    const net = network(IDENTITY_CELL);
    const out = await azTrainabilityProxy.compute({
      network: net,
      seed: 0,
      params: azTrainabilityProxy.defaults,
      batch: batchFor(net, 8, 1),
    });
    expect(out.value).toBe(Number.NEGATIVE_INFINITY);
    // The three cells pass through; the two reductions do not.
    expect(out.warnings[0]).toMatch(/^3 block\(s\) pass their input through unchanged/);
    expect((out.details.terms as number[]).filter(Number.isFinite).length).toBe(2);
  });

  it('dead cells score −∞ with a reason, and a bad parameter is named', async () => {
    const net = network(DEAD_CELL);
    const batch = batchFor(net, 8, 1);
    for (const proxy of [azExpressivityProxy, azProgressivityProxy, azTrainabilityProxy]) {
      const out = await proxy.compute({ network: net, seed: 0, params: proxy.defaults, batch });
      expect(out.value).toBe(Number.NEGATIVE_INFINITY);
      expect(out.warnings[0]).toContain('no path from input to output');
    }
    const live = network(CELL);
    const bad = await azExpressivityProxy.compute({
      network: live,
      seed: 0,
      params: { ...azExpressivityProxy.defaults, input: 'uniform' },
      batch: batchFor(live, 8, 1),
    });
    expect(bad.value).toBeNaN();
    expect(bad.warnings[0]).toBe('az_expressivity: input must be gaussian or data, got uniform');
  });
});

describe('AZ-NAS on ViTs (the authors’ AutoFormer reading)', () => {
  // A browser-space ViT at 16 px: 4x4 = 16 patch tokens + the class token, embed 64, two blocks.
  const arch: VitArch = { space: 'browser', embed: 64, mlpRatio: [2, 2], heads: [2, 2] };
  const net = vitNetwork(arch, { resolution: 16, classes: 10 });

  it('reads the residual stream after each attention and each MLP, and each sublayer’s VJP alone', async () => {
    const params = initParams(net, 'vit', 2);
    const batch = batchFor(net, 4, 3);
    const x = tf.tensor(batch.x, [batch.n, ...batch.shape]);
    const features = blockFeatures(net, params, x, 'eval');
    expect(features.map((f) => f.shape)).toEqual(Array.from({ length: 4 }, () => [4, 17, 64]));
    const probes = blockProbes(features, 5);
    const gIns = blockInputGradients(net, params, x, 'eval', features, probes);
    for (let l = 1; l < features.length; l++) {
      const input = features[l - 1]!;
      const alone = aloneGradient({ net, params, x, batchNorm: 'eval', l, probe: probes[l - 1]! }, input);
      const gap = (await tf.max(tf.abs(tf.sub(alone, gIns[l - 1]!))).data())[0]!;
      expect(gap).toBeLessThan(1e-4 * Math.max(1, (await tf.max(tf.abs(alone)).data())[0]!));
      alone.dispose();
    }
    tf.dispose([...features, ...probes, ...gIns, x]);
    disposeParams(params);
  });

  it('scores from the ViT initialisation; entropies within [0, log 64]; no progressivity', async () => {
    const input = { network: net, seed: 0, params: {}, batch: batchFor(net, 8, 1) };
    const params = PROXIES.resolvedParams('az_expressivity', {}, 'vit');
    expect(params.init).toBe('vit');
    const expressivity = await azExpressivityProxy.compute({ ...input, params });
    const trainability = await azTrainabilityProxy.compute({ ...input, params });
    expect(expressivity.warnings).toEqual([]);
    const entropies = expressivity.details.entropies as number[];
    expect(entropies).toHaveLength(4);
    for (const e of entropies) {
      expect(e).toBeGreaterThan(0);
      expect(e).toBeLessThanOrEqual(Math.log(64) + 1e-9);
    }
    expect(Number.isFinite(trainability.value)).toBe(true);
    expect(trainability.details.blocks).toBe(3);
    expect(azProgressivityProxy.spaces).toEqual(['nb201']);
  });
});
