/**
 * How long the short training schedules take, and what they say, on the wasm backend in Node:
 *
 *   npx tsx --import ./scripts/node/register-tfjs-esm.mjs scripts/train/measure.ts \
 *     [--part nb201|vit|all] [--seeds 0,1] [--steps N] [--batch N] [--per-class N] [--backend wasm|cpu]
 *
 * nb201: three `quick` cells of clearly different quality (one conv edge, all 3x3 convs, all
 * average pools) for every seed: accuracy, time, and the spread over seeds. vit: two vit-browser
 * architectures (smallest and a large one) with the ViT preset. --steps, --batch and --per-class
 * (training images per class) override the presets, for choosing them; every line printed says
 * which schedule produced it. Times: wall and this process's CPU time (the second is less
 * disturbed by other work on a shared machine; the backend runs one thread).
 */

import { parseArgs } from 'node:util';
import { failWith, type NodeBackend, startNodeBackend } from '../kit/cli';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../src/core/nn/tf';
import { buildNetwork, type SpaceId } from '../../src/core/spaces/architecture';
import {
  describeSchedule,
  SHORT_SCHEDULE,
  SHORT_VIT_SCHEDULE,
  type TrainSchedule,
} from '../../src/core/train/schedule';
import { imageTrainingData } from '../../src/core/train/trainingData';
import { trainNetwork } from '../../src/core/train/trainNetwork';
import { loadShardDataset } from '../kit/data';

const NB201_CELLS = {
  'one conv (0→3)': '|none~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|',
  'all conv3x3':
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  'all avg_pool':
    '|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|',
};

const VIT_ARCHS = {
  'smallest (e64, depth 2)': 'vit:web:e64:m2,2:h2,2',
  'large (e128, depth 6)': 'vit:web:e128:m4,4,4,4,4,4:h4,4,4,4,4,4',
};

const fail: (message: string) => never = failWith('measure');

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'all' },
    seeds: { type: 'string', default: '0,1' },
    steps: { type: 'string' },
    batch: { type: 'string' },
    'per-class': { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
  },
  strict: true,
});
const seeds = values.seeds!.split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s) || s < 0)) fail('--seeds must be non-negative integers');
const override = (base: TrainSchedule, seed: number): TrainSchedule => ({
  ...base,
  ...(values.steps ? { length: { steps: Number(values.steps) } } : {}),
  ...(values.batch ? { batchSize: Number(values.batch) } : {}),
  ...(values['per-class'] ? { trainSubset: { perClass: Number(values['per-class']) } } : {}),
  ...(values.steps || values.batch || values['per-class'] ? { name: `${base.name} (overridden)` } : {}),
  seed,
});

// Unchecked as before: another name fails in tf.setBackend.
await startNodeBackend(values.backend as NodeBackend, fail);
const threads = values.backend === 'wasm' ? `, ${getThreadsCount()} thread(s)` : '';
console.log(`backend ${tf.getBackend()}${threads}`);

const trainSet = loadShardDataset('cifar10-train');
const testSet = loadShardDataset('cifar10-test');

interface Row {
  name: string;
  seed: number;
  accuracy: number;
  finalLoss: number;
  seconds: number;
  /** CPU time of this process (less sensitive than wall time to other work on the machine). */
  cpuSeconds: number;
  msPerStep: number;
}

async function run(space: SpaceId, archs: Record<string, string>, base: TrainSchedule): Promise<Row[]> {
  const rows: Row[] = [];
  console.log(`\n${space}: ${describeSchedule(override(base, seeds[0]!))}`);
  for (const [name, text] of Object.entries(archs)) {
    const built = await buildNetwork(space, text, 'quick');
    if (!built.ok) fail(`${name}: ${built.error}`);
    const network = built.value.network;
    const train = imageTrainingData(trainSet, network.inputShape);
    const test = imageTrainingData(testSet, network.inputShape);
    for (const seed of seeds) {
      const cpuBefore = process.cpuUsage();
      const result = await trainNetwork(network, train, test, override(base, seed));
      const cpu = process.cpuUsage(cpuBefore);
      const row: Row = {
        name,
        seed,
        accuracy: result.testAccuracy,
        finalLoss: result.trainLoss.at(-1)?.loss ?? Number.NaN,
        seconds: result.ms / 1000,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        msPerStep: result.ms / result.steps,
      };
      rows.push(row);
      console.log(
        `  ${name.padEnd(26)} seed ${seed}: accuracy ${(100 * row.accuracy).toFixed(1)}%, ` +
          `final train loss ${row.finalLoss.toFixed(3)}, ${row.seconds.toFixed(1)} s wall, ` +
          `${row.cpuSeconds.toFixed(1)} s CPU ` +
          `(${row.msPerStep.toFixed(0)} ms/step incl. evaluation)${result.warnings.length ? ` [${result.warnings.join('; ')}]` : ''}`,
      );
    }
  }
  console.log('  summary (mean accuracy, spread = max − min over seeds):');
  for (const name of Object.keys(archs)) {
    const mine = rows.filter((r) => r.name === name).map((r) => r.accuracy);
    const mean = mine.reduce((a, b) => a + b, 0) / mine.length;
    const spread = Math.max(...mine) - Math.min(...mine);
    console.log(
      `  ${name.padEnd(26)} ${(100 * mean).toFixed(1)}% ± spread ${(100 * spread).toFixed(1)} points`,
    );
  }
  console.log(`  tensors alive after the runs: ${tf.memory().numTensors}`);
  return rows;
}

if (values.part === 'nb201' || values.part === 'all') await run('nb201', NB201_CELLS, SHORT_SCHEDULE);
if (values.part === 'vit' || values.part === 'all') await run('vit-browser', VIT_ARCHS, SHORT_VIT_SCHEDULE);
