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

/**
 * Gradients a double backward needs that tfjs 4.22 lacks or makes slow. They are swapped in only
 * while grasp builds its graph (the tape looks a gradient up when it records an op), then the
 * previous ones are put back, so nothing else in the app sees them.
 * - Conv2DBackpropFilter(x, dy) = Σ x-patches ⊗ dy has no gradient. It is bilinear: for an upstream
 *   G (filter-shaped) its adjoint in x is the input-gradient of a convolution with filter G,
 *   conv2dTranspose(dy, G), and in dy the convolution conv2d(x, G) (TensorFlow's own gradient).
 * - AvgPoolGrad(dy, input) = Aᵀ dy has none either: its gradient in dy is A G = avgPool(G), in input
 *   zero. Exact for 'valid' padding only (with 'same', tfjs's AvgPoolGrad divides by 9 at the
 *   borders while its AvgPool does not), so other paddings throw rather than mislead.
 * - Tile's gradient (which BatchNorm's gradient calls) adds one slice per repetition: 8 192 slices
 *   per BatchNorm at 32x32, batch 8, minutes of wasm time. Summing dy reshaped to
 *   [reps_i, size_i] along each tiled axis gives the same sums in a handful of ops.
 */
const SECOND_ORDER_GRADIENTS: tf.GradConfig[] = [
  {
    kernelName: tf.Conv2DBackpropFilter,
    inputsToSave: ['x', 'dy'],
    gradFunc: (upstream, saved, attrs) => {
      const [x, dy] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = upstream as tf.Tensor4D;
      const { strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
      if (dataFormat === 'NCHW') throw new Error('second-order convolution gradients support NHWC only');
      return {
        x: () => tf.conv2dTranspose(dy, g, x.shape, strides, pad, dimRoundingMode),
        dy: () => tf.conv2d(x, g, strides, pad, 'NHWC', 1, dimRoundingMode),
      };
    },
  },
  {
    kernelName: tf.AvgPoolGrad,
    inputsToSave: ['input'],
    gradFunc: (upstream, saved, attrs) => {
      const [input] = saved as [tf.Tensor4D];
      const { filterSize, strides, pad } = attrs as unknown as tf.AvgPoolGradAttrs;
      if (pad !== 'valid' && pad !== 0) {
        throw new Error(
          `second-order gradient of average pooling is exact for 'valid' padding only, got ${String(pad)}`,
        );
      }
      return {
        dy: () => tf.avgPool(upstream as tf.Tensor4D, filterSize, strides, 'valid'),
        input: () => tf.zerosLike(input),
      };
    },
  },
  {
    kernelName: tf.Tile,
    inputsToSave: ['x'],
    gradFunc: (upstream, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { reps } = attrs as unknown as tf.TileAttrs;
      return {
        x: () => {
          let grad = upstream as tf.Tensor;
          x.shape.forEach((size, axis) => {
            const times = reps[axis]!;
            if (times === 1) return;
            const split = [...grad.shape.slice(0, axis), times, size, ...grad.shape.slice(axis + 1)];
            grad = tf.sum(tf.reshape(grad, split), axis);
          });
          return grad;
        },
      };
    },
  },
];

function withSecondOrderGradients<T>(run: () => T): T {
  const previous = SECOND_ORDER_GRADIENTS.map((config) => tf.getGradient(config.kernelName));
  for (const config of SECOND_ORDER_GRADIENTS) tf.registerGradient(config);
  try {
    return run();
  } finally {
    SECOND_ORDER_GRADIENTS.forEach((config, i) => {
      tf.unregisterGradient(config.kernelName);
      const before = previous[i];
      if (before) tf.registerGradient(before);
    });
  }
}

/** Σ −w ⊙ Hg over each weight tensor of the problem, in its order. */
export async function graspPerLayer(problem: LossProblem, temperature = 1): Promise<Float32Array> {
  const { network, params, weights, x, labels } = problem;
  const ws = weightTensors(params, weights);
  const lossAt = (...current: tf.Tensor[]) =>
    crossEntropyLoss(trainLogits(network, withWeights(params, weights, current), x, temperature), labels);
  const sums = withSecondOrderGradients(() =>
    tf.tidy(() => {
      const g = gradients(lossAt, ws); // first order: the tape is freed as it goes
      // The outer pass frees its tape (forward and inner backward) as it goes.
      const hg = gradients((...outer: tf.Tensor[]) => {
        const inner = tf.grads(lossAt)(outer);
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
