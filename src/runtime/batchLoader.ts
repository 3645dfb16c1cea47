/**
 * The workers' data batches: fetch the shard a batch spec names (public/data/<file>, relative to
 * the app's base URL), parse it once, keep the last few drawn batches, and draw and resize by the
 * core's batchForInput: the same function the command line uses after reading the file, so the
 * app and `npm run score` see bit-identical batches. Pure over an injected fetch, so Node tests
 * run it with a fake one.
 */
import type { Batch } from '../core/data/batch';
import { type ImageDataset, parseBatchSpec } from '../core/data/imageDataset';
import { PREPARE_DATA_COMMAND } from '../core/data/manifest';
import { batchForInput, parseShardDataset, shardFileOf } from '../core/data/shardDatasets';
import type { Network } from '../core/nn/network';
import type { BatchLoader } from '../core/proxies/scoreJob';

/** The part of a fetch Response the loader reads. */
export interface FetchResponseLike {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FetchLike = (url: string) => Promise<FetchResponseLike>;

export interface BatchLoaderOptions {
  fetch: FetchLike;
  /** Absolute URL of the folder that holds the shards, e.g. "https://host/app/data/". */
  dataUrl: string;
  /** Drawn batches kept for reuse, most recent first (default 4). */
  keepBatches?: number;
}

/** The data folder's URL from the app's base URL (import.meta.env.BASE_URL) and a page or worker URL. */
export function dataFolderUrl(baseUrl: string, location: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL(`${base}data/`, location).href;
}

const fix = `run \`${PREPARE_DATA_COMMAND}\` to create the data shards, then try again`;

/** The shard's bytes; rejects with the file, the URL and the fix when it is missing or unreadable. */
export async function fetchShardBytes(fetchLike: FetchLike, file: string, url: string): Promise<Uint8Array> {
  const where = `public/data/${file}`;
  let response: FetchResponseLike;
  try {
    response = await fetchLike(url);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`could not load ${where} from ${url} (${why}): ${fix}`);
  }
  if (!response.ok) {
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new Error(`${where} is missing (${status} for ${url}): ${fix}`);
  }
  // A dev server answers a missing file with its index page (200, text/html).
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new Error(`${where} is missing (the server sent an HTML page for ${url}): ${fix}`);
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read ${where} from ${url} (${why}): ${fix}`);
  }
}

/**
 * A BatchLoader over `fetch`: each dataset is fetched and parsed once (a failed load is retried
 * on the next job), the last `keepBatches` batches are reused. Rejects with a message naming the
 * file and the command that makes it when a shard is missing or broken.
 */
export function createBatchLoader(options: BatchLoaderOptions): BatchLoader {
  const keep = Math.max(0, options.keepBatches ?? 4);
  const datasets = new Map<string, Promise<ImageDataset>>();
  const batches = new Map<string, Batch>();

  const dataset = (name: string): Promise<ImageDataset> => {
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

  return async (spec: string, network: Network): Promise<Batch> => {
    const request = parseBatchSpec(spec);
    if (!request.ok) throw new Error(request.error);
    const key = `${spec.trim()}@${network.inputShape.join('x')}`;
    const cached = batches.get(key);
    if (cached) {
      // Most recently used last, so the oldest is first to go.
      batches.delete(key);
      batches.set(key, cached);
      return cached;
    }
    const batch = batchForInput(await dataset(request.value.dataset), request.value, network.inputShape);
    if (keep > 0) {
      batches.set(key, batch);
      while (batches.size > keep) batches.delete(batches.keys().next().value as string);
    }
    return batch;
  };
}
