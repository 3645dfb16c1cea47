/**
 * The gradient proxies on a real (tiny) NAS-Bench-201 network: channels 2, one cell per stage,
 * 8x8 inputs, a seeded batch of 8 normal images. Finite, deterministic per seed, the same on the
 * wasm backend as on cpu, grasp's double backward against a finite difference of gradients, and the
 * sentinels of a cell with no input→output path.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { onWasm } from '../../test/onWasm';
import type { Batch } from '../data/batch';
import { disposeParams, type ForwardOptions, initParams, type Network } from '../nn/network';
import { tf } from '../nn/tf';
import type { Nb201Fidelity } from '../spaces/fidelity';
import { type Nb201Cell, nb201FromString } from '../spaces/nb201/nb201';
import { nb201Network } from '../spaces/nb201/nb201Network';
import { mulberry32, normal } from '../util/prng';
import { fisherProxy } from './fisher';
import { gradAlignDetProxy, gradAlignProxy } from './gradAlign';
import { gradNormProxy } from './gradNorm';
import { graspProxy } from './grasp';
import { graspOf } from './graspScore';
import { jacobCovProxy } from './jacobCov';
import { gradientWeights, weightLossGradients } from './lossGradients';
import { snipProxy } from './snip';
import type { ProxyDefinition, ProxyInput } from './types';
import { zicoProxy } from './zico';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const FIDELITY: Nb201Fidelity = { channels: 2, cellsPerStage: 1, batch: 8, classes: 10, resolution: 8 };

function seededBatch(seed: number): Batch {
  const rng = mulberry32(seed);
  const n = FIDELITY.batch;
  const shape = [FIDELITY.resolution, FIDELITY.resolution, 3];
  const x = Float32Array.from({ length: n * shape.reduce((a, b) => a * b, 1) }, () => normal(rng));
  const y = Int32Array.from({ length: n }, () => Math.floor(rng() * FIDELITY.classes));
  return { x, y, n, shape, spec: `normal noise, ${n} images, seed ${seed}` };
}

function cell(s: string): Nb201Cell {
  const parsed = nb201FromString(s);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const CELL = cell(
  '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|',
);
const input = (network: Network, seed: number, batchSeed = 11): ProxyInput => ({
  network,
  seed,
  params: {},
  batch: seededBatch(batchSeed),
});

const PROXIES: ProxyDefinition[] = [
  gradNormProxy,
  snipProxy,
  graspProxy,
  fisherProxy,
  jacobCovProxy,
  zicoProxy,
  gradAlignProxy,
  gradAlignDetProxy,
];

/** Whether the network reports its conv/linear outputs to fisher's hook (ForwardOptions.atLayerOutput). */
function exposesLayerOutputs(network: Network): boolean {
  let calls = 0;
  const params = initParams(network, 'pytorch', 0);
  tf.tidy(() => {
    const opts: ForwardOptions = {
      batchNorm: 'train',
      atLayerOutput: (y) => {
        calls++;
        return y;
      },
    };
    network.forward(tf.zeros([2, ...network.inputShape]), params, opts);
  });
  disposeParams(params);
  return calls > 0;
}

describe('gradient proxies on a tiny NB201 network', () => {
  it('return a finite value, the same twice for one seed', async () => {
    const network = nb201Network(CELL, FIDELITY);
    expect(exposesLayerOutputs(network)).toBe(true);
    for (const proxy of PROXIES) {
      const a = await proxy.compute(input(network, 3));
      const b = await proxy.compute(input(network, 3));
      expect(b.value, proxy.id).toBe(a.value);
      expect(Number.isFinite(a.value), `${proxy.id} = ${a.value}`).toBe(true);
      expect(a.warnings, proxy.id).toEqual([]);
      const other = await proxy.compute(input(network, 4));
      expect(other.value, proxy.id).not.toBe(a.value);
    }
  });

  it('give the same values on the wasm backend as on cpu', async () => {
    const network = nb201Network(CELL, FIDELITY);
    for (const proxy of [gradNormProxy, snipProxy, graspProxy, zicoProxy, gradAlignProxy, jacobCovProxy]) {
      const onCpu = (await proxy.compute(input(network, 5))).value;
      const wasm = (await onWasm(() => proxy.compute(input(network, 5)))).value;
      expect(Math.abs(wasm - onCpu), `${proxy.id}: cpu ${onCpu}, wasm ${wasm}`).toBeLessThan(
        1e-3 * Math.abs(onCpu),
      );
    }
  });

  it("grasp's double backward matches a central difference of gradients, layer by layer", async () => {
    const network = nb201Network(CELL, FIDELITY);
    const batch = seededBatch(11);
    const params = initParams(network, 'pytorch', 6);
    const weights = gradientWeights(network);
    const x = tf.tensor(batch.x, [batch.n, ...batch.shape]);
    const labels = tf.tensor1d(batch.y, 'int32');
    const exact = await graspOf({ network, params, weights, x, labels });
    const g = weightLossGradients(network, params, weights, x, labels);
    /** ψ_l(t) = Σ W_l ⊙ ∇_{W_l} L(W + t g); grasp_l = −ψ_l'(0). */
    const psi = (t: number) =>
      tf.tidy(() => {
        const moved = new Map(params);
        weights.forEach((s, i) => {
          moved.set(s.name, tf.add(params.get(s.name)!, tf.mul(g[i]!, t)));
        });
        const grads = weightLossGradients(network, moved, weights, x, labels);
        return grads.map((gi, i) => tf.sum(tf.mul(params.get(weights[i]!.name)!, gi)).dataSync()[0]!);
      });
    // A small step: larger ones let ReLU units change sign between ±εg (the gradient jumps there),
    // and float32 rounding only reaches ~1e-3 here.
    const eps = 1e-5;
    const [plus, minus] = [psi(eps), psi(-eps)];
    const difference = plus.map((v, i) => -(v - minus[i]!) / (2 * eps));
    tf.dispose([...g, x, labels]);
    disposeParams(params);
    const perLayer = exact.details.perLayer as number[];
    expect(Math.abs(exact.value)).toBeGreaterThan(1);
    const total = difference.reduce((a, b) => a + b, 0);
    expect(Math.abs(total - exact.value), `exact ${exact.value}, difference ${total}`).toBeLessThan(
      0.01 * Math.abs(exact.value),
    );
    perLayer.forEach((v, i) => {
      expect(Math.abs(difference[i]! - v), weights[i]!.name).toBeLessThan(0.01);
    });
  });

  it('give each proxy its sentinel and a warning for a cell with no input→output path', async () => {
    const dead = nb201Network([0, 1, 1, 0, 0, 0], FIDELITY); // node 3 gets only 'none' edges
    expect(dead.deadReason).toBeDefined();
    const expected: Record<string, number> = {
      grad_norm: 0,
      snip: 0,
      grasp: 0,
      fisher: 0,
      zico: 0,
      jacob_cov: Number.NaN,
      gradalign: Number.NaN,
      gradalign_det: Number.NaN,
    };
    for (const proxy of PROXIES) {
      const out = await proxy.compute(input(dead, 0));
      expect(out.value, proxy.id).toBe(expected[proxy.id]);
      expect(out.warnings[0], proxy.id).toMatch(/no path/);
    }
  });
});
