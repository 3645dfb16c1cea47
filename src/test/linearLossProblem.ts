/**
 * Loss problems on hand-written linear networks, for proxy tests whose expected values are worked
 * out in plain JS: z = Wᵀx (+ b), the output reported to atLayerOutput under 'fc.weight' as the
 * reference implementations hook nn.Linear.
 */
import { getParam, type Network } from '../core/nn/network';
import { isWeight, linearSpecs } from '../core/nn/paramSpec';
import { tf } from '../core/nn/tf';
import type { LossProblem } from '../core/proxies/lossGradients';

/** z = Wᵀx, W [d, c]; with `bias`, z = Wᵀx + b. */
export function linearNet(d: number, c: number, { bias = false } = {}): Network {
  const [weight, biasSpec] = linearSpecs('fc', d, c);
  return {
    arch: `linear ${d}→${c}${bias ? ' + b' : ''}`,
    specs: bias ? [weight!, biasSpec!] : [weight!],
    inputShape: [d],
    classes: c,
    forward: (x, params, opts) => {
      const wx = tf.matMul(x as tf.Tensor2D, getParam(params, 'fc.weight') as tf.Tensor2D);
      const z = (bias ? tf.add(wx, getParam(params, 'fc.bias')) : wx) as tf.Tensor2D;
      return (opts?.atLayerOutput?.(z, 'fc.weight') ?? z) as tf.Tensor2D;
    },
    reachesOutput: () => true,
  };
}

/**
 * A LossProblem with hand-set parameters (row-major values by name, shape from the network's specs;
 * a parameter not given starts at zero). Its weights are the conv and linear weights.
 */
export function handProblem(
  network: Network,
  values: Record<string, number[]>,
  x: number[],
  y: number[],
): LossProblem {
  const params = new Map(
    network.specs.map((s) => [
      s.name,
      values[s.name] ? tf.tensor(values[s.name]!, s.shape) : tf.zeros(s.shape),
    ]),
  );
  return {
    network,
    params,
    weights: network.specs.filter(isWeight),
    x: tf.tensor(x, [y.length, ...network.inputShape]),
    labels: tf.tensor1d(y, 'int32'),
  };
}

export function freeProblem(p: LossProblem): void {
  for (const t of p.params.values()) t.dispose();
  p.x.dispose();
  p.labels.dispose();
}

/** A generic linear case: D = 3 inputs, C = 4 classes, N = 5 samples (rows of X, labels Y, W [D, C]). */
export const GENERIC_LINEAR_CASE = {
  X: [
    [0.5, -1.2, 0.3],
    [1.1, 0.4, -0.7],
    [-0.3, 0.9, 1.5],
    [0.8, -0.6, -1.1],
    [-1.4, 0.2, 0.6],
  ],
  Y: [2, 0, 3, 1, 2],
  W: [
    [0.3, -0.5, 0.8, 0.1],
    [-0.2, 0.7, -0.4, 0.6],
    [0.9, 0.05, -0.3, -0.8],
  ],
} as const satisfies { X: number[][]; Y: number[]; W: number[][] };
