/**
 * fisher never hands back a NaN as a score: a layer sum that is NaN (what a backend computing on a
 * heap it lost produces; here a NaN weight stands in for that garbage) makes the job fail with the
 * reason, and runScoreJob passes the failure on (the CLI then writes an error record, the app shows
 * the message) instead of a record with value NaN.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { getParam, type Network } from '../nn/network';
import { linearSpecs } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import { fisherOf } from './fisherScore';
import type { LossProblem } from './lossGradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** z = Wᵀx + b, reported to atLayerOutput as fisher's reference hooks nn.Linear. */
function linearNet(d: number, c: number): Network {
  return {
    arch: `linear ${d}→${c}`,
    specs: linearSpecs('fc', d, c),
    inputShape: [d],
    classes: c,
    forward: (x, params, opts) => {
      const z = tf.add(
        tf.matMul(x as tf.Tensor2D, getParam(params, 'fc.weight') as tf.Tensor2D),
        getParam(params, 'fc.bias'),
      ) as tf.Tensor2D;
      return (opts.atLayerOutput?.(z, 'fc.weight') ?? z) as tf.Tensor2D;
    },
    reachesOutput: () => true,
  };
}

function problem(weight: number[]): LossProblem {
  const network = linearNet(2, 2);
  return {
    network,
    params: new Map([
      ['fc.weight', tf.tensor(weight, [2, 2])],
      ['fc.bias', tf.zeros([2])],
    ]),
    weights: network.specs.filter((s) => s.role === 'linear_weight'),
    x: tf.tensor([1, 0, 0, 1], [2, 2]),
    labels: tf.tensor1d([0, 1], 'int32'),
  };
}

function free(p: LossProblem): void {
  for (const t of p.params.values()) t.dispose();
  p.x.dispose();
  p.labels.dispose();
}

describe('fisher and NaN', () => {
  it('scores finite weights: a finite value and no warning', async () => {
    const p = problem([0.5, -0.25, 0.1, 0.3]);
    const out = await fisherOf(p);
    free(p);
    expect(Number.isFinite(out.value)).toBe(true);
    expect(out.value).toBeGreaterThan(0);
    expect(out.warnings).toEqual([]);
  });

  it('fails with the reason when a layer comes out NaN, instead of returning NaN', async () => {
    const p = problem([Number.NaN, -0.25, 0.1, 0.3]);
    await expect(fisherOf(p)).rejects.toThrow(/fisher: layer 1 of 1 gave NaN .*no score/);
    free(p);
  });
});
