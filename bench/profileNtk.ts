/**
 * npx tsx --import ./scripts/node/register-tfjs-esm.mjs bench/profileNtk.ts [SPACE ARCH N FIDELITY BATCHNORM]
 * Where one NTK's time goes (docs/performance.md): wall clock of one empirical NTK after a warm-up,
 * time inside each tfjs kernel (tf.profile), the slowest matrix products and transposes by shape,
 * and the WASM heap afterwards. Random normal images; the network at its kaiming_fan_out init.
 * Default: the largest AutoFormer-Ti at 64 px with 64 images, BatchNorm 'train'.
 */
import '@tensorflow/tfjs-backend-wasm';
import { failWith, startNodeBackend } from '../scripts/kit/cli';
import { empiricalNtk } from '../src/core/kernels/ntk';
import { disposeParams, initParams } from '../src/core/nn/network';
import { tf } from '../src/core/nn/tf';
import { buildNetwork, isSpaceId } from '../src/core/spaces/architecture';
import { FIDELITY_NAMES, type FidelityPreset } from '../src/core/spaces/fidelity';
import { mulberry32, normal } from '../src/core/util/prng';

const every = (k: number, v: string) => Array.from({ length: k }, () => v).join(',');
const [space = 'autoformer-tiny', arch = `vit:ti:e240:m${every(14, '4')}:h${every(14, '4')}`] =
  process.argv.slice(2);
const n = Number(process.argv[4] ?? 64);
const fidelity = (process.argv[5] ?? 'quick') as FidelityPreset;
const batchNorm = (process.argv[6] ?? 'train') as 'train' | 'eval' | 'none';
if (!isSpaceId(space) || !FIDELITY_NAMES.includes(fidelity) || !Number.isInteger(n) || n < 2) {
  console.error('usage: bench/profileNtk.ts [SPACE ARCH N quick|paper train|eval|none]');
  process.exit(2);
}
await startNodeBackend('wasm', failWith('profileNtk'));
const built = await buildNetwork(space, arch, fidelity);
if (!built.ok) {
  console.error(`profileNtk: ${built.error}`);
  process.exit(2);
}
const net = built.value.network;
const params = initParams(net, 'kaiming_fan_out', 0);
const rng = mulberry32(1);
const size = n * net.inputShape.reduce((a, b) => a * b, 1);
const x = tf.tensor(
  Float32Array.from({ length: size }, () => normal(rng)),
  [n, ...net.inputShape],
);
await empiricalNtk(net, params, x, { batchNorm }); // warm-up
const t0 = performance.now();
const info = await tf.profile(async () => {
  await empiricalNtk(net, params, x, { batchNorm });
});
const total = performance.now() - t0;

type Sum = { ms: number; count: number };
const add = (map: Map<string, Sum>, key: string, ms: number) => {
  const entry = map.get(key) ?? { ms: 0, count: 0 };
  entry.ms += ms;
  entry.count++;
  map.set(key, entry);
};
const byKernel = new Map<string, Sum>();
const byShape = new Map<string, Sum>();
for (const k of info.kernels) {
  const ms = Number(k.kernelTimeMs) || 0;
  add(byKernel, k.name, ms);
  if (
    ['BatchMatMul', 'Transpose', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'Conv2D'].includes(k.name)
  ) {
    add(byShape, `${k.name} ${JSON.stringify(k.inputShapes)} -> ${JSON.stringify(k.outputShapes)}`, ms);
  }
}
const sorted = (map: Map<string, Sum>) => [...map].sort((a, b) => b[1].ms - a[1].ms);
const inKernels = sorted(byKernel).reduce((s, [, e]) => s + e.ms, 0);
console.log(`${space} ${arch}, ${n} images, ${fidelity}, BatchNorm ${batchNorm}`);
console.log(
  `total ${total.toFixed(0)} ms, in kernels ${inKernels.toFixed(0)} ms, ${info.kernels.length} kernel calls`,
);
for (const [name, e] of sorted(byKernel).slice(0, 14)) {
  console.log(`${name.padEnd(24)} ${e.ms.toFixed(0).padStart(7)} ms ${String(e.count).padStart(6)} calls`);
}
console.log('slowest matrix products and transposes by shape:');
for (const [key, e] of sorted(byShape).slice(0, 24)) {
  console.log(`${e.ms.toFixed(0).padStart(7)} ms ${String(e.count).padStart(5)} x ${key}`);
}
const heap = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
console.log(`wasm heap ${(heap / 2 ** 20).toFixed(0)} MiB`);
disposeParams(params);
x.dispose();
