/**
 * The same core, run in Node on tfjs's cpu backend: the reference the browser's numbers must match.
 * Data proxies load their batch from public/data through the workers' own loader (createBatchLoader),
 * with a fetch that reads the file from disk, so Node and the browser draw the same images.
 */
import '@tensorflow/tfjs-backend-cpu';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tf } from '../src/core/nn/tf';
import { runScoreJob, type ScoreJob } from '../src/core/proxies/scoreJob';
import type { TrainJob } from '../src/core/train/trainJob';
import { createBatchLoader, type FetchResponseLike } from '../src/runtime/batchLoader';

const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), '../public/data');

/** fetch for file: URLs, answering a missing file with a 404 as a web server would. */
async function readAsFetch(url: string): Promise<FetchResponseLike> {
  const headers = { get: () => null };
  try {
    const bytes = await readFile(fileURLToPath(url));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return { ok: true, status: 200, statusText: 'OK', headers, arrayBuffer: async () => buffer };
  } catch {
    return {
      ok: false,
      status: 404,
      statusText: 'Not Found',
      headers,
      arrayBuffer: async () => new ArrayBuffer(0),
    };
  }
}

const loadBatch = createBatchLoader({ fetch: readAsFetch, dataUrl: `${pathToFileURL(dataDir).href}/` });

export async function scoreInNode(jobs: ScoreJob[]): Promise<number[]> {
  await tf.setBackend('cpu');
  const values: number[] = [];
  for (const job of jobs) {
    values.push((await runScoreJob(job, 'cpu', () => performance.now(), loadBatch)).value);
  }
  return values;
}

/**
 * Short training of one job in Node on the wasm backend, as the page's worker trains (the cpu
 * backend takes minutes for one evaluation of 1 000 images). It runs in a tsx child process,
 * because tfjs-backend-wasm's ESM build does not load under Playwright's module loader.
 */
export function trainInNode(job: TrainJob): number {
  return runTrainOne(job).testAccuracy;
}

export interface NodeTraining {
  testAccuracy: number;
  steps: number;
  testAccuracyCurve?: { step: number; accuracy: number }[];
}

/** trainInNode with the test-accuracy curve measured every `evalEvery` steps, as the page's live training. */
export function trainCurveInNode(job: TrainJob, evalEvery: number): NodeTraining {
  return runTrainOne(job, { evalEvery });
}

function runTrainOne(job: TrainJob, options?: { evalEvery: number }): NodeTraining {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './scripts/node/register-tfjs-esm.mjs',
      'scripts/train/trainOne.ts',
      JSON.stringify(job),
      ...(options ? [JSON.stringify(options)] : []),
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 1 << 24 },
  );
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as NodeTraining;
}
