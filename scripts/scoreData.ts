/**
 * Data batches for the command line: the CIFAR-10 / MNIST shards that prepare-data writes to
 * public/data, read from disk, then drawn and resized by the core's batchForInput, exactly as the
 * app's workers do after fetching the same files (a ViT scored at 224 px or 64 px sees
 * bilinear-upsampled CIFAR images).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Batch } from '../src/core/data/batch';
import { batchSpec, type ImageDataset, parseBatchSpec } from '../src/core/data/imageDataset';
import { PREPARE_DATA_COMMAND } from '../src/core/data/manifest';
import { batchForInput, parseShardDataset, shardFileOf } from '../src/core/data/shardDatasets';
import type { Network } from '../src/core/nn/network';

export const CLI_DATASETS = ['cifar10', 'mnist'] as const;

const loaded = new Map<string, ImageDataset>();

function shardPath(file: string): string {
  return resolve(process.cwd(), 'public/data', file);
}

/** A dataset by its batch-spec name ("cifar10-train"), read once per process. */
export function loadShardDataset(name: string): ImageDataset {
  const cached = loaded.get(name);
  if (cached) return cached;
  const file = shardFileOf(name);
  if (!file.ok) throw new Error(file.error);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(shardPath(file.value));
  } catch {
    throw new Error(`${shardPath(file.value)} is missing: run \`${PREPARE_DATA_COMMAND}\` first`);
  }
  const parsed = parseShardDataset(name, bytes);
  if (!parsed.ok) throw new Error(`${parsed.error}: run \`${PREPARE_DATA_COMMAND}\` to rebuild it`);
  loaded.set(name, parsed.value);
  return parsed.value;
}

/** The training shard of a --dataset (cifar10 or mnist), read once per process. */
export function loadTrainingSet(dataset: string): ImageDataset {
  if (!(CLI_DATASETS as readonly string[]).includes(dataset)) {
    throw new Error(`unknown --dataset "${dataset}"; one of ${CLI_DATASETS.join(', ')}`);
  }
  return loadShardDataset(`${dataset}-train`);
}

const batches = new Map<string, Batch>();

/** The batch a spec names, shaped for the network (cached per spec and input shape). */
export function loadBatchBySpec(spec: string, network: Network): Batch {
  const request = parseBatchSpec(spec);
  if (!request.ok) throw new Error(request.error);
  const key = `${spec}@${network.inputShape.join('x')}`;
  const cached = batches.get(key);
  if (cached) return cached;
  const batch = batchForInput(loadShardDataset(request.value.dataset), request.value, network.inputShape);
  batches.set(key, batch);
  return batch;
}

/** A seeded training batch of n images shaped for the network (the spec `<dataset>-train n=… seed=…`). */
export async function loadBatchForCli(
  dataset: string,
  n: number,
  seed: number,
  network: Network,
): Promise<Batch> {
  loadTrainingSet(dataset);
  return loadBatchBySpec(batchSpec(`${dataset}-train`, n, seed), network);
}
