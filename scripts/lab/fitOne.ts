/**
 * Runs one 1-D spectral-bias fit (a FitSignalConfig as JSON) on the wasm backend, as the lab's
 * worker does, and prints the last record's numbers as JSON on the last line. The e2e test's Node
 * reference for panels 1 and 2:
 *   npx tsx --import ./scripts/node/register-tfjs-esm.mjs scripts/lab/fitOne.ts '<config json>'
 */
import '@tensorflow/tfjs-backend-wasm';
import { type FitSignalConfig, fitSignal, type SignalRecord } from '../../src/core/lab/fitSignal';
import { iterationsToReach } from '../../src/core/lab/spectrum1d';
import { startNodeBackend } from '../kit/cli';

const config = JSON.parse(process.argv[2] ?? 'null') as FitSignalConfig | null;
if (!config) {
  console.error("usage: fitOne.ts '<FitSignalConfig as JSON>'");
  process.exit(2);
}
// Our WASM kernels, as the lab's worker; exit code 1 (not the kit's 2) as before.
await startNodeBackend('wasm', (message) => {
  console.error(`fitOne: ${message}`);
  process.exit(1);
});
const records: SignalRecord[] = [];
const result = await fitSignal(config, { onRecord: (r) => records.push(r) });
console.log(
  JSON.stringify({
    status: result.status,
    iterations: result.iterations,
    seconds: result.seconds,
    loss: result.last.loss,
    magnitudes: Array.from(result.last.magnitudes),
    reach: iterationsToReach(records),
  }),
);
