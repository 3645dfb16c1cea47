/**
 * What training reads from a dataset, whatever it holds: labels, and the inputs of any list of
 * samples already shaped for the network. Image shards adapt to it with imageTrainingData; a test
 * builds a small one by hand. Subsets and the order of samples are seeded here, in JS, so every
 * backend sees the same images in the same order.
 */
import { type ImageDataset, normalisedImages } from '../data/imageDataset';
import { resizeBatch } from '../data/resize';
import { deriveSeed, mulberry32, type Rng } from '../util/prng';

export interface TrainingData {
  /** e.g. "cifar10-train". */
  name: string;
  count: number;
  classes: number;
  /** [count] class labels in [0, classes). */
  labels: Int32Array;
  /** Shape of one sample as inputs() returns it (the network's input shape). */
  sampleShape: readonly number[];
  /** Inputs of the given samples, row-major [indices.length, ...sampleShape]. */
  inputs(indices: readonly number[]): Float32Array;
}

/**
 * An image dataset as training data for a network taking [H, W, C] inputs: normalised as the
 * proxies' batches are, and bilinearly resized when the network's resolution differs.
 * Throws with a plain message when the channels differ or the network does not take images.
 */
export function imageTrainingData(dataset: ImageDataset, inputShape: readonly number[]): TrainingData {
  if (inputShape.length !== 3) {
    throw new Error(
      `${dataset.name} holds images; this network takes inputs of shape [${inputShape.join(', ')}], not [H, W, C]`,
    );
  }
  const [h, w, c] = inputShape as [number, number, number];
  if (c !== dataset.shape[2]) {
    throw new Error(`${dataset.name} images have ${dataset.shape[2]} channel(s), the network wants ${c}`);
  }
  return {
    name: dataset.name,
    count: dataset.count,
    classes: dataset.classes,
    labels: dataset.labels,
    sampleShape: [h, w, c],
    inputs(indices) {
      const x = normalisedImages(dataset, indices);
      const batch = { x, y: new Int32Array(0), n: indices.length, shape: dataset.shape, spec: '' };
      return resizeBatch(batch, h, w).x;
    },
  };
}

/** Moves k uniformly drawn elements of `items` to its front (partial Fisher–Yates), in place. */
function shuffleFront(items: number[], k: number, rng: Rng): void {
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (items.length - i));
    const picked = items[j]!;
    items[j] = items[i]!;
    items[i] = picked;
  }
}

/** The numbers 0..n−1 in an order drawn from `rng`. */
export function shuffled(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  shuffleFront(order, n, rng);
  return order;
}

/**
 * perClass samples of every class, drawn with the stream `label` (independent of any training
 * seed), mixed so consecutive samples are not sorted by class. Throws when a class has fewer.
 */
export function classBalancedSubset(data: TrainingData, perClass: number, label: string): number[] {
  const byClass: number[][] = Array.from({ length: data.classes }, () => []);
  data.labels.forEach((y, i) => {
    byClass[y]?.push(i);
  });
  const rng = mulberry32(deriveSeed(0, `subset:${data.name}:${label}`));
  const picked: number[] = [];
  byClass.forEach((members, c) => {
    if (members.length < perClass) {
      throw new RangeError(
        `${data.name} has ${members.length} images of class ${c}, the schedule asks for ${perClass} per class`,
      );
    }
    shuffleFront(members, perClass, rng);
    picked.push(...members.slice(0, perClass));
  });
  shuffleFront(picked, picked.length, rng);
  return picked;
}

/**
 * The batches of `total` steps over `subset`: each pass is a fresh seeded permutation cut into
 * full batches (the last partial batch of a pass is dropped, as drop_last=True, so BatchNorm never
 * sees a tiny batch). Returns a function from step to the batch's sample indices.
 */
export function batchSchedule(
  subset: readonly number[],
  batchSize: number,
  seed: number,
): (step: number) => number[] {
  if (batchSize > subset.length) {
    throw new RangeError(`batch of ${batchSize} is larger than the ${subset.length} training images`);
  }
  const perPass = Math.floor(subset.length / batchSize);
  const rng = mulberry32(deriveSeed(seed, 'train-order'));
  let pass = -1;
  let order: number[] = [];
  return (step) => {
    const wanted = Math.floor(step / perPass);
    // Steps are asked for in order; each new pass draws the next permutation of the stream.
    while (pass < wanted) {
      order = shuffled(subset.length, rng);
      pass++;
    }
    const start = (step % perPass) * batchSize;
    return order.slice(start, start + batchSize).map((i) => subset[i]!);
  };
}
