/**
 * snip (Lee et al., ICLR 2019, as a proxy by Abdelfattah et al., ICLR 2021; SamsungLabs/zero-cost-nas
 * foresight/pruners/measures/snip.py): the reference multiplies each conv/linear weight by a mask of
 * ones and reads |∂L/∂mask| = |w · ∂L/∂w|; summed over every weight of every layer. Mean
 * cross-entropy of the batch, BatchNorm in train mode.
 */
import { tf } from '../nn/tf';
import {
  type LossProblem,
  sumFloat64,
  weightLossGradients,
  weightTensors,
  withLossSetup,
} from './lossGradients';
import type { ProxyInput, ProxyOutput } from './types';

/** Σ |w · ∂L/∂w| over each weight tensor of the problem, in its order. */
export async function snipPerLayer(problem: LossProblem): Promise<Float32Array> {
  const { network, params, weights, x, labels } = problem;
  const sums = tf.tidy(() => {
    const ws = weightTensors(params, weights);
    const grads = weightLossGradients(network, params, weights, x, labels);
    return tf.stack(grads.map((g, i) => tf.sum(tf.abs(tf.mul(ws[i]!, g)))));
  });
  const values = (await sums.data()) as Float32Array;
  sums.dispose();
  return values;
}

export async function snipOf(problem: LossProblem): Promise<ProxyOutput> {
  const perLayer = await snipPerLayer(problem);
  return {
    value: sumFloat64(perLayer),
    details: { perLayer: Array.from(perLayer), samples: problem.x.shape[0]! },
    warnings: [],
  };
}

export async function snipScore(input: ProxyInput): Promise<ProxyOutput> {
  const rules = {
    id: 'snip',
    deadValue: 0,
    deadMeaning: 'every weight gradient is zero, snip = 0',
    minSamples: 1,
    usesLabels: true,
  };
  return withLossSetup(input, rules, snipOf);
}
