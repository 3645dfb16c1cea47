/**
 * Known answers for trainNetwork on the cpu backend: a linearly separable toy problem is learnt,
 * a tiny batch is memorised, seeds reproduce and differ, one optimiser step equals the update
 * written out by hand (softmax cross-entropy gradient in float64, no autodiff), and cancelling
 * stops between steps without leaking tensors.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { onWasm } from '../../test/onWasm';
import { initialValues } from '../nn/init';
import { getParam, type Network } from '../nn/network';
import { linearSpecs } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import { mlpNetwork } from '../spaces/mlp/mlpNetwork';
import { nb201FromString } from '../spaces/nb201/nb201';
import { nb201Network } from '../spaces/nb201/nb201Network';
import { deriveSeed, mulberry32, normal } from '../util/prng';
import { ADAM_EPSILON, SGD_MOMENTUM } from './optimizer';
import { SHORT_SCHEDULE, type TrainSchedule } from './schedule';
import type { TrainingData } from './trainingData';
import { TrainingCancelledError, trainNetwork } from './trainNetwork';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Data held as plain arrays: sample i is x[i·size … (i+1)·size). */
function arrayData(name: string, x: Float32Array, labels: number[], sampleShape: number[], classes: number) {
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const data: TrainingData = {
    name,
    count: labels.length,
    classes,
    labels: Int32Array.from(labels),
    sampleShape,
    inputs: (indices) => {
      const out = new Float32Array(indices.length * size);
      indices.forEach((i, k) => {
        out.set(x.subarray(i * size, (i + 1) * size), k * size);
      });
      return out;
    },
  };
  return data;
}

/**
 * Points in the plane labelled by the side of the line x₀ + 0.5·x₁ = 0.1 they lie on, none
 * within 0.2 of it: linearly separable with a margin, so a trained classifier should be ~100%.
 */
function separable(name: string, perClass: number, seed: number): TrainingData {
  const rng = mulberry32(deriveSeed(seed, name));
  const xs: number[] = [];
  const labels: number[] = [];
  const counts = [0, 0];
  while (counts[0]! < perClass || counts[1]! < perClass) {
    const a = 2 * rng() - 1;
    const b = 2 * rng() - 1;
    const side = (a + 0.5 * b - 0.1) / Math.hypot(1, 0.5);
    if (Math.abs(side) < 0.2) continue;
    const label = side > 0 ? 1 : 0;
    if (counts[label]! >= perClass) continue;
    counts[label]!++;
    xs.push(a, b);
    labels.push(label);
  }
  return arrayData(name, Float32Array.from(xs), labels, [2], 2);
}

const toyMlp = () =>
  mlpNetwork({ inputDim: 2, depth: 2, width: 16, activation: 'relu', mapping: { kind: 'none' }, outputs: 2 });

const toySchedule: TrainSchedule = {
  ...SHORT_SCHEDULE,
  name: 'toy',
  length: { steps: 150 },
  batchSize: 20,
  learningRate: 0.1,
  weightDecay: 0,
  lrSchedule: 'constant',
  trainSubset: { perClass: 100 },
  testSubset: { perClass: 100 },
  evalBatchSize: 100,
};

describe('trainNetwork on a linearly separable toy problem', () => {
  it('reaches at least 95% test accuracy where chance is 50%', async () => {
    const result = await trainNetwork(
      toyMlp(),
      separable('toy-train', 100, 1),
      separable('toy-test', 100, 2),
      {
        ...toySchedule,
      },
    );
    expect(result.testCount).toBe(200);
    expect(result.steps).toBe(150);
    expect(result.trainLoss).toHaveLength(150);
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.testCorrect).toBe(Math.round(result.testAccuracy * 200));
    expect(result.backend).toBe('cpu');
  });

  it('gives the same curve and accuracy for the same seed, a different curve for another', async () => {
    const train = separable('toy-train', 100, 1);
    const test = separable('toy-test', 100, 2);
    const short = { ...toySchedule, length: { steps: 30 } };
    const a = await trainNetwork(toyMlp(), train, test, { ...short, seed: 3 }, { evalEvery: 10 });
    const b = await trainNetwork(toyMlp(), train, test, { ...short, seed: 3 }, { evalEvery: 10 });
    const c = await trainNetwork(toyMlp(), train, test, { ...short, seed: 4 }, { evalEvery: 10 });
    expect(b.trainLoss).toEqual(a.trainLoss);
    expect(b.testAccuracy).toBe(a.testAccuracy);
    expect(b.testAccuracyCurve).toEqual(a.testAccuracyCurve);
    expect(a.testAccuracyCurve?.map((p) => p.step)).toEqual([10, 20, 30]);
    expect(c.trainLoss.map((p) => p.loss)).not.toEqual(a.trainLoss.map((p) => p.loss));
  });

  it('reports each curve point as it is measured, and measuring does not change the training', async () => {
    const train = separable('toy-train', 100, 1);
    const test = separable('toy-test', 100, 2);
    const short = { ...toySchedule, length: { steps: 25 }, seed: 5 };
    const seen: { step: number; accuracy: number; afterSteps: number }[] = [];
    let stepsDone = 0;
    const watched = await trainNetwork(toyMlp(), train, test, short, {
      evalEvery: 10,
      onProgress: (step) => {
        stepsDone = step + 1;
      },
      onEvaluate: (step, accuracy) => seen.push({ step, accuracy, afterSteps: stepsDone }),
    });
    const plain = await trainNetwork(toyMlp(), train, test, short);
    // 25 steps, every 10: after steps 10 and 20, then the final one after 25.
    expect(seen.map((p) => [p.step, p.afterSteps])).toEqual([
      [10, 10],
      [20, 20],
      [25, 25],
    ]);
    expect(seen.map(({ step, accuracy }) => ({ step, accuracy }))).toEqual(watched.testAccuracyCurve);
    expect(seen.at(-1)!.accuracy).toBe(watched.testAccuracy);
    expect(watched.trainLoss).toEqual(plain.trainLoss);
    expect(watched.testAccuracy).toBe(plain.testAccuracy);
  });

  it('runs a number of epochs as whole passes of full batches', async () => {
    // 200 images in batches of 20: 10 steps per pass.
    const result = await trainNetwork(
      toyMlp(),
      separable('toy-train', 100, 1),
      separable('toy-test', 100, 2),
      {
        ...toySchedule,
        length: { epochs: 3 },
      },
    );
    expect(result.steps).toBe(30);
  });
});

/** Ten 8x8 RGB images, one per class, made of seeded noise. */
function tinyImages(): TrainingData {
  const rng = mulberry32(7);
  const x = Float32Array.from({ length: 10 * 8 * 8 * 3 }, () => normal(rng));
  return arrayData(
    'noise',
    x,
    Array.from({ length: 10 }, (_, i) => i),
    [8, 8, 3],
    10,
  );
}

/** The NB201 network with 2 channels, one cell per stage, on 8x8 inputs (fast on cpu). */
function tinyNb201(): Network {
  const cell = nb201FromString(
    '|nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|',
  );
  if (!cell.ok) throw new Error(cell.error);
  return nb201Network(cell.value, { channels: 2, cellsPerStage: 1, batch: 10, classes: 10, resolution: 8 });
}

describe('trainNetwork on an NB201 network with 2 channels', () => {
  const tinySchedule: TrainSchedule = {
    ...SHORT_SCHEDULE,
    length: { steps: 40 },
    batchSize: 10,
    optimizer: 'adam',
    learningRate: 0.02,
    weightDecay: 0,
    trainSubset: { perClass: 1 },
    testSubset: { perClass: 1 },
    evalBatchSize: 10,
  };

  it('memorises one fixed batch: the final loss is below half the initial', async () => {
    const data = tinyImages();
    const result = await trainNetwork(tinyNb201(), data, data, tinySchedule);
    const first = result.trainLoss[0]!.loss;
    const last = result.trainLoss.at(-1)!.loss;
    // Ten classes, near-uniform logits at initialisation: about ln 10.
    expect(first).toBeGreaterThan(1.5);
    expect(last).toBeLessThan(first / 2);
  });

  it('is deterministic per seed: same seed same curve, another seed another', async () => {
    const data = tinyImages();
    const few = { ...tinySchedule, length: { steps: 4 } };
    const a = await trainNetwork(tinyNb201(), data, data, few);
    const b = await trainNetwork(tinyNb201(), data, data, few);
    const c = await trainNetwork(tinyNb201(), data, data, { ...few, seed: 1 });
    expect(b.trainLoss).toEqual(a.trainLoss);
    expect(b.testAccuracy).toBe(a.testAccuracy);
    expect(c.trainLoss[0]!.loss).not.toBe(a.trainLoss[0]!.loss);
  });

  it('is deterministic per seed on the wasm backend too, and learns there', async () => {
    const data = tinyImages();
    const few = { ...tinySchedule, length: { steps: 6 } };
    const [a, b] = await onWasm(async () => [
      await trainNetwork(tinyNb201(), data, data, few),
      await trainNetwork(tinyNb201(), data, data, few),
    ]);
    expect(a!.backend).toBe('wasm');
    expect(b!.trainLoss).toEqual(a!.trainLoss);
    expect(b!.testAccuracy).toBe(a!.testAccuracy);
    expect(a!.trainLoss.at(-1)!.loss).toBeLessThan(a!.trainLoss[0]!.loss);
  });

  it('stops between steps when cancelled and frees every tensor', async () => {
    const data = tinyImages();
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const steps: number[] = [];
    const run = trainNetwork(tinyNb201(), data, data, tinySchedule, {
      signal: controller.signal,
      onProgress: (step) => {
        steps.push(step);
        if (step === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
    await expect(run).rejects.toThrow('cancelled after 3 step(s)');
    expect(steps).toEqual([0, 1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees every tensor after a normal run, and keeps only the parameters when asked', async () => {
    const data = tinyImages();
    const network = tinyNb201();
    const before = tf.memory().numTensors;
    await trainNetwork(network, data, data, { ...tinySchedule, length: { steps: 2 } });
    expect(tf.memory().numTensors).toBe(before);
    const kept = await trainNetwork(
      network,
      data,
      data,
      { ...tinySchedule, length: { steps: 2 } },
      {
        keepParams: true,
      },
    );
    expect(tf.memory().numTensors).toBe(before + network.specs.length);
    for (const t of kept.params!.values()) t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('one optimiser step on a linear softmax classifier, by hand', () => {
  // z = x·W + b, W [3, 2], b [2]; mean cross-entropy over a batch of two samples.
  const specs = linearSpecs('fc', 3, 2);
  const linear: Network = {
    arch: 'linear',
    specs,
    inputShape: [3],
    classes: 2,
    forward: (x, params) =>
      tf.add(
        tf.matMul(x as tf.Tensor2D, getParam(params, 'fc.weight') as tf.Tensor2D),
        getParam(params, 'fc.bias'),
      ),
    reachesOutput: () => true,
  };
  const xs = [
    [1, -2, 0.5],
    [0.3, 0.8, -1.5],
  ];
  const ys = [1, 0];
  const data = arrayData('two', Float32Array.from(xs.flat()), ys, [3], 2);
  const seed = 5;
  const w0 = Array.from(initialValues(specs[0]!, 'pytorch', seed));
  const b0 = Array.from(initialValues(specs[1]!, 'pytorch', seed));
  const lr = 0.5;
  const wd = 0.1;

  /** ∂L/∂W [3][2] and ∂L/∂b [2] in float64: Xᵀ(P − Y)/N and mean(P − Y). */
  function handGradients(): { gw: number[][]; gb: number[] } {
    const gw = [0, 1, 2].map(() => [0, 0]);
    const gb = [0, 0];
    xs.forEach((x, n) => {
      const z = [0, 1].map((k) => b0[k]! + x.reduce((s, xi, i) => s + xi * w0[i * 2 + k]!, 0));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const total = e[0]! + e[1]!;
      [0, 1].forEach((k) => {
        const r = (e[k]! / total - (ys[n] === k ? 1 : 0)) / xs.length;
        gb[k]! += r;
        x.forEach((xi, i) => {
          gw[i]![k]! += xi * r;
        });
      });
    });
    return { gw, gb };
  }

  const schedule: TrainSchedule = {
    ...SHORT_SCHEDULE,
    length: { steps: 1 },
    batchSize: 2,
    learningRate: lr,
    weightDecay: wd,
    lrSchedule: 'constant',
    trainSubset: { perClass: 1 },
    testSubset: { perClass: 1 },
    evalBatchSize: 2,
    seed,
  };

  async function trainedOnce(s: TrainSchedule): Promise<{ w: number[]; b: number[] }> {
    const result = await trainNetwork(linear, data, data, s, { keepParams: true });
    const w = Array.from(result.params!.get('fc.weight')!.dataSync());
    const b = Array.from(result.params!.get('fc.bias')!.dataSync());
    for (const t of result.params!.values()) t.dispose();
    return { w, b };
  }

  it('SGD with Nesterov momentum: θ − lr·(1 + μ)·(∇ + wd·θ), decay on the weight only', async () => {
    const { gw, gb } = handGradients();
    const { w, b } = await trainedOnce(schedule);
    // First step: buffer = g, update = g + μ·g.
    w0.forEach((v, j) => {
      const g = gw[Math.floor(j / 2)]![j % 2]! + wd * v;
      expect(w[j]).toBeCloseTo(v - lr * (1 + SGD_MOMENTUM) * g, 5);
    });
    b0.forEach((v, k) => {
      expect(b[k]).toBeCloseTo(v - lr * (1 + SGD_MOMENTUM) * gb[k]!, 5);
    });
  });

  it('AdamW: θ·(1 − lr·wd) − lr·g/(|g| + ε) on the first step (bias correction cancels)', async () => {
    const { gw, gb } = handGradients();
    const { w, b } = await trainedOnce({ ...schedule, optimizer: 'adam' });
    w0.forEach((v, j) => {
      const g = gw[Math.floor(j / 2)]![j % 2]!;
      expect(w[j]).toBeCloseTo(v * (1 - lr * wd) - (lr * g) / (Math.abs(g) + ADAM_EPSILON), 5);
    });
    b0.forEach((v, k) => {
      expect(b[k]).toBeCloseTo(v - (lr * gb[k]!) / (Math.abs(gb[k]!) + ADAM_EPSILON), 5);
    });
  });
});

describe('trainNetwork input checks', () => {
  it('rejects data whose samples do not fit the network, in plain words', async () => {
    const data = separable('toy-train', 10, 1);
    await expect(trainNetwork(tinyNb201(), data, data, SHORT_SCHEDULE)).rejects.toThrow(
      'toy-train gives samples of shape [2], the network takes [8, 8, 3]',
    );
  });

  it('rejects a subset larger than a class', async () => {
    const data = separable('toy-train', 10, 1);
    await expect(
      trainNetwork(toyMlp(), data, data, { ...toySchedule, trainSubset: { perClass: 11 } }),
    ).rejects.toThrow('toy-train has 10 images of class 0, the schedule asks for 11 per class');
  });

  it('rejects a bad schedule', async () => {
    const data = separable('toy-train', 10, 1);
    await expect(trainNetwork(toyMlp(), data, data, { ...toySchedule, batchSize: 0 })).rejects.toThrow(
      'batch size must be an integer',
    );
  });
});
