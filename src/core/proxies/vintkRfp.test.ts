import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../data/batch';
import { empiricalNtk, ntkWeightSpecs } from '../kernels/ntk';
import { disposeParams, initParams, type ParamTensors } from '../nn/network';
import { paramSize } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import { nb201Network } from '../spaces/nb201/nb201Network';
import type { VitArch } from '../spaces/vit/vit';
import { vitForward, vitNetwork } from '../spaces/vit/vitNetwork';
import { vitParamSpecs } from '../spaces/vit/vitParamSpecs';
import { deriveSeed, mulberry32, normal } from '../util/prng';
import { ntkCondProxy } from './ntkCond';
import { VINTK_RFP_DEFAULTS } from './paperDefaults';
import { getProxy } from './registry';
import { proxySpaceProblem } from './scoreJob';
import { vintkRfpProxy } from './vintkRfp';
import { fourierMatrix, fourierPatchEmbedding, vintkRfpNetwork } from './vintkRfpScore';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The smallest browser-space ViT (e = 64, two layers of 2 heads of 32, MLP ratio 2), patch 4. */
const ARCH: VitArch = { space: 'browser', embed: 64, mlpRatio: [2, 2], heads: [2, 2] };
/** 8x8 inputs: 2x2 = 4 tokens of 4x4x3 = 48 pixels; 3 classes. */
const FID = { resolution: 8, classes: 3 };
const PATCH = 4;
const INPUTS = 3 * PATCH * PATCH;

function randomBatch(n: number, seed: number, spec: string): Batch {
  const rng = mulberry32(seed);
  const x = Float32Array.from({ length: n * FID.resolution * FID.resolution * 3 }, () => normal(rng));
  return { x, y: new Int32Array(n), n, shape: [FID.resolution, FID.resolution, 3], spec };
}

/** Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (not ml-matrix's QL). */
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
          const mkp = m[k]![p]!;
          const mkq = m[k]![q]!;
          m[k]![p] = c * mkp - s * mkq;
          m[k]![q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p]![k]!;
          const mqk = m[q]![k]!;
          m[p]![k] = c * mpk - s * mqk;
          m[q]![k] = s * mpk + c * mqk;
        }
      }
    }
  }
  return m.map((row, i) => row[i]!).sort((x, y) => y - x);
}

/**
 * γ of every patch of image `i` of the batch, by hand in float64: tokens [rows, cols, 2F] with
 * p_k, k = (a·P + b)·3 + c, the pixel (P·r + a, P·col + b) channel c.
 */
function handTokens(batch: Batch, i: number, b: ArrayLike<number>, features: number): number[] {
  const size = FID.resolution;
  const grid = size / PATCH;
  const out: number[] = [];
  for (let r = 0; r < grid; r++) {
    for (let col = 0; col < grid; col++) {
      const p: number[] = [];
      for (let a = 0; a < PATCH; a++) {
        for (let bb = 0; bb < PATCH; bb++) {
          for (let c = 0; c < 3; c++) {
            p.push(batch.x[i * size * size * 3 + ((PATCH * r + a) * size + PATCH * col + bb) * 3 + c]!);
          }
        }
      }
      const phases = Array.from({ length: features }, (_, j) => {
        let sum = 0;
        for (let k = 0; k < p.length; k++) sum += b[j * p.length + k]! * p[k]!;
        return 2 * Math.PI * sum;
      });
      out.push(...phases.map(Math.cos), ...phases.map(Math.sin));
    }
  }
  return out;
}

describe('vintk_rfp registry entry', () => {
  it('is our reading, ViT only, with ntk_cond’s settings plus σ = 1 written into the formula', () => {
    expect(getProxy('vintk_rfp')).toBe(vintkRfpProxy);
    expect(vintkRfpProxy.ourReading).toBe(true);
    expect(vintkRfpProxy.spaces).toEqual(['vit']);
    expect(vintkRfpProxy.defaults).toEqual({ ...ntkCondProxy.defaults, sigma: 1 });
    expect(vintkRfpProxy.formula).toContain('γ(p) = [cos 2πBp, sin 2πBp]');
    expect(vintkRfpProxy.formula).toContain('N(0, σ²/(3P²))');
    expect(vintkRfpProxy.formula).toContain('−log10 κ(Θ)');
  });

  it('is refused for NB201 and MLP spaces by the space check', () => {
    expect(proxySpaceProblem('vintk_rfp', 'vit-browser')).toBeNull();
    expect(proxySpaceProblem('vintk_rfp', 'autoformer-tiny')).toBeNull();
    expect(proxySpaceProblem('vintk_rfp', 'nb201')).toMatch(
      /vintk_rfp does not apply to nb201.*applies to vit/,
    );
    expect(proxySpaceProblem('vintk_rfp', 'mlp')).toMatch(/does not apply to mlp/);
  });
});

describe('the random Fourier patch embedding', () => {
  it('maps each 2x2x3 patch p to [cos 2πBp, sin 2πBp], p in (row, column, channel) order', () => {
    // Image 4x4x3 (2x2 patches), pixel (y, x, c) = 0.1·y − 0.05·x + 0.3·c; B 2x12 by hand.
    const b = Float64Array.from({ length: 24 }, (_, t) => (t < 12 ? 0.01 * (t - 5) : 0.02 * ((t % 3) - 1)));
    const image = Float32Array.from({ length: 48 }, (_, t) => {
      const [y, x, c] = [Math.floor(t / 12), Math.floor(t / 3) % 4, t % 3];
      return 0.1 * y - 0.05 * x + 0.3 * c;
    });
    const out = tf.tidy(() =>
      Array.from(fourierPatchEmbedding(b, 2, 2)(tf.tensor4d(image, [1, 4, 4, 3]), 2).dataSync()),
    );
    const expected: number[] = [];
    for (const [r, col] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ] as const) {
      let phase0 = 0;
      let phase1 = 0;
      for (let a = 0; a < 2; a++) {
        for (let bb = 0; bb < 2; bb++) {
          for (let c = 0; c < 3; c++) {
            const k = (a * 2 + bb) * 3 + c;
            const pixel = 0.1 * (2 * r + a) - 0.05 * (2 * col + bb) + 0.3 * c;
            phase0 += 0.01 * (k - 5) * pixel;
            phase1 += 0.02 * ((k % 3) - 1) * pixel;
          }
        }
      }
      const w = 2 * Math.PI;
      expected.push(Math.cos(w * phase0), Math.cos(w * phase1), Math.sin(w * phase0), Math.sin(w * phase1));
    }
    expect(out).toHaveLength(16);
    out.forEach((v, t) => {
      expect(v).toBeCloseTo(expected[t]!, 6);
    });
  });

  it('draws B ~ N(0, σ²/(3P²)) from the seed’s "patch.rfp" stream, row-major', () => {
    const b = fourierMatrix(9, 32, INPUTS, 2);
    const rng = mulberry32(deriveSeed(9, 'patch.rfp'));
    const first = [normal(rng), normal(rng), normal(rng)].map((z) => (z * 2) / Math.sqrt(INPUTS));
    first.forEach((v, k) => {
      expect(b[k]).toBeCloseTo(v, 14);
    });
    const variance = b.reduce((s, v) => s + v * v, 0) / b.length;
    expect(Math.sqrt(variance)).toBeGreaterThan(0.9 * (2 / Math.sqrt(INPUTS)));
    expect(Math.sqrt(variance)).toBeLessThan(1.1 * (2 / Math.sqrt(INPUTS)));
    expect(fourierMatrix(10, 32, INPUTS, 2)[0]).not.toBe(b[0]);
  });

  it('refuses an odd embedding width', () => {
    expect(() => vintkRfpNetwork({ ...ARCH, embed: 65 }, FID, 0, 1)).toThrow(/e must be even.*e = 65/);
  });
});

describe('vintk_rfp’s Jacobian', () => {
  it('has no patch.conv or patch.bias: the network’s parameters and ntk_cond’s weights less those', () => {
    const full = vitParamSpecs(ARCH, FID);
    const size = (name: string) => paramSize(full.find((s) => s.name === name)!);
    const rfp = vintkRfpNetwork(ARCH, FID, 0, 1);
    const total = (specs: readonly { shape: readonly number[] }[]) =>
      specs.reduce((s, spec) => s + spec.shape.reduce((a, b) => a * b, 1), 0);
    expect(rfp.specs.map((s) => s.name)).not.toContain('patch.conv');
    expect(rfp.specs.map((s) => s.name)).not.toContain('patch.bias');
    expect(total(rfp.specs)).toBe(total(full) - size('patch.conv') - size('patch.bias'));
    // ntk_cond's weights (TE-NAS's "weight" rule), closed form for e = 64, width 64, hidden 128, 3
    // classes: per block LN γ 64 + qkv 64·192 + proj 64·64 + LN γ 64 + fc1 64·128 + fc2 128·64;
    // then head LN γ 64 and head 64·3. The learned embedding would add 4·4·3·64 = 3 072.
    const perBlock = 64 + 64 * 192 + 64 * 64 + 64 + 64 * 128 + 128 * 64;
    const weights = 2 * perBlock + 64 + 64 * 3;
    expect(total(ntkWeightSpecs(rfp, 'train'))).toBe(weights);
    expect(total(ntkWeightSpecs(vitNetwork(ARCH, FID), 'train'))).toBe(weights + 3072);
    expect(size('patch.conv')).toBe(3072);
  });
});

describe('vintk_rfp on a tiny ViT (4 images of 8x8, cpu)', () => {
  const seed = 3;
  const sigma = 1;
  const features = ARCH.embed / 2;
  const batch = randomBatch(4, 21, ''); // no spec: ntk_cond's run cache stays out of it

  /** Θ by hand: per-sample gradients of Σ_c f_c(x_i) by tf.grads in a loop, then J Jᵀ in float64. */
  function handGram(params: ParamTensors): number[][] {
    const b = fourierMatrix(seed, features, INPUTS, sigma);
    const names = [...params.keys()].filter((n) => /\.(weight|gamma)$/.test(n));
    const rows = Array.from({ length: batch.n }, (_, i) =>
      tf.tidy(() => {
        const tokens = tf.tensor4d(handTokens(batch, i, b, features), [1, 2, 2, ARCH.embed]);
        const x = tf.tensor4d(batch.x.slice(i * 192, (i + 1) * 192), [1, 8, 8, 3]);
        const grads = tf.grads((...ws: tf.Tensor[]) => {
          const local = new Map(params);
          names.forEach((n, k) => {
            local.set(n, ws[k]!);
          });
          const out = vitForward(x, ARCH, local, { batchNorm: 'train' }, { patchEmbedding: () => tokens });
          return tf.sum(out) as tf.Scalar;
        })(names.map((n) => params.get(n)!));
        return grads.flatMap((g) => Array.from(g.dataSync()));
      }),
    );
    expect(rows[0]).toHaveLength(2 * (64 + 64 * 192 + 64 * 64 + 64 + 64 * 128 + 128 * 64) + 64 + 64 * 3);
    return rows.map((gi) => rows.map((gj) => gi.reduce((s, v, k) => s + v * gj[k]!, 0)));
  }

  it('Θ equals J Jᵀ of per-sample gradients taken by hand, and the score is −log10 λmax/λmin of it', async () => {
    const network = vitNetwork(ARCH, FID);
    const rfp = vintkRfpNetwork(ARCH, FID, seed, sigma);
    const params = initParams(rfp, 'kaiming_fan_out', seed);
    const x = tf.tensor4d(batch.x, [4, 8, 8, 3]);
    try {
      const hand = handGram(params);
      const gram = await empiricalNtk(rfp, params, x, { batchNorm: 'train', outputs: 'summed' });
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) {
          expect(Math.abs(gram[i * 4 + j]! - hand[i]![j]!)).toBeLessThan(1e-4 * Math.abs(hand[i]![j]!));
        }
      }
      const eigen = jacobiEigenvalues(hand);
      expect(eigen[3]!).toBeGreaterThan(1e-7 * eigen[0]!); // no floor: κ is λmax/λmin itself
      const out = await vintkRfpProxy.compute({
        network,
        seed,
        params: { ...VINTK_RFP_DEFAULTS, repeats: 1 },
        batch,
      });
      expect(out.warnings).toEqual([]);
      expect(out.details.sigma).toBe(1);
      expect(out.details.method).toBe('batched'); // a ViT's NTK is batched (per-sample gradients above agree)
      expect(out.value).toBeCloseTo(-Math.log10(eigen[0]! / eigen[3]!), 4);
      const spectrum = out.details.eigenvalues as number[];
      spectrum.forEach((v, k) => {
        expect(Math.abs(v - eigen[k]!)).toBeLessThan(1e-4 * eigen[k]!);
      });
      const trace = hand.reduce((s, row, i) => s + row[i]!, 0);
      expect(Math.abs((out.details.trace as number) - trace)).toBeLessThan(1e-4 * trace);
      // A different kernel from ntk_cond's on the same network, seed and batch.
      const ntk = await ntkCondProxy.compute({ network, seed, params: { repeats: 1 }, batch });
      expect(Math.abs(ntk.value - out.value)).toBeGreaterThan(1e-3);
    } finally {
      x.dispose();
      disposeParams(params);
    }
  });

  it('keeps B fixed (from the job seed) across re-initialisations; σ changes the score', async () => {
    const network = vitNetwork(ARCH, FID);
    const rfp = vintkRfpNetwork(ARCH, FID, seed, 2);
    const x = tf.tensor4d(batch.x, [4, 8, 8, 3]);
    const perInit: number[] = [];
    try {
      for (const s of [seed, seed + 1]) {
        const params = initParams(rfp, 'kaiming_fan_out', s);
        const gram = await empiricalNtk(rfp, params, x, { batchNorm: 'train', outputs: 'summed' });
        disposeParams(params);
        const eigen = jacobiEigenvalues([0, 1, 2, 3].map((i) => Array.from(gram.slice(i * 4, i * 4 + 4))));
        perInit.push(-Math.log10(eigen[0]! / eigen[3]!));
      }
    } finally {
      x.dispose();
    }
    const two = await vintkRfpProxy.compute({ network, seed, params: { sigma: '2', repeats: 2 }, batch });
    expect(two.value).toBeCloseTo((perInit[0]! + perInit[1]!) / 2, 6);
    const one = await vintkRfpProxy.compute({ network, seed, params: { sigma: 1, repeats: 2 }, batch });
    expect(Math.abs(one.value - two.value)).toBeGreaterThan(1e-3);
  });
});

describe('vintk_rfp input checks', () => {
  const network = vitNetwork(ARCH, FID);
  const batch = randomBatch(4, 1, 'checks');

  it('rejects σ that is not a number in (0, 100] with a plain message and a NaN score', async () => {
    for (const sigma of [-1, 0, Number.NaN, 'wide', '', true, 101, Number.POSITIVE_INFINITY]) {
      const out = await vintkRfpProxy.compute({ network, seed: 0, params: { sigma }, batch });
      expect(out.value).toBeNaN();
      expect(out.warnings).toEqual([
        `vintk_rfp: σ (sigma, the frequency scale of the random Fourier features, in units of the patch norm) must be a number above 0 and at most 100, got "${String(sigma)}"`,
      ]);
    }
  });

  it('refuses a network that is not a ViT, and a missing batch, with plain messages', async () => {
    const nb201 = nb201Network([3, 2, 4, 1, 3, 1], {
      channels: 2,
      cellsPerStage: 1,
      batch: 4,
      classes: 3,
      resolution: 8,
    });
    const out = await vintkRfpProxy.compute({ network: nb201, seed: 0, params: VINTK_RFP_DEFAULTS, batch });
    expect(out.value).toBeNaN();
    expect(out.warnings.join(' ')).toMatch(/^vintk_rfp applies to ViT networks only; ".*" is not one/);
    const none = await vintkRfpProxy.compute({ network, seed: 0, params: VINTK_RFP_DEFAULTS });
    expect(none.value).toBeNaN();
    expect(none.warnings.join(' ')).toMatch(/needs a batch/);
  });
});
