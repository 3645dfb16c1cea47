/**
 * Whole datasets for the workers (training reads many images, not one batch): fetch the shard a
 * dataset name points to (public/data/<file>, relative to the app's base URL), parse it once and
 * keep it. Fetching is batchLoader.ts's (same checks and messages);
 * pure over an injected fetch, so Node tests run it with a fake one.
 */
import type { ImageDataset } from '../core/data/imageDataset';
import { PREPARE_DATA_COMMAND } from '../core/data/manifest';
import { parseShardDataset, shardFileOf } from '../core/data/shardDatasets';
import { type FetchLike, fetchShardBytes } from './batchLoader';

export interface DatasetLoaderOptions {
  fetch: FetchLike;
  /** Absolute URL of the folder that holds the shards, e.g. "https://host/app/data/". */
  dataUrl: string;
}

/**
 * A loader of datasets by name ("cifar10-train"): each is fetched and parsed once and kept (a
 * failed load is retried on the next call).
 */
export function createDatasetLoader(options: DatasetLoaderOptions): (name: string) => Promise<ImageDataset> {
  const datasets = new Map<string, Promise<ImageDataset>>();
  return (name) => {
    const known = datasets.get(name);
    if (known) return known;
    const loading = (async () => {
      const file = shardFileOf(name);
      if (!file.ok) throw new Error(file.error);
      const url = new URL(file.value, options.dataUrl).href;
      const bytes = await fetchShardBytes(options.fetch, file.value, url);
      const parsed = parseShardDataset(name, bytes);
      if (!parsed.ok) {
        throw new Error(
          `public/data/${file.value} is not a valid data shard (${parsed.error}): run \`${PREPARE_DATA_COMMAND}\` to rebuild it, then try again`,
        );
      }
      return parsed.value;
    })();
    datasets.set(name, loading);
    loading.catch(() => datasets.delete(name));
    return loading;
  };
}
