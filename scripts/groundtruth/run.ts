/**
 * npm run groundtruth -- --space vit-browser|nb201 [--n 200] [--sample-seed 0] [--seeds 0]
 *   [--shard i/n] [--budget-min M] [--fidelity quick] [--report-only]
 *
 * Self-made ground truth: trains the first n architectures of the space's seeded sample with the
 * fixed short schedule (src/core/train/schedule.ts: SHORT_SCHEDULE for NB201, SHORT_VIT_SCHEDULE
 * for ViTs; 100 steps of 32 on 1 000 class-balanced CIFAR-10 training images, tested on 1 000 test
 * images) on the wasm backend, one record per (architecture, seed) appended to
 * public/data/groundtruth-<space>.jsonl. Resumable (done records are skipped) and shardable
 * (--shard 1/4 takes every fourth architecture; shards can run on several machines and their
 * JSONL files be concatenated). Each architecture trains in a fresh Node process, because the
 * tfjs-wasm heap only grows. The table public/data/groundtruth-<space>.csv is rebuilt from the
 * JSONL after every record; both are committed as the project's own data.
 */

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isSpaceId, SPACE_IDS, type SpaceId } from '../../src/core/spaces/architecture';
import {
  type GroundTruthItem,
  type GroundTruthRecord,
  groundTruthCsv,
  groundTruthJob,
  groundTruthPlan,
  parseShard,
} from '../../src/core/train/groundTruthPlan';
import { failWith, startNodeBackend } from '../kit/cli';
import { publicDataPath, readShardDataset } from '../kit/data';
import { appendJsonLine, readJsonLines } from '../kit/jsonl';

const { values } = parseArgs({
  options: {
    space: { type: 'string' },
    n: { type: 'string', default: '200' },
    'sample-seed': { type: 'string', default: '0' },
    seeds: { type: 'string', default: '0' },
    shard: { type: 'string', default: '0/1' },
    'budget-min': { type: 'string', default: 'Infinity' },
    fidelity: { type: 'string', default: 'quick' },
    'report-only': { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

const fail: (message: string) => never = failWith('groundtruth');

const space = values.space ?? fail(`--space is required (one of ${SPACE_IDS.join(', ')})`);
if (!isSpaceId(space) || space === 'mlp')
  fail(`--space must be an image space (${SPACE_IDS.filter((s) => s !== 'mlp').join(', ')}), got "${space}"`);
const fidelity =
  values.fidelity === 'paper'
    ? 'paper'
    : values.fidelity === 'quick'
      ? 'quick'
      : fail('--fidelity is quick or paper');
const n = Number(values.n);
if (!Number.isInteger(n) || n < 1 || n > 10_000)
  fail(`--n must be a whole number from 1 to 10 000, got "${values.n}"`);
const sampleSeed = Number(values['sample-seed']);
if (!Number.isInteger(sampleSeed) || sampleSeed < 0) fail('--sample-seed must be a whole number ≥ 0');
const seeds = (values.seeds ?? '0').split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s) || s < 0))
  fail(`--seeds must be whole numbers ≥ 0 separated by commas, got "${values.seeds}"`);
const shard = parseShard(values.shard ?? '0/1');
if (!shard.ok) fail(shard.error);
const budgetMin = Number(values['budget-min']);

const out = publicDataPath(`groundtruth-${space}.jsonl`);
const table = publicDataPath(`groundtruth-${space}.csv`);

/** The records so far; a torn last line (a killed run) is skipped and trained again. */
function readRecords(): GroundTruthRecord[] {
  const { records, torn } = readJsonLines<GroundTruthRecord>(out);
  if (torn > 0)
    console.log(`[groundtruth] skipped ${torn} unreadable line(s) in ${out} (a run killed mid-write)`);
  return records;
}

function writeTable(): void {
  const records = readRecords();
  writeFileSync(table, groundTruthCsv(records, seeds));
  console.log(`[groundtruth] ${records.length} records → ${table}`);
}

if (values.child !== undefined) {
  // One item in this fresh process: train it on wasm and append its record.
  const item = JSON.parse(values.child) as GroundTruthItem;
  await import('@tensorflow/tfjs-backend-wasm');
  const { runTrainJob } = await import('../../src/core/train/trainJob');
  await startNodeBackend('wasm', fail);
  const result = await runTrainJob(groundTruthJob(space as SpaceId, item, fidelity), async (name) =>
    readShardDataset(name, { rebuildHint: false }),
  );
  const record: GroundTruthRecord = {
    ...item,
    testAccuracy: result.testAccuracy,
    steps: result.steps,
    ms: Math.round(result.ms),
    backend: result.backend,
    label: result.label,
  };
  appendJsonLine(out, record);
  process.exit(0);
}

if (values['report-only']) {
  writeTable();
  process.exit(0);
}

const plan = groundTruthPlan(space, n, sampleSeed, seeds, shard.value);
const done = new Set(readRecords().map((r) => `${r.arch}/${r.seed}`));
const todo = plan.filter((item) => !done.has(`${item.arch}/${item.seed}`));
console.log(
  `[groundtruth] ${space}: ${plan.length} items in shard ${values.shard}, ${plan.length - todo.length} done, ${todo.length} to go`,
);
const started = Date.now();
for (const [i, item] of todo.entries()) {
  if ((Date.now() - started) / 60_000 >= budgetMin) {
    console.log('[groundtruth] budget reached; run again to go on');
    break;
  }
  const t = Date.now();
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '--child', JSON.stringify(item)],
    {
      stdio: 'inherit',
    },
  );
  if (child.status !== 0)
    fail(`training ${item.arch} (seed ${item.seed}) stopped with ${child.status ?? child.signal}`);
  console.log(
    `[groundtruth] ${i + 1}/${todo.length} ${item.arch} seed ${item.seed}: ${((Date.now() - t) / 1000).toFixed(0)} s`,
  );
  writeTable();
}
writeTable();
