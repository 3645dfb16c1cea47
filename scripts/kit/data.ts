/**
 * The dataset shards for scripts in Node: the CIFAR-10 / MNIST files that prepare-data writes to
 * public/data, read from disk, then drawn and resized by the core's batchForInput, exactly as the
 * app's workers do after fetching the same files (a ViT scored at 224 px or 64 px sees
 * bilinear-upsampled CIFAR images). Scoring, training, validation and the benches all read them here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Batch } from '../../src/core/data/batch';
import { batchSpec, type ImageDataset, parseBatchSpec } from '../../src/core/data/imageDataset';
import { PREPARE_DATA_COMMAND } from '../../src/core/data/manifest';
import { batchForInput, parseShardDataset, shardFileOf } from '../../src/core/data/shardDatasets';
import type { Network } from '../../src/core/nn/network';

export const CLI_DATASETS = ['cifar10', 'mnist'] as const;

/** Where prepare-data writes the shards, relative to the working directory (npm runs scripts from the repository root). */
export const PUBLIC_DATA_DIR = 'public/data';

/** A file in public/data, as an absolute path. */
export function publicDataPath(file: string): string {
  return resolve(process.cwd(), PUBLIC_DATA_DIR, file);
}

export interface ShardReadOptions {
  /** The folder that holds the shards; public/data unless a test points elsewhere. */
  dir?: string;
  /** When the file cannot be read, say which command makes it (default) rather than pass the read error on. */
  missingHint?: boolean;
  /** Add the command that rebuilds a shard that does not parse (default). */
  rebuildHint?: boolean;
}

/** A dataset by its batch-spec name ("cifar10-train"), read and parsed; throws with a message when it cannot be. */
export function readShardDataset(name: string, options: ShardReadOptions = {}): ImageDataset {
  const { dir = PUBLIC_DATA_DIR, missingHint = true, rebuildHint = true } = options;
  const file = shardFileOf(name);
  if (!file.ok) throw new Error(file.error);
  const path = resolve(process.cwd(), dir, file.value);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if (!missingHint) throw error;
    throw new Error(`${path} is missing: run \`${PREPARE_DATA_COMMAND}\` first`);
  }
  const parsed = parseShardDataset(name, bytes);
  if (!parsed.ok) {
    throw new Error(
      rebuildHint ? `${parsed.error}: run \`${PREPARE_DATA_COMMAND}\` to rebuild it` : parsed.error,
    );
  }
  return parsed.value;
}

const loaded = new Map<string, ImageDataset>();

/** A dataset by its batch-spec name ("cifar10-train") from public/data, read once per process. */
export function loadShardDataset(name: string): ImageDataset {
  const cached = loaded.get(name);
  if (cached) return cached;
  const dataset = readShardDataset(name);
  loaded.set(name, dataset);
  return dataset;
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
