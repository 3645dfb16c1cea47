/**
 * grad_norm (Abdelfattah et al., ICLR 2021; SamsungLabs/zero-cost-nas
 * foresight/pruners/measures/grad_norm.py): one backward pass of the mean cross-entropy of the
 * batch, BatchNorm in train mode; per conv/linear layer the Frobenius norm ‖∂L/∂W‖_F (PyTorch's
 * `weight.grad.norm()`), summed over layers (predictive.py's sum_arr).
 */
import { tf } from '../nn/tf';
import { type LossProblem, sumFloat64, weightLossGradients, withLossSetup } from './lossGradients';
import type { ProxyInput, ProxyOutput } from './types';

/** ‖∂L/∂W‖_F for each weight of the problem, in its order. */
export async function gradNormPerLayer(problem: LossProblem): Promise<Float32Array> {
  const { network, params, weights, x, labels } = problem;
  const norms = tf.tidy(() =>
    tf.stack(weightLossGradients(network, params, weights, x, labels).map((g) => tf.norm(g))),
  );
  const values = (await norms.data()) as Float32Array;
  norms.dispose();
  return values;
}

export async function gradNormOf(problem: LossProblem): Promise<ProxyOutput> {
  const perLayer = await gradNormPerLayer(problem);
  return {
    value: sumFloat64(perLayer),
    details: { perLayer: Array.from(perLayer), samples: problem.x.shape[0]! },
    warnings: [],
  };
}

export async function gradNormScore(input: ProxyInput): Promise<ProxyOutput> {
  const rules = {
    id: 'grad_norm',
    deadValue: 0,
    deadMeaning: 'every weight gradient is zero, grad_norm = 0',
    minSamples: 1,
    usesLabels: true,
  };
  return withLossSetup(input, rules, gradNormOf);
}
