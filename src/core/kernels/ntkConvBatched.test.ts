import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { onWasm } from '../../test/onWasm';
import { disposeParams, getParam, initParams, type Network, type ParamTensors } from '../nn/network';
import { convSpec, linearSpecs } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import type { Nb201Fidelity } from '../spaces/fidelity';
import type { Nb201Cell } from '../spaces/nb201/nb201';
import { nb201Network } from '../spaces/nb201/nb201Network';
import { mulberry32, normal } from '../util/prng';
import { chooseNtkMethod, empiricalNtk, type NtkOptions, ntkWeightSpecs } from './ntk';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** C = 4, one cell per stage, 8x8 images, 3 classes: every conv shape of NB201, tiny. */
const TINY: Nb201Fidelity = { channels: 4, cellsPerStage: 1, batch: 4, classes: 3, resolution: 8 };
/** Ops 0 none, 1 skip, 2 conv 1x1, 3 conv 3x3, 4 avg pool on edges (0→1) (0→2) (1→2) (0→3) (1→3) (2→3). */
const CELLS: Nb201Cell[] = [
  [3, 2, 4, 1, 3, 2], // every op but none, every edge live
  [2, 3, 0, 4, 1, 0], // none edges; node 2 feeds nothing, so the 3x3 conv on (0→2) is dead
];

/** max |a − b| / max |b|. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

/** Kaiming weights, and BatchNorm γ, β drawn at random so that eval-mode BatchNorm is not trivial. */
function randomParams(net: Network, seed: number): Map<string, tf.Tensor> {
  const params = initParams(net, 'kaiming_fan_out', seed);
  const rng = mulberry32(seed + 100);
  for (const spec of net.specs) {
    if (spec.role !== 'bn_gamma' && spec.role !== 'bn_beta') continue;
    const values = Float32Array.from({ length: spec.shape[0]! }, () =>
      spec.role === 'bn_gamma' ? 0.5 + Math.abs(normal(rng)) : 0.3 * normal(rng),
    );
    params.get(spec.name)!.dispose();
    params.set(spec.name, tf.tensor1d(values));
  }
  return params;
}

function images(n: number, seed: number): tf.Tensor4D {
  return tf.randomNormal([n, TINY.resolution, TINY.resolution, 3], 0, 1, 'float32', seed) as tf.Tensor4D;
}

async function ntk(net: Network, params: ParamTensors, x: tf.Tensor, opts: NtkOptions) {
  return empiricalNtk(net, params, x, opts);
}

/**
 * Three tanh convs NB201 never has, on 7x7x2 images: 3x3 stride 2 no padding (odd padded size),
 * 2x2 stride 1 padding 1 (even kernel, output larger than input), 3x3 stride 3 padding 1; then the
 * spatial mean and a linear layer. It reports its layers as Network.perSampleLayers asks.
 */
function oddConvNetwork(): Network {
  const convs = [
    { name: 'c1.conv', k: 3, cin: 2, cout: 3, stride: 2, pad: 0 },
    { name: 'c2.conv', k: 2, cin: 3, cout: 4, stride: 1, pad: 1 },
    { name: 'c3.conv', k: 3, cin: 4, cout: 2, stride: 3, pad: 1 },
  ];
  return {
    arch: 'odd convs',
    specs: [...convs.map((c) => convSpec(c.name, c.k, c.cin, c.cout)), ...linearSpecs('fc', 2, 2)],
    inputShape: [7, 7, 2],
    classes: 2,
    forward: (x, params, opts) => {
      let h = x as tf.Tensor4D;
      for (const { name, stride, pad } of convs) {
        opts.atLayerInput?.(h, name, { stride, pad });
        let y: tf.Tensor = tf.conv2d(h, getParam(params, name) as tf.Tensor4D, stride, pad);
        if (opts.atLayerOutput) y = opts.atLayerOutput(y, name);
        h = tf.tanh(y) as tf.Tensor4D;
      }
      const pooled = tf.mean(h, [1, 2]);
      opts.atLayerInput?.(pooled, 'fc.weight');
      let out: tf.Tensor = tf.add(
        tf.matMul(pooled, getParam(params, 'fc.weight')),
        getParam(params, 'fc.bias'),
      );
      if (opts.atLayerOutput) out = opts.atLayerOutput(out, 'fc.weight');
      return out as tf.Tensor2D;
    },
    reachesOutput: () => true,
    perSampleLayers: true,
  };
}

describe('batched NTK of NB201 networks (BatchNorm eval or none) against the per-sample loop', () => {
  it('picks the batched method automatically exactly where samples do not interact', () => {
    const net = nb201Network(CELLS[0]!, TINY);
    expect(chooseNtkMethod(net, { batchNorm: 'eval' })).toBe('batched');
    expect(chooseNtkMethod(net, { batchNorm: 'none', outputs: 'per_logit' })).toBe('batched');
    expect(chooseNtkMethod(net, { batchNorm: 'train' })).toBe('loop');
    expect(chooseNtkMethod(net, { mode: 'loop', batchNorm: 'eval' })).toBe('loop');
    expect(() => chooseNtkMethod(net, { mode: 'batched', batchNorm: 'train' })).toThrow(/train mode/);
  });

  for (const [c, cell] of CELLS.entries()) {
    for (const batchNorm of ['eval', 'none'] as const) {
      it(`agrees to 1e-5 on cell ${c} with BatchNorm ${batchNorm}, summed and per logit`, async () => {
        const net = nb201Network(cell, TINY);
        const params = randomParams(net, 7 + c);
        const x = images(4, 11 + c);
        const specs = ntkWeightSpecs(net, batchNorm);
        // The dead conv of cell 1 is left out; γ enters only when BatchNorm is applied.
        expect(specs.some((spec) => spec.name === 's0.c0.e1.conv')).toBe(c === 0);
        expect(specs.some((spec) => spec.role === 'bn_gamma')).toBe(batchNorm === 'eval');
        for (const outputs of ['summed', 'per_logit'] as const) {
          const batched = await ntk(net, params, x, { mode: 'batched', batchNorm, outputs });
          const loop = await ntk(net, params, x, { mode: 'loop', batchNorm, outputs });
          expect(batched.length).toBe(outputs === 'summed' ? 16 : 144);
          expect(relativeError(batched, loop)).toBeLessThan(1e-5);
        }
        x.dispose();
        disposeParams(params);
      });
    }
  }

  it('agrees on convs with odd padded sizes, even kernels and stride 3, on cpu and wasm', async () => {
    const net = oddConvNetwork();
    const params = initParams(net, 'pytorch', 4);
    const x = tf.randomNormal([5, 7, 7, 2], 0, 1, 'float32', 6);
    for (const outputs of ['summed', 'per_logit'] as const) {
      const loop = await ntk(net, params, x, { mode: 'loop', batchNorm: 'none', outputs });
      const batched = await ntk(net, params, x, { batchNorm: 'none', outputs });
      expect(relativeError(batched, loop)).toBeLessThan(1e-5);
      // wasm slices the shifted inputs in one piece (cpu row by row).
      const wasm = await onWasm(async () => {
        const [p, input] = [
          new Map([...params].map(([k, t]) => [k, tf.tensor(t.dataSync(), t.shape)])),
          tf.tensor(x.dataSync(), x.shape),
        ];
        try {
          return await ntk(net, p, input, { batchNorm: 'none', outputs });
        } finally {
          disposeParams(p);
          input.dispose();
        }
      });
      expect(relativeError(wasm, loop)).toBeLessThan(1e-5);
    }
    x.dispose();
    disposeParams(params);
  });

  it('gives the same Θ when a tiny memory cap splits G into blocks of single output channels', async () => {
    // 40 floats over 4 rows: every block is [4, ≤ 10], so convs split over output channels and
    // nothing is joined; γ (4 to 16 channels) and linear layers take their own paths.
    const net = nb201Network(CELLS[0]!, TINY);
    const params = randomParams(net, 3);
    const x = images(4, 5);
    const whole = await ntk(net, params, x, { mode: 'batched', batchNorm: 'eval' });
    const split = await ntk(net, params, x, { mode: 'batched', batchNorm: 'eval', maxGradientFloats: 40 });
    const loop = await ntk(net, params, x, { mode: 'loop', batchNorm: 'eval' });
    expect(relativeError(split, whole)).toBeLessThan(1e-5);
    expect(relativeError(split, loop)).toBeLessThan(1e-5);
    x.dispose();
    disposeParams(params);
  });

  it('leaves no tensor behind', async () => {
    const net = nb201Network(CELLS[1]!, TINY);
    const params = randomParams(net, 1);
    const x = images(3, 2);
    const before = tf.memory().numTensors;
    for (const batchNorm of ['eval', 'none'] as const) {
      for (const outputs of ['summed', 'per_logit'] as const) {
        await ntk(net, params, x, { mode: 'batched', batchNorm, outputs });
        await ntk(net, params, x, { mode: 'batched', batchNorm, outputs, maxGradientFloats: 64 });
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    disposeParams(params);
  });
});
