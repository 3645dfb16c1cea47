/**
 * The datasets a batch spec can name ("cifar10-train n=32 seed=0"), the shard file each lives in
 * (under public/data, made by `npm run prepare-data`), and the one way to turn a parsed dataset
 * and a spec into a batch shaped for a network. The command line (reading files) and the app's
 * workers (fetching them) share this, so the same spec gives bit-identical batches in both.
 */
import type { ParseResult } from '../util/parseResult';
import type { Batch } from './batch';
import { CIFAR10_SHARD_FILES, parseCifar10Shard } from './cifar10';
import { type BatchRequest, drawBatch, type ImageDataset } from './imageDataset';
import { MNIST_SHARD_FILES, parseMnistShard } from './mnist';
import { resizeBatch } from './resize';

interface ShardDataset {
  file: string;
  parse(bytes: Uint8Array): ParseResult<ImageDataset>;
}

const SHARD_DATASETS: Record<string, ShardDataset> = {
  'cifar10-train': { file: CIFAR10_SHARD_FILES.train, parse: (b) => parseCifar10Shard(b, 'train') },
  'cifar10-test': { file: CIFAR10_SHARD_FILES.test, parse: (b) => parseCifar10Shard(b, 'test') },
  'mnist-train': { file: MNIST_SHARD_FILES.train, parse: (b) => parseMnistShard(b, 'train') },
  'mnist-test': { file: MNIST_SHARD_FILES.test, parse: (b) => parseMnistShard(b, 'test') },
};

/** Dataset names a batch spec may use. */
export const SHARD_DATASET_NAMES: readonly string[] = Object.keys(SHARD_DATASETS);

function lookup(name: string): ParseResult<ShardDataset> {
  const entry = Object.hasOwn(SHARD_DATASETS, name) ? SHARD_DATASETS[name] : undefined;
  if (!entry) {
    return {
      ok: false,
      error: `unknown dataset "${name.slice(0, 40)}"; one of ${SHARD_DATASET_NAMES.join(', ')}`,
    };
  }
  return { ok: true, value: entry };
}

/** The shard file (a name under public/data) holding a dataset. */
export function shardFileOf(name: string): ParseResult<string> {
  const entry = lookup(name);
  return entry.ok ? { ok: true, value: entry.value.file } : entry;
}

/** Parses a dataset's shard bytes; errors name the file. */
export function parseShardDataset(name: string, bytes: Uint8Array): ParseResult<ImageDataset> {
  const entry = lookup(name);
  return entry.ok ? entry.value.parse(bytes) : entry;
}

/**
 * The batch a request names, drawn from its dataset and bilinearly resized to an image input
 * [H, W, C] (channels must match). Throws with a plain message for a network that does not take
 * images of the dataset's channels, or a batch the dataset cannot supply.
 */
export function batchForInput(
  dataset: ImageDataset,
  request: BatchRequest,
  inputShape: readonly number[],
): Batch {
  if (request.dataset !== dataset.name) {
    throw new Error(`batch spec names ${request.dataset}, the dataset given is ${dataset.name}`);
  }
  if (inputShape.length !== 3) {
    throw new Error(
      `${dataset.name} holds images; this network takes inputs of shape [${inputShape.join(', ')}], not [H, W, C]`,
    );
  }
  const [h, w, c] = inputShape as [number, number, number];
  if (c !== dataset.shape[2]) {
    throw new Error(`${dataset.name} images have ${dataset.shape[2]} channel(s), the network wants ${c}`);
  }
  const drawn = drawBatch(dataset, request.n, request.seed, { classBalanced: request.classBalanced });
  return resizeBatch(drawn, h, w);
}
