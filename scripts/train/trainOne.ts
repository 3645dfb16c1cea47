/**
 * Trains one job given as JSON (a TrainJob) on the wasm backend, as the app's worker does, and
 * prints {"testAccuracy": …, "steps": …} on the last line. The e2e tests' Node reference for short
 * training. An optional second argument {"evalEvery": k} also measures the test-accuracy curve
 * every k steps, printed as "testAccuracyCurve".
 *   npx tsx --import ./scripts/node/register-tfjs-esm.mjs scripts/train/trainOne.ts '<job json>' ['{"evalEvery":5}']
 */
import '@tensorflow/tfjs-backend-wasm';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseShardDataset, shardFileOf } from '../../src/core/data/shardDatasets';
import { tf } from '../../src/core/nn/tf';
import { runTrainJob, type TrainJob } from '../../src/core/train/trainJob';
import { registerWasmKernels } from '../../src/runtime/backends/wasmKernels';

const job = JSON.parse(process.argv[2] ?? 'null') as TrainJob | null;
if (!job) {
  console.error("usage: trainOne.ts '<TrainJob as JSON>' ['{\"evalEvery\": k}']");
  process.exit(2);
}
const options = JSON.parse(process.argv[3] ?? '{}') as { evalEvery?: unknown };
const evalEvery = options.evalEvery;
if (
  evalEvery !== undefined &&
  !(typeof evalEvery === 'number' && Number.isInteger(evalEvery) && evalEvery >= 1)
) {
  console.error(`evalEvery must be a whole number of steps, at least 1; got ${JSON.stringify(evalEvery)}`);
  process.exit(2);
}
registerWasmKernels();
await tf.setBackend('wasm');
const result = await runTrainJob(
  job,
  async (name) => {
    const file = shardFileOf(name);
    if (!file.ok) throw new Error(file.error);
    const parsed = parseShardDataset(
      name,
      new Uint8Array(await readFile(resolve('public/data', file.value))),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  },
  evalEvery === undefined ? {} : { evalEvery },
);
console.log(
  JSON.stringify({
    testAccuracy: result.testAccuracy,
    steps: result.steps,
    ...(result.testAccuracyCurve ? { testAccuracyCurve: result.testAccuracyCurve } : {}),
  }),
);
