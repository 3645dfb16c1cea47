/**
 * npm run score -- --space nb201 --archs FILE --proxies synflow,params --seed 0 --fidelity quick --out OUT.jsonl
 * --jobs N scores in N processes (one per core), --shard K/N only every N-th line from the K-th
 * (scripts/scoreProcesses.ts).
 * One JSON line per (architecture, proxy): {"key","job","arch","proxy","value","backend","ms","warnings",…},
 * scheduled by the browser's job runner (src/compute/scoreRun.ts); a rerun into the same --out
 * computes only what is not there yet.
 * Bad arguments: a message and exit code 2. Bad architecture lines: a message naming the line,
 * the other lines still scored, exit code 2 at the end.
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { failWith, startNodeBackend } from './kit/cli';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { runScores } from '../src/compute/scoreRun';
import { tf } from '../src/core/nn/tf';
import { isProxyId, type ProxyId } from '../src/core/proxies/ids';
import { PROXY_REGISTRY } from '../src/core/proxies/registry';
import { jobDataset, type ScoreJob } from '../src/core/proxies/scoreJob';
import {
  buildNetwork,
  type Fidelity,
  isSpaceId,
  SPACE_IDS,
  spaceFamily,
} from '../src/core/spaces/architecture';
import { FIDELITY_NAMES, type FidelityPreset } from '../src/core/spaces/fidelity';
import { mlpSample, mlpToString } from '../src/core/spaces/mlp/mlp';
import { nb201Sample, nb201ToString } from '../src/core/spaces/nb201/nb201';
import { nb201FromNaslibKey } from '../src/core/spaces/nb201/nb201Naslib';
import { vitSample, vitToString } from '../src/core/spaces/vit/vit';
import { CLI_DATASETS } from './kit/data';
import {
  appendRecords,
  inProcessScorer,
  readRecords,
  recordsCache,
  type ScoreRecord,
} from './scoreInProcess';
import { proxyParamsFromArgs } from './scoreParams';
import { inShard, parseShard, scoreInProcesses } from './scoreProcesses';

const fail: (message: string) => never = failWith(
  'score',
  'usage: npm run score -- --space nb201 (--archs FILE | --sample N) --proxies a,b [--dataset cifar10] [--batch 64] [--seed 0] [--fidelity quick|paper] [--channels C] [--cells N] [--backend wasm|cpu] [--param key=value | proxy.key=value]… [--out OUT.jsonl] [--jobs N | --shard K/N]',
);

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`--${name} must be an integer in [${min}, ${max}]`);
  return value;
}

let options: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      space: { type: 'string', default: 'nb201' },
      archs: { type: 'string' },
      sample: { type: 'string' },
      proxies: { type: 'string' },
      dataset: { type: 'string', default: 'cifar10' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      fidelity: { type: 'string', default: 'quick' },
      channels: { type: 'string' },
      cells: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      out: { type: 'string' },
      jobs: { type: 'string' },
      shard: { type: 'string' },
      known: { type: 'string' },
      param: { type: 'string', multiple: true },
    },
    strict: true,
  }).values;
}
try {
  options = parse();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const space = options.space!;
if (!isSpaceId(space)) fail(`unknown --space "${space}"; one of ${SPACE_IDS.join(', ')}`);
const fidelity = options.fidelity as FidelityPreset;
if (!FIDELITY_NAMES.includes(fidelity)) fail(`--fidelity must be one of ${FIDELITY_NAMES.join(', ')}`);
if (!options.proxies) fail('--proxies is required');
const proxies = options.proxies.split(',').map((p) => p.trim());
for (const p of proxies) {
  if (!isProxyId(p)) fail(`unknown proxy "${p}"`);
  const proxy = PROXY_REGISTRY[p];
  if (!proxy) fail(`proxy "${p}" is not implemented yet`);
  if (!proxy.spaces.includes(spaceFamily(space))) {
    fail(`proxy "${p}" does not apply to ${space} (it applies to ${proxy.spaces.join(', ')})`);
  }
}
if (!(CLI_DATASETS as readonly string[]).includes(options.dataset!)) {
  fail(`unknown --dataset "${options.dataset}"; one of ${CLI_DATASETS.join(', ')}`);
}
const seed = integer('seed', options.seed, 0, 0, 2 ** 32 - 1);
const paramChoice = proxyParamsFromArgs(options.param ?? [], proxies as ProxyId[]);
if (!paramChoice.ok) fail(paramChoice.error);
const proxyParams = paramChoice.value;
// Free NB201 fidelity: --channels / --cells change the preset's C and cells per stage.
const fidelityChoice: Fidelity =
  options.channels === undefined && options.cells === undefined
    ? fidelity
    : {
        preset: fidelity,
        ...(options.channels === undefined
          ? {}
          : { channels: integer('channels', options.channels, 0, 1, 64) }),
        ...(options.cells === undefined ? {} : { cellsPerStage: integer('cells', options.cells, 0, 1, 8) }),
      };
const batchSize = integer('batch', options.batch, fidelity === 'paper' ? 64 : 32, 1, 1024);
if (!!options.archs === !!options.sample) fail('give exactly one of --archs FILE or --sample N');
if (options.backend !== 'wasm' && options.backend !== 'cpu') fail('--backend must be wasm or cpu');

let lines: { text: string; line: number }[];
if (options.archs) {
  let text: string;
  try {
    text = readFileSync(options.archs, 'utf8');
  } catch {
    fail(`cannot read --archs file ${options.archs}`);
  }
  lines = text
    .split('\n')
    .map((t, i) => ({ text: t.trim(), line: i + 1 }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
} else {
  const n = integer('sample', options.sample, 0, 1, 100_000);
  const archs =
    space === 'nb201'
      ? nb201Sample(n, seed).map(nb201ToString)
      : space === 'mlp'
        ? mlpSample(n, seed).map(mlpToString)
        : vitSample(space === 'vit-browser' ? 'browser' : space, n, seed).map(vitToString);
  lines = archs.map((text, i) => ({ text, line: i + 1 }));
}

if (lines.length === 0) {
  fail(`--archs file ${options.archs} holds no architectures (blank lines and # comments are skipped)`);
}
if (options.out && !existsSync(dirname(resolve(options.out)))) {
  fail(
    `the folder of --out ${options.out} does not exist (${dirname(resolve(options.out))}); create it first`,
  );
}

// More processes than lines would only start idle ones.
const processes = Math.min(integer('jobs', options.jobs, 1, 1, 64), Math.max(1, lines.length));
if (options.shard !== undefined) {
  const shard = parseShard(options.shard);
  if (!shard) fail('--shard must be K/N with 0 <= K < N, e.g. 0/2');
  if (options.jobs !== undefined) fail('give --jobs or --shard, not both');
  lines = inShard(lines, shard);
}
if (processes > 1) {
  // The same arguments, one process per shard; records gathered into --out (or stdout). Each
  // child skips what --out already holds.
  const { jobs: _jobs, out: outPath, ...rest } = options;
  const args = Object.entries({ ...rest, known: rest.known ?? outPath }).flatMap(([name, value]) =>
    value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((v) => [`--${name}`, v]),
  );
  process.exit(await scoreInProcesses(args, processes, outPath));
}

await startNodeBackend(options.backend as 'wasm' | 'cpu', fail);
const out = options.out ? appendRecords(options.out) : process.stdout;
const write = (record: ScoreRecord) => out.write(`${JSON.stringify(record)}\n`);

/** NB201 lines may be NASLib tuples such as (0, 1, 2, 3, 4, 0); other lines pass through. */
function naslibToString(text: string): string {
  if (!text.startsWith('(') && !text.startsWith('[')) return text;
  const parsed = nb201FromNaslibKey(text);
  return parsed.ok ? nb201ToString(parsed.value) : text;
}

let badLines = 0;
const jobs: ScoreJob[] = [];
const fidelityNotes = new Map<string, string>();
for (const { text, line } of lines) {
  const built = await buildNetwork(space, space === 'nb201' ? naslibToString(text) : text, fidelityChoice);
  if (!built.ok) {
    console.error(`score: line ${line}: ${built.error}`);
    badLines++;
    continue;
  }
  fidelityNotes.set(built.value.arch, built.value.fidelityNote);
  for (const id of proxies as ProxyId[]) {
    jobs.push({
      space,
      arch: built.value.arch,
      proxy: id,
      params: proxyParams.get(id) ?? {},
      seed,
      fidelity,
      dataset: jobDataset(id, `${options.dataset}-train`, batchSize, seed),
      ...(typeof fidelityChoice === 'string'
        ? {}
        : {
            fidelityOverride: {
              ...(fidelityChoice.channels === undefined ? {} : { channels: fidelityChoice.channels }),
              ...(fidelityChoice.cellsPerStage === undefined
                ? {}
                : { cellsPerStage: fidelityChoice.cellsPerStage }),
            },
          }),
    });
  }
}

// The browser's job runner: cache first (records already in --known or --out), then the scorer.
const known = options.known ?? options.out;
const earlier = known ? readRecords(known) : [];
let failed = 0;
let skipped = 0;
await runScores(jobs, inProcessScorer(), recordsCache(earlier), 1, {
  onResult: ({ key, job, result, cached }) => {
    if (cached) {
      skipped++;
      return;
    }
    write({
      key,
      job,
      arch: job.arch,
      proxy: job.proxy,
      value: Number.isFinite(result.value) ? result.value : null,
      ...(Number.isFinite(result.value) ? {} : { nonFinite: String(result.value) }),
      backend: result.backend,
      ms: Math.round(result.ms * 10) / 10,
      warnings: result.warnings,
      details: result.details,
      fidelity: fidelityNotes.get(job.arch) ?? '',
      seed: job.seed,
    });
  },
  onProgress: () => {},
  onError: (job, message, key) => {
    console.error(`score: ${job.arch} (${job.proxy}): ${message}`);
    failed++;
    write({
      key,
      job,
      arch: job.arch,
      proxy: job.proxy,
      value: null,
      error: message,
      backend: tf.getBackend(),
      ms: 0,
      fidelity: fidelityNotes.get(job.arch) ?? '',
      seed: job.seed,
    });
  },
});
if (skipped > 0) console.error(`score: ${skipped} score(s) already in ${known}: not computed again`);
if (out !== process.stdout) await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
if (badLines + failed > 0) {
  if (badLines > 0) console.error(`score: ${badLines} line(s) could not be scored`);
  if (failed > 0) console.error(`score: ${failed} job(s) failed (their records say why)`);
  process.exit(2);
}
