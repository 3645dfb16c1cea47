import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../data/batch';
import { highPassBatch } from '../data/highPass';
import { conditionNumber, symmetricEigenvalues } from '../kernels/eigen';
import { empiricalNtk } from '../kernels/ntk';
import { disposeParams, initParams, type Network } from '../nn/network';
import { tf } from '../nn/tf';
import type { Nb201Fidelity } from '../spaces/fidelity';
import { nb201Network } from '../spaces/nb201/nb201Network';
import { vitFromString } from '../spaces/vit/vit';
import { vitBuilder } from '../spaces/vit/vitBuild';
import { vitNetwork } from '../spaces/vit/vitNetwork';
import { mulberry32, normal } from '../util/prng';
import { ntkCondProxy } from './ntkCond';
import { VINTK_DEFAULTS } from './paperDefaults';
import type { ProxyParams } from './types';
import { vintkProxy } from './vintk';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * The smallest architecture of the browser ViT space (embed 64, two layers, patch 4), built as the
 * app builds it, then at 16x16 inputs (16 tokens instead of 64) so each NTK takes about a second.
 */
function tinyVit(): Network {
  const built = vitBuilder('browser')('vit:web:e64:m2,2:h2,2', 'quick');
  if (!built.ok) throw new Error(built.error);
  const parsed = vitFromString(built.value.arch);
  if (!parsed.ok) throw new Error(parsed.error);
  return vitNetwork(parsed.value, { resolution: 16, classes: 10 });
}

/** NB201 at C = 2, one cell per stage, 8x8 images. */
const TINY_NB201: Nb201Fidelity = { channels: 2, cellsPerStage: 1, batch: 8, classes: 10, resolution: 8 };
const CELL = [3, 2, 4, 1, 3, 1] as const;

/** Smooth random images (a random walk along each row) so both frequency bands carry energy. */
function imageBatch(shape: number[], n: number, seed: number, spec: string): Batch {
  const size = shape.reduce((a, b) => a * b, 1);
  const rng = mulberry32(seed);
  const x = new Float32Array(n * size);
  let walk = 0;
  for (let i = 0; i < x.length; i++) {
    walk = 0.8 * walk + normal(rng);
    x[i] = walk;
  }
  return { x, y: new Int32Array(n), n, shape, spec };
}

describe('vintk registry entry', () => {
  it('is labelled our reading, keeps ntk_cond’s NTK settings and adds r = 0.25, α = 0.5', () => {
    expect(vintkProxy.id).toBe('vintk');
    expect(vintkProxy.ourReading).toBe(true);
    expect(vintkProxy.formula).toMatch(/−\[\(1−α\)·log10 κ\(Θ_lo\) \+ α·log10 κ\(Θ_hi\)\]/);
    expect(vintkProxy.defaults).toEqual({ ...ntkCondProxy.defaults, r: 0.25, alpha: 0.5 });
    expect(vintkProxy.spaces).toEqual(['nb201', 'vit']);
    expect(vintkProxy.needsData).toBe(true);
  });
});

describe('vintk on a tiny browser-space ViT (8 images of 16x16, cpu)', () => {
  const network = tinyVit();
  // An empty spec turns off ntk_cond's sharing of recent runs: each call below computes its own NTK.
  const batch = imageBatch([16, 16, 3], 8, 11, '');

  it('equals ntk_cond exactly when α = 0 (same network, batch, seed), and exposes both sides', async () => {
    const params: ProxyParams = { ...VINTK_DEFAULTS, alpha: 0, repeats: 1 };
    const vintk = await vintkProxy.compute({ network, seed: 5, params, batch });
    const ntk = await ntkCondProxy.compute({ network, seed: 5, params: { repeats: 1 }, batch });
    expect(Number.isFinite(ntk.value)).toBe(true);
    expect(vintk.value).toBe(ntk.value);
    expect(vintk.details.scoreLo).toBe(ntk.value);
    expect(vintk.details.r).toBe(0.25);
    expect(vintk.details.alpha).toBe(0);
    const lo = vintk.details.spectrumLo as number[];
    const hi = vintk.details.spectrumHi as number[];
    expect(lo).toHaveLength(8);
    expect(hi).toHaveLength(8);
    expect(lo[0]).toBe(1);
    expect(hi[0]).toBe(1);
    const eigenvalues = ntk.details.eigenvalues as number[];
    expect(lo[7]).toBeCloseTo(eigenvalues[7]! / eigenvalues[0]!, 12);
    expect(vintk.details.kappaLo as number).toBeCloseTo(10 ** -ntk.value, 6);
    expect(vintk.details.log10KappaPerInitHi as number[]).toHaveLength(1);
    // The high-passed batch is a different input: a different κ.
    expect(vintk.details.scoreHi).not.toBe(vintk.details.scoreLo);
  });

  it('equals −log10 κ of Θ on the high-passed batch, from empiricalNtk + conditionNumber, when α = 1', async () => {
    const seed = 2;
    const params: ProxyParams = { alpha: 1, r: 0.4, repeats: 1 };
    const vintk = await vintkProxy.compute({ network, seed, params, batch });
    const high = highPassBatch(batch, 0.4);
    const x = tf.tensor(high.x, [high.n, ...high.shape]);
    const weights = initParams(network, 'kaiming_fan_out', seed);
    try {
      const gram = await empiricalNtk(network, weights, x, { batchNorm: 'train', outputs: 'summed' });
      const { kappa, rankDeficient } = conditionNumber(symmetricEigenvalues(gram, 8));
      expect(rankDeficient).toBe(false);
      expect(vintk.value).toBe(-Math.log10(kappa));
      expect(vintk.details.r).toBe(0.4);
    } finally {
      x.dispose();
      disposeParams(weights);
    }
  });
});

describe('vintk on a tiny NAS-Bench-201 network (8 images of 8x8, cpu)', () => {
  const network = nb201Network(CELL, TINY_NB201);
  const batch = imageBatch([8, 8, 3], 8, 3, 'nb201 vintk test batch');

  it('mixes ntk_cond of the batch and of its high-passed copy with weights 1−α and α', async () => {
    const params: ProxyParams = { r: 0.3, alpha: 0.3, repeats: 1 };
    const vintk = await vintkProxy.compute({ network, seed: 0, params, batch });
    const lo = await ntkCondProxy.compute({ network, seed: 0, params: { repeats: 1 }, batch });
    const hi = await ntkCondProxy.compute({
      network,
      seed: 0,
      params: { repeats: 1 },
      batch: { ...highPassBatch(batch, 0.3), spec: '' }, // computed afresh, not shared
    });
    expect(Number.isFinite(lo.value) && Number.isFinite(hi.value)).toBe(true);
    expect(lo.value).not.toBeCloseTo(hi.value, 3);
    expect(vintk.value).toBeCloseTo(0.7 * lo.value + 0.3 * hi.value, 12);
    expect(vintk.details.scoreHi).toBe(hi.value);
    expect(vintk.warnings).toEqual([]);
  });

  it('r = 0 removes nothing: Θ_hi = Θ_lo, so α has no effect (any network; no rescaling happens)', async () => {
    const base: ProxyParams = { r: 0, repeats: 1 };
    const scores = await Promise.all(
      [0, 0.5, 1].map(async (alpha) => {
        const out = await vintkProxy.compute({ network, seed: 1, params: { ...base, alpha }, batch });
        return out.value;
      }),
    );
    expect(Number.isFinite(scores[0]!)).toBe(true);
    expect(scores[1]).toBe(scores[0]);
    expect(scores[2]).toBe(scores[0]);
  });

  it('scores a dead cell (no path) −5 on both sides, as ntk_cond does', async () => {
    const dead = nb201Network([0, 0, 0, 0, 0, 0], TINY_NB201);
    const out = await vintkProxy.compute({ network: dead, seed: 0, params: VINTK_DEFAULTS, batch });
    expect(out.value).toBe(-5);
    expect(out.details.sentinelLo).toBe(true);
    expect(out.details.sentinelHi).toBe(true);
  });

  it('warns when r is past every frequency (the high-passed batch is all zeros)', async () => {
    const out = await vintkProxy.compute({ network, seed: 0, params: { r: 1.5, repeats: 1 }, batch });
    expect(out.warnings.join(' ')).toMatch(/removes every frequency/);
  });
});

describe('vintk input checks', () => {
  const network = nb201Network(CELL, TINY_NB201);
  const batch = imageBatch([8, 8, 3], 8, 3, 'checks');

  it('rejects r outside [0, 1.5] and α outside [0, 1] with plain messages, NaN score', async () => {
    for (const [params, message] of [
      [{ r: -0.1 }, /r \(the cut-off radius.*\[0, 1\.5\], got "-0\.1"/],
      [{ r: 2 }, /\[0, 1\.5\], got "2"/],
      [{ r: 'wide' }, /got "wide"/],
      [{ alpha: 1.2 }, /α \(alpha.*\[0, 1\], got "1\.2"/],
      [{ alpha: true }, /got "true"/],
    ] as const) {
      const out = await vintkProxy.compute({ network, seed: 0, params, batch });
      expect(out.value).toBeNaN();
      expect(out.warnings.join(' ')).toMatch(message);
    }
  });

  it('takes numbers written as text (share links, command line)', async () => {
    const asText = await vintkProxy.compute({
      network,
      seed: 0,
      params: { r: '0.3', alpha: '0', repeats: 1 },
      batch,
    });
    const ntk = await ntkCondProxy.compute({ network, seed: 0, params: { repeats: 1 }, batch });
    expect(asText.details.r).toBe(0.3);
    expect(asText.value).toBe(ntk.value);
  });

  it('needs a batch of images', async () => {
    const none = await vintkProxy.compute({ network, seed: 0, params: {} });
    expect(none.value).toBeNaN();
    expect(none.warnings).toEqual(['vintk needs a batch of images; none was given']);
    const vectors: Batch = { x: new Float32Array(16), y: new Int32Array(8), n: 8, shape: [2], spec: 'v' };
    const flat = await vintkProxy.compute({ network, seed: 0, params: {}, batch: vectors });
    expect(flat.value).toBeNaN();
    expect(flat.warnings.join(' ')).toMatch(/\[height, width, channels\], got \[2\]/);
  });
});
