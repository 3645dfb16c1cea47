/**
 * grasp (Wang et al., ICLR 2020, as a proxy by Abdelfattah et al., ICLR 2021; SamsungLabs/zero-cost-nas
 * foresight/pruners/measures/grasp.py with its defaults T = 1, num_iters = 1, split_data = 1):
 *   g  = ∂L/∂W, detached (pass 1);
 *   Hg = ∂/∂W [Σ_layers Σ g ⊙ ∂L/∂W] (pass 2, double backward: a Hessian-vector product);
 *   per weight −w ⊙ Hg (the reference's sign: "accuracy seems to be negatively correlated with this
 *   metric, so we add -ve sign"), summed over every conv/linear weight.
 * L is the mean cross-entropy of logits / T, BatchNorm in train mode. H is the weight-weight block of
 * the Hessian: g covers only the weights, as `grad_w` does there.
 *
 * A double backward in tfjs is exact only if every forward op's gradient is built from the op's
 * saved inputs: the tape does not connect a saved *output* back to the input, so ops whose gradient
 * reads their output (Exp, Softmax, LogSoftmax, Tanh, Sigmoid, Elu, Pow) lose their curvature
 * silently. NB201's ops (conv, BatchNorm, ReLU, pooling, mean, matMul) are all of the first kind,
 * and the loss (lossGradients.ts) writes its softmax gradient from its input; ViT attention is not.
 */

import { gradients } from '../nn/backprop';
import { withSecondOrderGradients } from '../nn/secondOrder';
import { tf } from '../nn/tf';
import {
  crossEntropyLoss,
  failure,
  type LossProblem,
  numberParam,
  sumFloat64,
  trainLogits,
  weightTensors,
  withLossSetup,
  withWeights,
} from './lossGradients';
import type { ProxyInput, ProxyOutput } from './types';

const SUBMIT_BATCH = 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE';

/**
 * On WebGPU, runs with every dispatch submitted on its own. tfjs-backend-webgpu 4.22 queues up to
 * 15 dispatches per submit, and grasp's double backward then came out wrong on SwiftShader (0, or
 * twice the cpu value, changing from run to run; e2e/webgpu-proxies.spec.ts) while every
 * first-order proxy was right; submitting each dispatch gave the cpu value to 2e-6, at about the
 * same speed. Elsewhere nothing changes.
 */
async function submittingEachDispatch<T>(run: () => Promise<T>): Promise<T> {
  if (tf.getBackend() !== 'webgpu') return run();
  const before = tf.env().get(SUBMIT_BATCH);
  tf.env().set(SUBMIT_BATCH, 1);
  try {
    return await run();
  } finally {
    tf.env().set(SUBMIT_BATCH, before);
  }
}

/** Σ −w ⊙ Hg over each weight tensor of the problem, in its order. */
export function graspPerLayer(problem: LossProblem, temperature = 1): Promise<Float32Array> {
  return submittingEachDispatch(() => hessianGradientSums(problem, temperature));
}

async function hessianGradientSums(problem: LossProblem, temperature: number): Promise<Float32Array> {
  const { network, params, weights, x, labels } = problem;
  const ws = weightTensors(params, weights);
  const lossAt = (...current: tf.Tensor[]) =>
    crossEntropyLoss(trainLogits(network, withWeights(params, weights, current), x, temperature), labels);
  const sums = withSecondOrderGradients(() =>
    tf.tidy(() => {
      const g = gradients(lossAt, ws); // first order: the tape is freed as it goes
      // The outer pass frees its tape (forward and inner backward) as it goes.
      const hg = gradients((...outer: tf.Tensor[]) => {
        const inner = gradients(lossAt, outer);
        return tf.addN(inner.map((gi, i) => tf.sum(tf.mul(g[i]!, gi)))) as tf.Scalar;
      }, ws);
      return tf.stack(hg.map((h, i) => tf.neg(tf.sum(tf.mul(ws[i]!, h)))));
    }),
  );
  const values = (await sums.data()) as Float32Array;
  sums.dispose();
  return values;
}

export async function graspOf(problem: LossProblem, temperature = 1): Promise<ProxyOutput> {
  const perLayer = await graspPerLayer(problem, temperature);
  return {
    value: sumFloat64(perLayer),
    details: { perLayer: Array.from(perLayer), samples: problem.x.shape[0]!, T: temperature },
    warnings: [],
  };
}

export async function graspScore(input: ProxyInput): Promise<ProxyOutput> {
  const temperature = numberParam(input.params, 'T', 1);
  if (temperature === undefined || temperature <= 0) {
    return failure(
      Number.NaN,
      `grasp: temperature T must be a positive number, got ${String(input.params.T)}`,
    );
  }
  const rules = {
    id: 'grasp',
    deadValue: 0,
    deadMeaning: 'every weight gradient is zero, grasp = 0',
    minSamples: 1,
    usesLabels: true,
  };
  return withLossSetup(input, rules, (setup) => graspOf(setup, temperature));
}
