/**
 * The WASM heap after one grasp (a Hessian-vector product: the proxy with the largest tape) on an
 * NB201 cell at paper fidelity, deterministic normal images; the heap only grows, so this is the peak.
 * npx tsx --import ./scripts/node/register-tfjs-esm.mjs bench/graspMemory.ts [BATCH] [ARCH]
 */
import '@tensorflow/tfjs-backend-wasm';
import { failWith, startNodeBackend } from '../scripts/kit/cli';
import { initParams } from '../src/core/nn/network';
import { tf } from '../src/core/nn/tf';
import { graspOf } from '../src/core/proxies/graspScore';
import { gradientWeights } from '../src/core/proxies/lossGradients';
import { buildNetwork } from '../src/core/spaces/architecture';
import { mulberry32, normal } from '../src/core/util/prng';

await startNodeBackend('wasm', failWith('graspMemory'));
const n = Number(process.argv[2] ?? 8);
const arch =
  process.argv[3] ??
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';
const built = await buildNetwork('nb201', arch, 'paper');
if (!built.ok) throw new Error(built.error);
const network = built.value.network;
const params = initParams(network, 'pytorch', 0);
const rng = mulberry32(1);
const x = tf.tensor(
  Float32Array.from({ length: n * network.inputShape.reduce((a, b) => a * b, 1) }, () => normal(rng)),
  [n, ...network.inputShape],
);
const labels = tf.tensor1d(
  Int32Array.from({ length: n }, (_, i) => i % 10),
  'int32',
);
const heap = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length / 2 ** 20;
const before = heap();
const t0 = performance.now();
const out = await graspOf({ network, params, weights: gradientWeights(network), x, labels });
console.log(
  `batch ${n}: grasp ${out.value} in ${((performance.now() - t0) / 1000).toFixed(1)} s, heap ${before.toFixed(0)} -> ${heap().toFixed(0)} MB, tensors ${tf.memory().numTensors}`,
);
