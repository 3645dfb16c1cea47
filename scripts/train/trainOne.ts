/**
 * Trains one job given as JSON (a TrainJob) on the wasm backend, as the app's worker does, and
 * prints {"testAccuracy": …, "steps": …} on the last line. The e2e tests' Node reference for short
 * training. An optional second argument {"evalEvery": k} also measures the test-accuracy curve
 * every k steps, printed as "testAccuracyCurve".
 *   npx tsx --import ./scripts/node/register-tfjs-esm.mjs scripts/train/trainOne.ts '<job json>' ['{"evalEvery":5}']
 */
import '@tensorflow/tfjs-backend-wasm';
import { runTrainJob, type TrainJob } from '../../src/core/train/trainJob';
import { failWith, startNodeBackend } from '../kit/cli';
import { readShardDataset } from '../kit/data';

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
await startNodeBackend('wasm', failWith('trainOne'));
const result = await runTrainJob(
  job,
  async (name) => readShardDataset(name, { missingHint: false, rebuildHint: false }),
  evalEvery === undefined ? {} : { evalEvery },
);
console.log(
  JSON.stringify({
    testAccuracy: result.testAccuracy,
    steps: result.steps,
    ...(result.testAccuracyCurve ? { testAccuracyCurve: result.testAccuracyCurve } : {}),
  }),
);
