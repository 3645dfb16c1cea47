/**
 * What the gradient-based zero-cost proxies share: the cross-entropy loss of a Network on a data
 * Batch (mean over the batch, as PyTorch's F.cross_entropy, the loss_fn of SamsungLabs/zero-cost-nas
 * predictive.py), gradients of that loss with respect to the weights (conv and linear weight
 * tensors: the nn.Conv2d / nn.Linear `.weight`s of p_utils.get_layer_metric_array), per-sample
 * gradients by a loop, and the checks every proxy makes before computing.
 *
 * BatchNorm runs in train mode (batch statistics) throughout: the reference builds every measure
 * with bn=True on a network in train mode.
 */
import type { Batch } from '../data/batch';
import { gradients } from '../nn/backprop';
import { INIT_SCHEMES, type InitScheme } from '../nn/init';
import { disposeParams, initParams, type Network, type ParamTensors } from '../nn/network';
import { isWeight, type ParamSpec } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import type { ProxyInput, ProxyOutput, ProxyParams } from './types';

/**
 * Mean cross-entropy −(1/N) Σ_n log softmax(z_n)[y_n] of logits and one-hot targets, with its
 * gradient (softmax(z) − t)/N written out. Why not tf.logSoftmax: its gradient reads the op's saved
 * output, which tfjs's tape does not connect back to the logits, so a second derivative through it
 * (grasp's Hessian-vector product) silently loses the softmax curvature. Here the gradient is
 * rebuilt from the saved input z, which the tape does connect.
 */
const softmaxCrossEntropy = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [logits, targets, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([logits, targets]);
  const value = tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)));
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [z, t] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.mul(dy, tf.div(tf.sub(tf.softmax(z), t), z.shape[0])), tf.zerosLike(t)];
    },
  };
});

/** Mean cross-entropy −(1/N) Σ_n log softmax(z_n)[y_n], as PyTorch's F.cross_entropy. */
export function crossEntropyLoss(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    // oneHot in int32 then cast: tfjs-backend-wasm 4.22's OneHot writes int32 bits whatever dtype is asked.
    const targets = tf.cast(tf.oneHot(labels, logits.shape[1]), 'float32');
    return softmaxCrossEntropy(logits, targets) as tf.Scalar;
  });
}

/**
 * Weights whose gradient the proxies read: conv and linear weights that can reach the output.
 * The others (a convolution on a dead-end cell edge) get exactly zero gradient in the reference,
 * and autodiff here refuses them, so they are left out; they contribute 0 to every sum.
 */
export function gradientWeights(network: Network): ParamSpec[] {
  return network.specs.filter((spec) => isWeight(spec) && network.reachesOutput(spec));
}

/** A copy of `params` with the listed weights replaced (the differentiation variables). */
export function withWeights(params: ParamTensors, specs: readonly ParamSpec[], weights: tf.Tensor[]) {
  const local = new Map(params);
  specs.forEach((spec, i) => {
    local.set(spec.name, weights[i]!);
  });
  return local;
}

export function weightTensors(params: ParamTensors, specs: readonly ParamSpec[]): tf.Tensor[] {
  return specs.map((spec) => {
    const t = params.get(spec.name);
    if (!t) throw new Error(`missing parameter ${spec.name}`);
    return t;
  });
}

/** Logits in BatchNorm train mode, optionally divided by a temperature (GraSP's T). */
export function trainLogits(
  network: Network,
  params: ParamTensors,
  x: tf.Tensor,
  temperature = 1,
): tf.Tensor2D {
  const logits = network.forward(x, params, { batchNorm: 'train' });
  return temperature === 1 ? logits : tf.div(logits, temperature);
}

/** ∂L/∂W for each listed weight, L = mean cross-entropy of the batch (x, labels). */
export function weightLossGradients(
  network: Network,
  params: ParamTensors,
  specs: readonly ParamSpec[],
  x: tf.Tensor,
  labels: tf.Tensor1D,
): tf.Tensor[] {
  return gradients(
    (...ws: tf.Tensor[]) => crossEntropyLoss(trainLogits(network, withWeights(params, specs, ws), x), labels),
    weightTensors(params, specs),
  );
}

/**
 * Per-sample gradients g_n = ∇_W CE(f(x_n), y_n), one sample at a time through the network (so
 * BatchNorm in train mode normalises with that sample's own spatial statistics), flattened and
 * concatenated over the listed weights: rows of an [N, P] matrix.
 */
export function perSampleLossGradients(
  network: Network,
  params: ParamTensors,
  specs: readonly ParamSpec[],
  x: tf.Tensor,
  labels: tf.Tensor1D,
): tf.Tensor2D {
  const n = x.shape[0]!;
  const rows: tf.Tensor1D[] = [];
  try {
    for (let i = 0; i < n; i++) {
      rows.push(
        tf.tidy(() => {
          const xi = tf.slice(x, i, 1);
          const yi = tf.slice(labels, i, 1);
          const grads = weightLossGradients(network, params, specs, xi, yi);
          return tf.concat(grads.map((g) => tf.reshape(g, [-1]))) as tf.Tensor1D;
        }),
      );
    }
    return tf.stack(rows) as tf.Tensor2D;
  } finally {
    for (const r of rows) r.dispose();
  }
}

/** The batch as tensors: inputs [N, ...shape] and int32 labels [N]. */
export function batchTensors(batch: Batch): { x: tf.Tensor; labels: tf.Tensor1D } {
  return {
    x: tf.tensor(batch.x, [batch.n, ...batch.shape]),
    labels: tf.tensor1d(batch.y, 'int32'),
  };
}

/** Why the batch cannot feed this network, or undefined when it can. */
export function batchProblem(
  network: Network,
  batch: Batch | undefined,
  minSamples: number,
  checkLabels = true,
): string | undefined {
  if (!batch) return 'needs a data batch (none was given)';
  const shape = network.inputShape;
  if (batch.shape.length !== shape.length || batch.shape.some((d, i) => d !== shape[i])) {
    return `batch samples have shape [${batch.shape.join(', ')}], the network wants [${shape.join(', ')}]`;
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (batch.x.length !== batch.n * size || batch.y.length !== batch.n) {
    return `batch arrays do not hold ${batch.n} samples`;
  }
  if (batch.n < minSamples) return `needs at least ${minSamples} samples, the batch has ${batch.n}`;
  if (!checkLabels) return undefined;
  for (const label of batch.y) {
    if (!(label >= 0 && label < network.classes)) {
      return `label ${label} is outside the network's ${network.classes} classes`;
    }
  }
  return undefined;
}

/** The init scheme named by params.init (default 'pytorch', PyTorch's default init). */
export function initSchemeParam(params: ProxyParams): InitScheme | undefined {
  const value = params.init ?? 'pytorch';
  return INIT_SCHEMES.find((s) => s === value);
}

/** A finite number parameter, its default when absent; undefined when present but unusable. */
export function numberParam(params: ProxyParams, key: string, fallback: number): number | undefined {
  const value = params[key] ?? fallback;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function failure(value: number, warning: string): ProxyOutput {
  return { value, details: {}, warnings: [warning] };
}

/** A network, its parameters and a batch: what a gradient proxy's value is a function of. */
export interface LossProblem {
  network: Network;
  params: ParamTensors;
  /** The weights differentiated (see gradientWeights). */
  weights: readonly ParamSpec[];
  x: tf.Tensor;
  labels: tf.Tensor1D;
}

/** A LossProblem built from a ProxyInput; dispose() frees its tensors. */
export interface LossSetup extends LossProblem {
  n: number;
  dispose(): void;
}

export interface SetupRules {
  /** The proxy's id, for warnings. */
  id: string;
  /** The value a network with no input→output path gets (the reference's, where it has one). */
  deadValue: number;
  /** What that value means, shown as the warning. */
  deadMeaning: string;
  minSamples: number;
  /** False for proxies that never read the labels (jacob_cov). */
  usesLabels: boolean;
}

/**
 * Checks the input (dead network, batch, init parameter) and, when it can be scored, initialises
 * the parameters from the seed and uploads the batch. Returns the early output otherwise.
 */
export function lossSetup(input: ProxyInput, rules: SetupRules): LossSetup | ProxyOutput {
  const { network, batch } = input;
  if (network.deadReason) {
    return failure(rules.deadValue, `${network.deadReason}: ${rules.deadMeaning}`);
  }
  const problem = batchProblem(network, batch, rules.minSamples, rules.usesLabels);
  if (problem || !batch) return failure(Number.NaN, `${rules.id}: ${problem ?? 'needs a data batch'}`);
  const weights = gradientWeights(network);
  if (weights.length === 0) {
    return failure(rules.deadValue, `no conv or linear weight reaches the output: ${rules.deadMeaning}`);
  }
  const scheme = initSchemeParam(input.params);
  if (!scheme) return failure(Number.NaN, `${rules.id}: unknown init scheme ${String(input.params.init)}`);
  const params = initParams(network, scheme, input.seed);
  const { x, labels } = batchTensors(batch);
  return {
    network,
    params,
    weights,
    x,
    labels,
    n: batch.n,
    dispose() {
      disposeParams(params);
      x.dispose();
      labels.dispose();
    },
  };
}

function isEarlyOutput(setup: LossSetup | ProxyOutput): setup is ProxyOutput {
  return 'value' in setup;
}

/** Runs `score` on the set-up problem (or returns the early output) and frees the tensors after. */
export async function withLossSetup(
  input: ProxyInput,
  rules: SetupRules,
  score: (setup: LossSetup) => Promise<ProxyOutput>,
): Promise<ProxyOutput> {
  const setup = lossSetup(input, rules);
  if (isEarlyOutput(setup)) return setup;
  try {
    return await score(setup);
  } finally {
    setup.dispose();
  }
}

/** Σ of float32 per-layer values in float64. */
export function sumFloat64(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
