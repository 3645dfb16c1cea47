/**
 * Data batches for the command line: the CIFAR-10 / MNIST shards that prepare-data writes to
 * public/data, drawn by seed exactly as the app's workers draw them, resized when the network
 * wants another resolution (a ViT scored at 224 px or 64 px sees bilinear-upsampled CIFAR images).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Batch } from '../src/core/data/batch';
import { CIFAR10_SHARD_FILES, parseCifar10Shard } from '../src/core/data/cifar10';
import { drawBatch, type ImageDataset } from '../src/core/data/imageDataset';
import { MNIST_SHARD_FILES, parseMnistShard } from '../src/core/data/mnist';
import type { Network } from '../src/core/nn/network';
import { tf } from '../src/core/nn/tf';

export const CLI_DATASETS = ['cifar10', 'mnist'] as const;

const loaded = new Map<string, ImageDataset>();

function shardPath(file: string): string {
  return resolve(process.cwd(), 'public/data', file);
}

/** The training shard of a dataset, read once per process. */
export function loadTrainingSet(dataset: string): ImageDataset {
  const cached = loaded.get(dataset);
  if (cached) return cached;
  const file =
    dataset === 'cifar10'
      ? CIFAR10_SHARD_FILES.train
      : dataset === 'mnist'
        ? MNIST_SHARD_FILES.train
        : undefined;
  if (!file) throw new Error(`unknown --dataset "${dataset}"; one of ${CLI_DATASETS.join(', ')}`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(shardPath(file));
  } catch {
    throw new Error(`${shardPath(file)} is missing: run \`npm run prepare-data\` first`);
  }
  const parsed = dataset === 'cifar10' ? parseCifar10Shard(bytes, 'train') : parseMnistShard(bytes, 'train');
  if (!parsed.ok) throw new Error(parsed.error);
  loaded.set(dataset, parsed.value);
  return parsed.value;
}

/** Bilinear resize of a batch's images to [h, w] (channels kept), as torchvision's Resize would. */
export function resizeBatch(batch: Batch, h: number, w: number): Batch {
  const [bh, bw, c] = batch.shape as [number, number, number];
  if (bh === h && bw === w) return batch;
  const x = tf.tidy(() =>
    tf.image.resizeBilinear(tf.tensor4d(batch.x, [batch.n, bh, bw, c]), [h, w], false, true).dataSync(),
  ) as Float32Array;
  return { ...batch, x, shape: [h, w, c], spec: `${batch.spec} resized ${h}x${w}` };
}

const batches = new Map<string, Batch>();

/** A seeded training batch of n images shaped for the network (cached per dataset, n, seed, shape). */
export async function loadBatchForCli(
  dataset: string,
  n: number,
  seed: number,
  network: Network,
): Promise<Batch> {
  const [h, w] = network.inputShape as [number, number, number];
  const key = `${dataset}/${n}/${seed}/${h}x${w}`;
  const cached = batches.get(key);
  if (cached) return cached;
  const batch = resizeBatch(drawBatch(loadTrainingSet(dataset), n, seed), h, w);
  batches.set(key, batch);
  return batch;
}
