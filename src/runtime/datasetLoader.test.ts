/**
 * The workers' dataset loader over a fake fetch that serves the real shards from public/data:
 * the same dataset as reading the file, fetched once, and a message naming the file and
 * `npm run prepare-data` when a shard is missing, an HTML page, or broken.
 */
import { describe, expect, it } from 'vitest';
import { parseCifar10Shard } from '../core/data/cifar10';
import { readPublicData } from '../test/publicData';
import type { FetchLike, FetchResponseLike } from './batchLoader';
import { createDatasetLoader } from './datasetLoader';

const DATA_URL = 'https://app.test/explorer/data/';

function response(
  status: number,
  body: Uint8Array,
  contentType = 'application/octet-stream',
): FetchResponseLike {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 404 ? 'Not Found' : 'OK',
    headers: { get: (name) => (name.toLowerCase() === 'content-type' ? contentType : null) },
    arrayBuffer: async () => body.slice().buffer as ArrayBuffer,
  };
}

function fakeFetch(answer?: (url: string) => FetchResponseLike | undefined) {
  const urls: string[] = [];
  const fetch: FetchLike = async (url) => {
    urls.push(url);
    const special = answer?.(url);
    if (special) return special;
    if (!url.startsWith(DATA_URL)) return response(404, new Uint8Array());
    return response(200, readPublicData(url.slice(DATA_URL.length)));
  };
  return { urls, fetch };
}

describe('createDatasetLoader', () => {
  it('gives the dataset the file holds, fetching each shard once', async () => {
    const { urls, fetch } = fakeFetch();
    const load = createDatasetLoader({ fetch, dataUrl: DATA_URL });
    const [a, b] = await Promise.all([load('cifar10-test'), load('cifar10-test')]);
    expect(a).toBe(b);
    expect(urls).toEqual([`${DATA_URL}cifar10-test.bin`]);
    const direct = parseCifar10Shard(readPublicData('cifar10-test.bin'), 'test');
    if (!direct.ok) throw new Error(direct.error);
    expect(a.count).toBe(direct.value.count);
    expect(a.labels).toEqual(direct.value.labels);
    // Byte comparison by Buffer: a deep equality over 3 MB is slow.
    expect(Buffer.from(a.pixels).equals(Buffer.from(direct.value.pixels))).toBe(true);
  });

  it('names the file and the fix when a shard is missing, and tries again next time', async () => {
    let missing = true;
    const { urls, fetch } = fakeFetch(() => (missing ? response(404, new Uint8Array()) : undefined));
    const load = createDatasetLoader({ fetch, dataUrl: DATA_URL });
    await expect(load('cifar10-test')).rejects.toThrow(
      `public/data/cifar10-test.bin is missing (HTTP 404 Not Found for ${DATA_URL}cifar10-test.bin): run \`npm run prepare-data\``,
    );
    missing = false;
    await expect(load('cifar10-test')).resolves.toMatchObject({ name: 'cifar10-test' });
    expect(urls).toHaveLength(2);
  });

  it('recognises a dev server index page and a broken shard', async () => {
    const html = fakeFetch(() => response(200, new TextEncoder().encode('<html>'), 'text/html'));
    await expect(
      createDatasetLoader({ fetch: html.fetch, dataUrl: DATA_URL })('cifar10-train'),
    ).rejects.toThrow('public/data/cifar10-train.bin is missing (the server sent an HTML page');
    const broken = fakeFetch(() => response(200, new Uint8Array(40)));
    await expect(
      createDatasetLoader({ fetch: broken.fetch, dataUrl: DATA_URL })('cifar10-train'),
    ).rejects.toThrow('public/data/cifar10-train.bin is not a valid data shard');
  });

  it('refuses an unknown dataset name', async () => {
    const { urls, fetch } = fakeFetch();
    await expect(createDatasetLoader({ fetch, dataUrl: DATA_URL })('imagenet-train')).rejects.toThrow(
      'unknown dataset "imagenet-train"',
    );
    expect(urls).toEqual([]);
  });
});
