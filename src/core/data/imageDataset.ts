/**
 * An image dataset held as its shard's uint8 pixels, and seeded batches drawn from it.
 * Pixels stay uint8 (5 000 CIFAR images are 15 MB, 61 MB as float32); only a drawn batch is
 * normalised, x' = (x/255 − mean_c) / std_c per channel c, as torchvision's ToTensor + Normalize do.
 */
import type { ParseResult } from '../util/parseResult';
import { deriveSeed, mulberry32, type Rng } from '../util/prng';
import type { Batch } from './batch';
import type { Shard } from './shardFormat';

export interface Normalisation {
  /** Per-channel mean of x/255. */
  mean: readonly number[];
  /** Per-channel standard deviation of x/255. */
  std: readonly number[];
  /** Where the numbers come from. */
  reference: string;
}

export interface ImageDataset {
  /** Name used in batch specs, e.g. "cifar10-train". */
  name: string;
  count: number;
  /** One image: [height, width, channels]. */
  shape: readonly [number, number, number];
  classes: number;
  /** [count, H, W, C] uint8, as in the shard. */
  pixels: Uint8Array;
  /** [count] class labels. */
  labels: Int32Array;
  normalisation: Normalisation;
}

export interface DrawOptions {
  /** Equal images per class (classes get ⌊n/K⌋ or ⌊n/K⌋+1; which get the extra one is seeded). */
  classBalanced?: boolean;
}

/** Wraps a decoded shard, checking it is the kind of dataset the caller expects. */
export function imageDatasetFromShard(
  shard: Shard,
  name: string,
  expected: { shape: readonly [number, number, number]; classes: number },
  normalisation: Normalisation,
): ParseResult<ImageDataset> {
  const shape = [shard.height, shard.width, shard.channels] as const;
  if (shape.some((d, i) => d !== expected.shape[i]) || shard.classes !== expected.classes) {
    return {
      ok: false,
      error: `${name}: expected ${expected.shape.join('x')} images in ${expected.classes} classes, shard has ${shape.join('x')} in ${shard.classes}`,
    };
  }
  if (normalisation.mean.length !== shard.channels || normalisation.std.length !== shard.channels) {
    return { ok: false, error: `${name}: normalisation has the wrong number of channels` };
  }
  return {
    ok: true,
    value: {
      name,
      count: shard.count,
      shape,
      classes: shard.classes,
      pixels: shard.pixels,
      labels: Int32Array.from(shard.labels),
      normalisation,
    },
  };
}

/** Images per class, in class order. */
export function classCounts(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!] = (counts[labels[i]!] ?? 0) + 1;
  return counts;
}

/** Why a batch of n cannot be drawn (for the UI to show before asking), or undefined if it can. */
export function batchSizeProblem(
  dataset: ImageDataset,
  n: number,
  options: DrawOptions = {},
): string | undefined {
  if (!Number.isInteger(n) || n < 1) return `batch size must be a positive integer, got ${n}`;
  if (n > dataset.count) return `batch of ${n} is larger than ${dataset.name} (${dataset.count} images)`;
  if (options.classBalanced) {
    const fewest = Math.min(...classCounts(dataset.labels, dataset.classes));
    const most = Math.ceil(n / dataset.classes);
    if (most > fewest) {
      return `a class-balanced batch of ${n} needs ${most} images per class, ${dataset.name} has ${fewest} in its smallest class`;
    }
  }
  return undefined;
}

/** The batch's name for cache keys and the UI, e.g. "cifar10-train n=64 seed=0 balanced". */
export function batchSpec(name: string, n: number, seed: number, options: DrawOptions = {}): string {
  return `${name} n=${n} seed=${seed}${options.classBalanced ? ' balanced' : ''}`;
}

export interface BatchRequest {
  dataset: string;
  n: number;
  seed: number;
  classBalanced: boolean;
}

const SPEC_SHAPE = /^([a-z0-9][a-z0-9-]*) n=(\d+) seed=(\d+)( balanced)?$/;

/** Inverse of batchSpec, so a worker can rebuild the batch a job names. */
export function parseBatchSpec(spec: string): ParseResult<BatchRequest> {
  const match = SPEC_SHAPE.exec(spec.trim());
  if (!match)
    return { ok: false, error: `not a batch spec of the form "cifar10-train n=64 seed=0": ${spec}` };
  const seed = Number(match[3]);
  if (seed > 0xffffffff) return { ok: false, error: `seed ${match[3]} is above 2^32 − 1` };
  return {
    ok: true,
    value: { dataset: match[1]!, n: Number(match[2]), seed, classBalanced: match[4] !== undefined },
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

/** Indices of the images a seeded batch holds, in batch order (no image twice). */
export function batchIndices(
  dataset: ImageDataset,
  n: number,
  seed: number,
  options: DrawOptions = {},
): number[] {
  const problem = batchSizeProblem(dataset, n, options);
  if (problem) throw new RangeError(problem);
  // A stream of its own, so the same seed for weights and for data gives unrelated numbers.
  const rng = mulberry32(deriveSeed(seed, `batch:${dataset.name}`));
  if (!options.classBalanced) {
    const all = Array.from({ length: dataset.count }, (_, i) => i);
    shuffleFront(all, n, rng);
    return all.slice(0, n);
  }
  const byClass: number[][] = Array.from({ length: dataset.classes }, () => []);
  dataset.labels.forEach((label, i) => {
    byClass[label]!.push(i);
  });
  const classOrder = Array.from({ length: dataset.classes }, (_, c) => c);
  shuffleFront(classOrder, dataset.classes, rng);
  const base = Math.floor(n / dataset.classes);
  const picked: number[] = [];
  classOrder.forEach((c, rank) => {
    const take = base + (rank < n % dataset.classes ? 1 : 0);
    const members = byClass[c]!;
    shuffleFront(members, take, rng);
    picked.push(...members.slice(0, take));
  });
  // Mix the classes so the batch is not sorted by label.
  shuffleFront(picked, picked.length, rng);
  return picked;
}

/** Normalised images of the given indices, [indices.length, H, W, C] float32. */
export function normalisedImages(dataset: ImageDataset, indices: readonly number[]): Float32Array {
  const [h, w, c] = dataset.shape;
  const size = h * w * c;
  // One lookup table per channel: 256 values, so every pixel costs one read.
  const tables = dataset.normalisation.mean.map((mean, ch) => {
    const std = dataset.normalisation.std[ch]!;
    return Float32Array.from({ length: 256 }, (_, v) => (v / 255 - mean) / std);
  });
  const out = new Float32Array(indices.length * size);
  indices.forEach((image, k) => {
    const src = image * size;
    const dst = k * size;
    for (let i = 0; i < size; i++) out[dst + i] = tables[i % c]![dataset.pixels[src + i]!]!;
  });
  return out;
}

/**
 * A seeded batch of n images: the same dataset, n, seed and options give the same images in the
 * same order on every machine. Throws RangeError when batchSizeProblem would report a problem.
 */
export function drawBatch(dataset: ImageDataset, n: number, seed: number, options: DrawOptions = {}): Batch {
  const indices = batchIndices(dataset, n, seed, options);
  return {
    x: normalisedImages(dataset, indices),
    y: Int32Array.from(indices, (i) => dataset.labels[i]!),
    n,
    shape: dataset.shape,
    spec: batchSpec(dataset.name, n, seed, options),
  };
}
