import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { onWasm } from '../../test/onWasm';
import { relativeMaxAbs } from '../lab/ntkCompare';
import { disposeParams, initParams, type Network } from '../nn/network';
import { tf } from '../nn/tf';
import { vitFromString } from '../spaces/vit/vit';
import { vitNetwork } from '../spaces/vit/vitNetwork';
import { mulberry32, normal } from '../util/prng';
import { conditionNumber, symmetricEigenvalues } from './eigen';
import { chooseNtkMethod, empiricalNtk, type NtkOptions, preferPositions } from './ntk';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A browser-space ViT (patch 4) at 16 px: 16 patches + the class token, 10 classes. */
function tinyVit(): Network {
  const arch = vitFromString('vit:web:e64:m2,3:h2,4');
  if (!arch.ok) throw new Error(arch.error);
  return vitNetwork(arch.value, { resolution: 16, classes: 10 });
}

/** Kaiming weights; LayerNorm γ, β and the embeddings drawn at random so that none is trivial. */
function randomParams(net: Network, seed: number): Map<string, tf.Tensor> {
  const params = initParams(net, 'kaiming_fan_out', seed);
  const rng = mulberry32(seed + 100);
  for (const spec of net.specs) {
    if (!['ln_gamma', 'ln_beta', 'embedding', 'linear_bias', 'conv_bias'].includes(spec.role)) continue;
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: size }, () =>
      spec.role === 'ln_gamma' ? 0.5 + Math.abs(normal(rng)) : 0.3 * normal(rng),
    );
    params.get(spec.name)!.dispose();
    params.set(spec.name, tf.tensor(values, spec.shape));
  }
  return params;
}

function images(n: number, seed: number): tf.Tensor4D {
  const rng = mulberry32(seed);
  return tf.tensor4d(
    Float32Array.from({ length: n * 16 * 16 * 3 }, () => normal(rng)),
    [n, 16, 16, 3],
  );
}

function kappa(gram: Float64Array, rows: number): number {
  return conditionNumber(symmetricEigenvalues(gram, rows)).kappa;
}

describe('batched NTK of vision transformers against the per-sample loop', () => {
  it('is chosen automatically: a ViT reports every layer and its LayerNorm takes per-sample γ', () => {
    expect(chooseNtkMethod(tinyVit(), { batchNorm: 'train' })).toBe('batched');
  });

  it('takes both exact routes on this network: token Grams for 6 rows, gradient columns for 60', () => {
    // fc1 of the tiny ViT: 17 tokens, 64 → 128 (summed NTK: 6 rows; per logit: 6 x 10 rows).
    expect(preferPositions(6, 17, 64, 128, 2 ** 25)).toBe(true);
    expect(preferPositions(60, 17, 64, 128, 2 ** 25)).toBe(false);
    // A budget too small for the token Grams falls back to columns.
    expect(preferPositions(6, 17, 64, 128, 1000)).toBe(false);
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    const kinds = backend === 'wasm' ? (['summed', 'per_logit'] as const) : (['summed'] as const);
    it(`agrees with the loop to 1e-4 (κ to 1e-3) on ${backend}: ${kinds.join(' and ')}`, async () => {
      const run = async () => {
        const net = tinyVit();
        const params = randomParams(net, 5);
        const x = images(6, 9);
        try {
          for (const outputs of kinds) {
            const opts: NtkOptions = { batchNorm: 'train', outputs };
            const batched = await empiricalNtk(net, params, x, { ...opts, mode: 'batched' });
            const loop = await empiricalNtk(net, params, x, { ...opts, mode: 'loop' });
            const rows = outputs === 'summed' ? 6 : 60;
            expect(batched.length).toBe(rows * rows);
            expect(relativeMaxAbs(batched, loop)).toBeLessThan(1e-4);
            const [kb, kl] = [kappa(batched, rows), kappa(loop, rows)];
            expect(Math.abs(kb - kl) / kl).toBeLessThan(1e-3);
          }
        } finally {
          x.dispose();
          disposeParams(params);
        }
      };
      if (backend === 'wasm') await onWasm(run);
      else await run();
    });
  }

  it('gives the same Θ under a memory cap that forces gradient columns in small blocks', async () => {
    const net = tinyVit();
    const params = randomParams(net, 2);
    const x = images(4, 3);
    const free = await empiricalNtk(net, params, x, { batchNorm: 'train', mode: 'batched' });
    const capped = await empiricalNtk(net, params, x, {
      batchNorm: 'train',
      mode: 'batched',
      maxGradientFloats: 256,
    });
    expect(relativeMaxAbs(capped, free)).toBeLessThan(1e-5);
    x.dispose();
    disposeParams(params);
  });

  it('leaves no tensor behind', async () => {
    const net = tinyVit();
    const params = randomParams(net, 1);
    const x = images(3, 4);
    const before = tf.memory().numTensors;
    await empiricalNtk(net, params, x, { batchNorm: 'train', mode: 'batched', outputs: 'per_logit' });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    disposeParams(params);
  });
});
