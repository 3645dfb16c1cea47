/**
 * The workers' batch loader, run in Node over a fake fetch that serves the real shards from
 * public/data: the same batches as the command line's loader, resized for a ViT, fetched and
 * parsed once, and a clear message naming the file and `npm run prepare-data` when a shard is
 * missing or broken.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBatchBySpec, loadBatchForCli } from '../../scripts/kit/data';
import { parseCifar10Shard } from '../core/data/cifar10';
import { batchIndices, batchSpec, drawBatch } from '../core/data/imageDataset';
import { tf } from '../core/nn/tf';
import { getProxy, resolvedParams } from '../core/proxies/registry';
import { runScoreJob, type ScoreJob } from '../core/proxies/scoreJob';
import { FIDELITY_PRESETS } from '../core/spaces/fidelity';
import { mlpFromString } from '../core/spaces/mlp/mlp';
import { mlpNetwork } from '../core/spaces/mlp/mlpNetwork';
import { nb201FromIndex } from '../core/spaces/nb201/nb201';
import { nb201Network } from '../core/spaces/nb201/nb201Network';
import { vitBuilder } from '../core/spaces/vit/vitBuild';
import { readPublicData } from '../test/publicData';
import { createBatchLoader, dataFolderUrl, type FetchLike, type FetchResponseLike } from './batchLoader';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

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

/** Serves public/data under DATA_URL, recording every URL asked for; `override` answers first. */
function fakeFetch(override?: (url: string) => FetchResponseLike | undefined) {
  const urls: string[] = [];
  const fetch: FetchLike = async (url) => {
    urls.push(url);
    const special = override?.(url);
    if (special) return special;
    if (!url.startsWith(DATA_URL)) return response(404, new Uint8Array());
    return response(200, readPublicData(url.slice(DATA_URL.length)));
  };
  return { urls, fetch };
}

const nb201Quick = nb201Network(nb201FromIndex(1234), FIDELITY_PRESETS.quick);
/** AutoFormer-Ti at the quick fidelity: 64 px inputs, so 32 px CIFAR images are upsampled 2x. */
const vitTiny = (() => {
  const built = vitBuilder('autoformer-tiny')(
    'vit:ti:e192:m3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5,3.5:h3,3,3,3,3,3,3,3,3,3,3,3',
    'quick',
  );
  if (!built.ok) throw new Error(built.error);
  return built.value;
})();

describe('createBatchLoader', () => {
  it('gives the same Float32Array as the command line for the same spec, 32 px and resized', async () => {
    const { urls, fetch } = fakeFetch();
    const load = createBatchLoader({ fetch, dataUrl: DATA_URL });
    const spec = batchSpec('cifar10-train', 8, 42);
    const forNb201 = await load(spec, nb201Quick);
    const cli = await loadBatchForCli('cifar10', 8, 42, nb201Quick);
    expect(forNb201.shape).toEqual([32, 32, 3]);
    expect(forNb201.x).toEqual(cli.x);
    expect(forNb201.y).toEqual(cli.y);
    expect(forNb201.spec).toBe(cli.spec);

    const forVit = await load(spec, vitTiny.network);
    expect(forVit.shape).toEqual([64, 64, 3]);
    expect(forVit.x).toEqual(loadBatchBySpec(spec, vitTiny.network).x);
    expect(forVit.spec).toBe(`${spec} resized 64x64`);
    // One fetch of the shard for both, under the app's base URL.
    expect(urls).toEqual([`${DATA_URL}cifar10-train.bin`]);
  });

  it('draws by the spec: the images of drawBatch on the parsed shard, normalised per channel', async () => {
    const load = createBatchLoader({ fetch: fakeFetch().fetch, dataUrl: DATA_URL });
    const batch = await load('cifar10-train n=3 seed=9 balanced', nb201Quick);
    const parsed = parseCifar10Shard(readPublicData('cifar10-train.bin'), 'train');
    if (!parsed.ok) throw new Error(parsed.error);
    const expected = drawBatch(parsed.value, 3, 9, { classBalanced: true });
    expect(batch.x).toEqual(expected.x);
    expect(new Set(batch.y).size).toBe(3);
    // The first pixel of each image by hand: (byte/255 − mean_c) / std_c, CIFAR-10's statistics.
    const indices = batchIndices(parsed.value, 3, 9, { classBalanced: true });
    const mean = [0.4914, 0.4822, 0.4465];
    const std = [0.247, 0.2435, 0.2616];
    indices.forEach((image, k) => {
      for (let c = 0; c < 3; c++) {
        const byte = parsed.value.pixels[image * 3072 + c]!;
        expect(batch.x[k * 3072 + c]).toBeCloseTo((byte / 255 - mean[c]!) / std[c]!, 5);
      }
      expect(batch.y[k]).toBe(parsed.value.labels[image]);
    });
  });

  it('feeds a ViT job a 32x32 spec upsampled to the network input, bilinear with half-pixel centres', async () => {
    const seen: number[][] = [];
    const inner = createBatchLoader({ fetch: fakeFetch().fetch, dataUrl: DATA_URL });
    const spec = 'cifar10-train n=2 seed=1';
    const job: ScoreJob = {
      space: 'autoformer-tiny',
      arch: vitTiny.arch,
      proxy: 'nwot',
      params: {},
      seed: 0,
      fidelity: 'quick',
      dataset: spec,
    };
    const result = await runScoreJob(
      job,
      'cpu',
      () => 0,
      async (s, network) => {
        const batch = await inner(s, network);
        seen.push([...batch.shape]);
        return batch;
      },
    );
    expect(seen).toEqual([[64, 64, 3]]);

    // The source images, and the upsampled batch checked pixel by pixel at exact 2x: output row
    // (or column) 2k+1 sits at source k + 1/4, so it is 3/4 of pixel k plus 1/4 of pixel k+1.
    const parsed = parseCifar10Shard(readPublicData('cifar10-train.bin'), 'train');
    if (!parsed.ok) throw new Error(parsed.error);
    const source = drawBatch(parsed.value, 2, 1);
    const upsampled = await inner(spec, vitTiny.network);
    const src = (n: number, r: number, c: number, ch: number) => source.x[((n * 32 + r) * 32 + c) * 3 + ch]!;
    const out = (n: number, r: number, c: number, ch: number) =>
      upsampled.x[((n * 64 + r) * 64 + c) * 3 + ch]!;
    for (const [n, k, l, ch] of [
      [0, 0, 0, 0],
      [1, 10, 20, 2],
      [1, 30, 5, 1],
    ] as const) {
      const expected =
        0.75 * (0.75 * src(n, k, l, ch) + 0.25 * src(n, k, l + 1, ch)) +
        0.25 * (0.75 * src(n, k + 1, l, ch) + 0.25 * src(n, k + 1, l + 1, ch));
      expect(out(n, 2 * k + 1, 2 * l + 1, ch)).toBeCloseTo(expected, 5);
    }
    // And the score is nwot's own on that network and batch.
    const direct = await getProxy('nwot').compute({
      network: vitTiny.network,
      seed: 0,
      // The job's space is a ViT one: its parameters resolve with the ViT initialisation.
      params: resolvedParams('nwot', {}, 'autoformer-tiny'),
      batch: upsampled,
    });
    expect(result.value).toBe(direct.value);
    expect(Number.isFinite(result.value)).toBe(true);
  });

  it('parses a dataset once and keeps the last few batches', async () => {
    const { urls, fetch } = fakeFetch();
    const load = createBatchLoader({ fetch, dataUrl: DATA_URL, keepBatches: 2 });
    const [a, b] = await Promise.all([
      load('mnist-train n=4 seed=0', { ...nb201Quick, inputShape: [28, 28, 1] }),
      load('mnist-train n=4 seed=1', { ...nb201Quick, inputShape: [28, 28, 1] }),
    ]);
    expect(urls).toEqual([`${DATA_URL}mnist-train.bin`]);
    expect(a.x).not.toEqual(b.x);
    const mnist = { ...nb201Quick, inputShape: [28, 28, 1] };
    expect(await load('mnist-train n=4 seed=0', mnist)).toBe(a);
    await load('mnist-train n=4 seed=2', mnist);
    await load('mnist-train n=4 seed=3', mnist);
    // seed=0 fell out of the two kept: drawn again, equal but a new array.
    const again = await load('mnist-train n=4 seed=0', mnist);
    expect(again).not.toBe(a);
    expect(again.x).toEqual(a.x);
    expect(urls).toHaveLength(1);
  });

  it('rejects a missing shard with a message naming the file and npm run prepare-data, then retries', async () => {
    let missing = true;
    const { urls, fetch } = fakeFetch(() => (missing ? response(404, new Uint8Array()) : undefined));
    const load = createBatchLoader({ fetch, dataUrl: DATA_URL });
    await expect(load('cifar10-train n=2 seed=0', nb201Quick)).rejects.toThrow(
      `public/data/cifar10-train.bin is missing (HTTP 404 Not Found for ${DATA_URL}cifar10-train.bin): run \`npm run prepare-data\``,
    );
    // A failed load is not remembered: once the file exists the next job loads it.
    missing = false;
    expect((await load('cifar10-train n=2 seed=0', nb201Quick)).n).toBe(2);
    expect(urls).toHaveLength(2);
  });

  it('says so for a broken shard, an HTML page in its place and a failed request', async () => {
    const truncated = readPublicData('mnist-test.bin').slice(0, 1000);
    const cases: [FetchLike, RegExp][] = [
      [
        async () => response(200, truncated),
        /^public\/data\/mnist-test\.bin is not a valid data shard \(.+\): run `npm run prepare-data` to rebuild it/,
      ],
      [
        async () => response(200, new TextEncoder().encode('<!doctype html>'), 'text/html; charset=utf-8'),
        /^public\/data\/mnist-test\.bin is missing \(the server sent an HTML page for .+\): run `npm run prepare-data`/,
      ],
      [
        async () => {
          throw new TypeError('Failed to fetch');
        },
        /^could not load public\/data\/mnist-test\.bin from .+ \(Failed to fetch\): run `npm run prepare-data`/,
      ],
    ];
    const mnist = { ...nb201Quick, inputShape: [28, 28, 1] };
    for (const [fetch, message] of cases) {
      await expect(
        createBatchLoader({ fetch, dataUrl: DATA_URL })('mnist-test n=2 seed=0', mnist),
      ).rejects.toThrow(message);
    }
  });

  it('rejects bad specs, unknown datasets and networks that take no images of the dataset', async () => {
    const { urls, fetch } = fakeFetch();
    const load = createBatchLoader({ fetch, dataUrl: DATA_URL });
    await expect(load('cifar10-train 64', nb201Quick)).rejects.toThrow('not a batch spec');
    await expect(load('imagenet-train n=2 seed=0', nb201Quick)).rejects.toThrow(
      'unknown dataset "imagenet-train"; one of cifar10-train, cifar10-test, mnist-train, mnist-test',
    );
    expect(urls).toEqual([]);
    const mlp = mlpFromString('mlp:in2:d2:w8:relu:o1:none');
    if (!mlp.ok) throw new Error(mlp.error);
    await expect(load('cifar10-train n=2 seed=0', mlpNetwork(mlp.value))).rejects.toThrow(
      'cifar10-train holds images; this network takes inputs of shape [2], not [H, W, C]',
    );
    await expect(load('mnist-train n=2 seed=0', nb201Quick)).rejects.toThrow(
      'mnist-train images have 1 channel(s), the network wants 3',
    );
  });
});

describe('dataFolderUrl', () => {
  it('resolves public/data against the base URL, not the worker script folder', () => {
    const worker = 'https://host.test/explorer/assets/proxy.worker-abc.js';
    expect(dataFolderUrl('/explorer/', worker)).toBe('https://host.test/explorer/data/');
    expect(dataFolderUrl('/', 'http://localhost:5173/workers/proxy.worker.ts?worker_file&type=module')).toBe(
      'http://localhost:5173/data/',
    );
    expect(dataFolderUrl('/explorer', worker)).toBe('https://host.test/explorer/data/');
  });
});
