import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { nb201Input } from '../../test/nb201Input';
import { onWasm } from '../../test/onWasm';
import { initialValues } from '../nn/init';
import { isWeight } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import { FIDELITY_PRESETS, type Nb201Fidelity } from '../spaces/fidelity';
import { type Nb201Cell, nb201FromString } from '../spaces/nb201/nb201';
import { nb201Forward } from '../spaces/nb201/nb201Network';
import { nb201ParamSpecs } from '../spaces/nb201/nb201ParamSpecs';
import { vitNetwork } from '../spaces/vit/vitNetwork';
import { synflowProxy } from './synflow';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The textbook computation, no rescaling: fine wherever float32 does not overflow. */
function naiveSynflow(cell: Nb201Cell, fidelity: Nb201Fidelity, seed: number) {
  return tf.tidy(() => {
    const specs = nb201ParamSpecs(cell, fidelity);
    const params = new Map(
      specs.map((s) => [s.name, tf.tensor(initialValues(s, 'pytorch', seed).map(Math.abs), s.shape)]),
    );
    const weights = specs.filter(isWeight);
    const x = tf.ones([1, fidelity.resolution, fidelity.resolution, 3]) as tf.Tensor4D;
    const grads = tf.grads((...ws: tf.Tensor[]) => {
      const local = new Map(params);
      ws.forEach((w, i) => {
        local.set(weights[i]!.name, w);
      });
      return tf.sum(nb201Forward(x, cell, fidelity, local, { batchNorm: 'none' })) as tf.Scalar;
    })(weights.map((s) => params.get(s.name)!));
    const perLayer = weights.map((s, i) => tf.sum(tf.mul(params.get(s.name)!, grads[i]!)).dataSync()[0]!);
    const logits = nb201Forward(x, cell, fidelity, params, { batchNorm: 'none' });
    const outputSum = tf.sum(logits).dataSync()[0]!;
    const biasSum = tf.sum(params.get('head.fc.bias')!).dataSync()[0]!;
    return { perLayer, names: weights.map((s) => s.name), rNoBias: outputSum - biasSum };
  });
}

const cells = [
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|',
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|',
  '|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|',
].map((s) => {
  const parsed = nb201FromString(s);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
});

describe('synflow', () => {
  it('equals the naive float32 computation where that does not overflow (quick fidelity)', async () => {
    for (const cell of cells) {
      const naive = naiveSynflow(cell, FIDELITY_PRESETS.quick, 3);
      const expected = Math.log10(naive.perLayer.reduce((a, b) => a + Math.abs(b), 0));
      const { value } = await synflowProxy.compute(nb201Input(cell, FIDELITY_PRESETS.quick, 3));
      expect(Math.abs(value - expected)).toBeLessThan(1e-4);
    }
  });

  it('satisfies Euler: layers every path crosses contribute exactly R (bias excluded)', () => {
    // R is linear in the stem weights and in the classifier weights, so Σ w ∂R/∂w over either equals R.
    const naive = naiveSynflow(cells[0]!, FIDELITY_PRESETS.quick, 5);
    for (const name of ['stem.conv', 'head.fc.weight']) {
      const contribution = naive.perLayer[naive.names.indexOf(name)]!;
      expect(Math.abs(contribution / naive.rNoBias - 1)).toBeLessThan(1e-4);
    }
  });

  it('stays finite at paper fidelity where the plain value passes float32 range (wasm)', async () => {
    const cell = [3, 3, 3, 3, 3, 3] as const;
    const { value, warnings } = await onWasm(() =>
      synflowProxy.compute(nb201Input(cell, FIDELITY_PRESETS.paper, 0)),
    );
    expect(warnings).toEqual([]);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(38.5); // log10 of float32's largest value is 38.53
  });

  it('gives the same value on the wasm backend as on cpu', async () => {
    for (const cell of cells) {
      const input = nb201Input(cell, FIDELITY_PRESETS.quick, 4);
      const onCpu = (await synflowProxy.compute(input)).value;
      const wasm = (await onWasm(() => synflowProxy.compute(input))).value;
      expect(Math.abs(wasm - onCpu) / Math.abs(onCpu)).toBeLessThan(1e-5);
    }
  });

  it('ignores convolutions whose output never reaches the cell output (they contribute 0)', async () => {
    const dangling = [3, 3, 0, 0, 0, 4] as const; // the 0→1 conv feeds node 1, which feeds nothing
    const without = [0, 3, 0, 0, 0, 4] as const;
    const run = (cell: Nb201Cell) => synflowProxy.compute(nb201Input(cell, FIDELITY_PRESETS.quick, 2));
    const a = await run(dangling);
    expect(a.warnings).toEqual([]);
    expect(Math.abs(a.value - (await run(without)).value)).toBeLessThan(1e-5);
  });

  it('returns −∞ with a warning for a cell with no path from input to output', async () => {
    const dead = [0, 1, 1, 0, 0, 0] as const;
    const out = await synflowProxy.compute(nb201Input(dead, FIDELITY_PRESETS.quick, 0));
    expect(out.value).toBe(Number.NEGATIVE_INFINITY);
    expect(out.warnings[0]).toMatch(/no path/);
  });

  it('is deterministic per seed and changes with the seed', async () => {
    const run = (seed: number) => synflowProxy.compute(nb201Input(cells[1]!, FIDELITY_PRESETS.quick, seed));
    expect((await run(1)).value).toBe((await run(1)).value);
    expect((await run(1)).value).not.toBe((await run(2)).value);
  });
});

describe('synflow on a ViT (no bottleneck to rescale at)', () => {
  it('equals Σ|θ ⊙ ∂R/∂θ| element by element, computed directly in float32', async () => {
    const net = vitNetwork(
      { space: 'browser', embed: 32, mlpRatio: [2, 4], heads: [2, 4] },
      { resolution: 8, classes: 5 },
    );
    const expected = tf.tidy(() => {
      const params = new Map(
        net.specs.map((s) => [s.name, tf.tensor(initialValues(s, 'pytorch', 1).map(Math.abs), s.shape)]),
      );
      const weights = net.specs.filter(isWeight);
      const x = tf.ones([1, ...net.inputShape]);
      const grads = tf.grads((...ws: tf.Tensor[]) => {
        const local = new Map(params);
        ws.forEach((w, i) => {
          local.set(weights[i]!.name, w);
        });
        return tf.sum(net.forward(x, local, { batchNorm: 'none' })) as tf.Scalar;
      })(weights.map((s) => params.get(s.name)!));
      let total = 0;
      weights.forEach((s, i) => {
        const products = tf.mul(params.get(s.name)!, grads[i]!).dataSync();
        for (const v of products) total += Math.abs(v);
      });
      return total;
    });
    const out = await synflowProxy.compute({ network: net, seed: 1, params: { init: 'pytorch' } });
    expect(out.warnings).toEqual([]);
    expect(out.value).toBeCloseTo(Math.log10(expected), 5);
  });
});
