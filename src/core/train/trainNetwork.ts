/**
 * Trains any Network (NB201 cell, ViT, MLP) by a TrainSchedule and measures its test accuracy:
 * the "short training" ground truth. Parameters live in tf.Variables initialised exactly as the
 * proxies initialise them (initParams, PyTorch's defaults unless told otherwise), the loss is the
 * proxies' mean cross-entropy, and every random choice (subsets, batch order, weights) is seeded in
 * JS, so the same schedule and seed give the same accuracy and loss curve on a given backend.
 *
 * BatchNorm. The networks here have no running statistics: their 'eval' mode normalises with a
 * fresh network's mean 0 and variance 1, which is wrong after training. So training uses 'train'
 * mode (batch statistics, as PyTorch), and so does evaluation, over test batches of
 * schedule.evalBatchSize mixed-class images (100 in the presets): per-channel statistics over
 * 100 images × every pixel position are close to the population statistics a running average
 * would hold. Predictions then depend a little on the other images of their evaluation batch, the
 * same way for every network, which is why evalBatchSize is part of the schedule. Networks
 * without BatchNorm are evaluated in 'eval' mode, per sample, in chunks of the training batch size
 * (the result does not depend on it, and memory stays at the training step's).
 *
 * Memory: a step keeps every activation of the forward pass until its backward pass is done; the
 * wasm heap, which never shrinks, grew to about 0.3 GB for an NB201 quick cell at batch 32 and
 * 1.2 GB for the largest vit-browser network.
 */
import { type InitScheme, initialValues } from '../nn/init';
import type { Network } from '../nn/network';
import { isWeight } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import { crossEntropyLoss } from '../proxies/lossGradients';
import { createOptimizer } from './optimizer';
import { learningRateAt, scheduleProblem, type TrainSchedule, totalSteps } from './schedule';
import { batchSchedule, classBalancedSubset, type TrainingData } from './trainingData';
import { withTrainingGradients } from './trainingGradients';

export interface TrainOptions {
  /** After every step: its index (0-based), its mean training loss, ms since training began. */
  onProgress?: (step: number, loss: number, elapsedMs: number, totalSteps: number) => void;
  /** Checked between steps; when aborted, trainNetwork rejects with TrainingCancelledError. */
  signal?: AbortSignal;
  /** Also measure test accuracy every this many steps (the curve); default: only at the end. */
  evalEvery?: number;
  /** With evalEvery: after each point of the curve (the final one too), the steps done and the accuracy. */
  onEvaluate?: (step: number, accuracy: number, elapsedMs: number) => void;
  /** Initialisation (default 'pytorch', the proxies' default). */
  init?: InitScheme;
  /** Return the trained parameters (the caller disposes them). */
  keepParams?: boolean;
  /** Clock in ms (default performance.now). */
  now?: () => number;
}

export interface TrainResult {
  /** Fraction of the test subset classified correctly, in [0, 1]; NaN when training diverged. */
  testAccuracy: number;
  testCorrect: number;
  testCount: number;
  /** Mean cross-entropy of every step's batch (before that step's update). */
  trainLoss: { step: number; loss: number }[];
  /** Test accuracy after the given number of steps (when evalEvery was set; ends with the final). */
  testAccuracyCurve?: { step: number; accuracy: number }[];
  /** Steps taken. */
  steps: number;
  /** Wall time of training and evaluation, ms. */
  ms: number;
  /** The tfjs backend that trained. */
  backend: string;
  /** Things the reader of the accuracy should know (dead network, divergence). */
  warnings: string[];
  params?: Map<string, tf.Tensor>;
}

export class TrainingCancelledError extends Error {
  override name = 'TrainingCancelledError';
  constructor(readonly step: number) {
    super(`training cancelled after ${step} step(s)`);
  }
}

function hasBatchNorm(network: Network): boolean {
  return network.specs.some((spec) => spec.role === 'bn_gamma');
}

/** Lets a worker read its messages (a cancel) while a long synchronous loop runs. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Why this data cannot train this network, or undefined when it can. */
export function trainDataProblem(
  network: Network,
  train: TrainingData,
  test: TrainingData,
): string | undefined {
  for (const data of [train, test]) {
    if (!sameShape(data.sampleShape, network.inputShape)) {
      return `${data.name} gives samples of shape [${data.sampleShape.join(', ')}], the network takes [${network.inputShape.join(', ')}]`;
    }
    if (data.classes !== network.classes) {
      return `${data.name} has ${data.classes} classes, the network outputs ${network.classes}`;
    }
  }
  return undefined;
}

/** Splits n items into ⌈n/size⌉ consecutive chunks of near-equal length (none tiny). */
export function evenChunks<T>(items: readonly T[], size: number): T[][] {
  const count = Math.ceil(items.length / size);
  return Array.from({ length: count }, (_, k) =>
    items.slice(Math.floor((k * items.length) / count), Math.floor(((k + 1) * items.length) / count)),
  );
}

/** Correct predictions over the test subset, in evaluation batches. */
async function countCorrect(
  network: Network,
  params: ReadonlyMap<string, tf.Tensor>,
  test: TrainingData,
  chunks: readonly number[][],
  batchNorm: 'train' | 'eval',
): Promise<number> {
  let correct = 0;
  for (const indices of chunks) {
    const hits = tf.tidy(() => {
      const x = tf.tensor(test.inputs(indices), [indices.length, ...test.sampleShape]);
      const labels = tf.tensor1d(
        Int32Array.from(indices, (i) => test.labels[i]!),
        'int32',
      );
      const predicted = tf.argMax(network.forward(x, params, { batchNorm }), 1);
      return tf.sum(tf.cast(tf.equal(predicted, labels), 'int32'));
    });
    try {
      correct += (await hits.data())[0]!;
    } finally {
      hits.dispose();
    }
  }
  return correct;
}

/**
 * Trains `network` on `train` by `schedule` and measures its accuracy on `test`. Rejects with a
 * plain message for a bad schedule or data that does not fit the network, and with
 * TrainingCancelledError when options.signal aborts. All tensors it makes are freed (except the
 * parameters returned with keepParams).
 */
export async function trainNetwork(
  network: Network,
  train: TrainingData,
  test: TrainingData,
  schedule: TrainSchedule,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const problem = scheduleProblem(schedule) ?? trainDataProblem(network, train, test);
  if (problem) throw new Error(problem);
  const now = options.now ?? (() => performance.now());
  const started = now();
  const trainSubset = classBalancedSubset(train, schedule.trainSubset.perClass, 'train');
  const testSubset = classBalancedSubset(test, schedule.testSubset.perClass, 'test');
  const steps = totalSteps(schedule, trainSubset.length);
  const batchAt = batchSchedule(trainSubset, schedule.batchSize, schedule.seed);
  const evalMode = hasBatchNorm(network) ? 'train' : 'eval';
  const chunks = evenChunks(testSubset, evalMode === 'train' ? schedule.evalBatchSize : schedule.batchSize);
  const warnings = network.deadReason
    ? [`${network.deadReason}: the network can only learn the class frequencies`]
    : [];

  const scheme = options.init ?? 'pytorch';
  const variables = new Map<string, tf.Variable>();
  for (const spec of network.specs) {
    const initial = tf.tensor(initialValues(spec, scheme, schedule.seed), spec.shape);
    // Tensors that cannot reach the output get no gradient; they stay fixed.
    variables.set(spec.name, tf.variable(initial, network.reachesOutput(spec)));
    initial.dispose();
  }
  const trained = network.specs.filter((spec) => network.reachesOutput(spec));
  const trainedVars = trained.map((spec) => variables.get(spec.name)!);
  const specOfVariable = new Map(trained.map((spec) => [variables.get(spec.name)!.name, spec.name]));
  const decayed = new Set(trained.filter(isWeight).map((spec) => spec.name));
  const optimizer = createOptimizer(
    schedule.optimizer,
    new Map(trained.map((spec) => [spec.name, variables.get(spec.name)!])),
    decayed,
    schedule.weightDecay,
  );

  const trainLoss: { step: number; loss: number }[] = [];
  const curve: { step: number; accuracy: number }[] = [];
  let lastYield = now();
  let keep = false;
  try {
    let step = 0;
    for (; step < steps; step++) {
      if (options.signal) {
        if (now() - lastYield > 50) {
          await nextTask();
          lastYield = now();
        }
        if (options.signal.aborted) throw new TrainingCancelledError(step);
      }
      const indices = batchAt(step);
      const lr = learningRateAt(schedule, step, steps);
      // Forward and backward inside one synchronous call, with the lean gradients.
      const lossTensor = withTrainingGradients(() =>
        tf.tidy(() => {
          const x = tf.tensor(train.inputs(indices), [indices.length, ...train.sampleShape]);
          const labels = tf.tensor1d(
            Int32Array.from(indices, (i) => train.labels[i]!),
            'int32',
          );
          const { value, grads } = tf.variableGrads(
            () => crossEntropyLoss(network.forward(x, variables, { batchNorm: 'train' }), labels),
            trainedVars,
          );
          const named = new Map<string, tf.Tensor>();
          for (const [varName, grad] of Object.entries(grads)) {
            const name = specOfVariable.get(varName);
            if (name && grad) named.set(name, grad);
          }
          optimizer.apply(named, lr);
          return value;
        }),
      );
      let loss: number;
      try {
        loss = (await lossTensor.data())[0]!;
      } finally {
        lossTensor.dispose();
      }
      trainLoss.push({ step, loss });
      options.onProgress?.(step, loss, now() - started, steps);
      if (!Number.isFinite(loss)) {
        warnings.push(`training diverged at step ${step} (loss ${loss}); no accuracy`);
        step++;
        break;
      }
      if (options.evalEvery && (step + 1) % options.evalEvery === 0 && step + 1 < steps) {
        const correct = await countCorrect(network, variables, test, chunks, evalMode);
        curve.push({ step: step + 1, accuracy: correct / testSubset.length });
        options.onEvaluate?.(step + 1, correct / testSubset.length, now() - started);
      }
    }
    const diverged = trainLoss.some((point) => !Number.isFinite(point.loss));
    const testCorrect = diverged ? 0 : await countCorrect(network, variables, test, chunks, evalMode);
    const testAccuracy = diverged ? Number.NaN : testCorrect / testSubset.length;
    if (options.evalEvery) {
      curve.push({ step, accuracy: testAccuracy });
      options.onEvaluate?.(step, testAccuracy, now() - started);
    }
    keep = options.keepParams === true;
    return {
      testAccuracy,
      testCorrect,
      testCount: testSubset.length,
      trainLoss,
      ...(options.evalEvery ? { testAccuracyCurve: curve } : {}),
      steps: step,
      ms: now() - started,
      backend: tf.getBackend(),
      warnings,
      ...(keep ? { params: new Map<string, tf.Tensor>(variables) } : {}),
    };
  } finally {
    optimizer.dispose();
    if (!keep) for (const v of variables.values()) v.dispose();
  }
}
