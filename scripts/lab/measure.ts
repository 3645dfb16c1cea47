/**
 * Speed of the spectral lab's fits in Node, and what the presets show:
 *
 *   npx tsx --import ./scripts/node/register-tfjs-esm.mjs scripts/lab/measure.ts \
 *     [--part paper|class|image|all] [--backends wasm,cpu] [--paper-iterations 200] [--cpu-iterations 20]
 *
 * paper: iterations per second of the PAPER preset (5 x 256 ReLU, Adam 3e-4) over a short run on
 * each backend (--paper-iterations on wasm, --cpu-iterations on cpu), and the time 60 000 iterations would take at that rate. class: the 1-D 'class' and
 * 'quick' presets run to the end on the first backend (time to finish, and the iteration at which
 * each frequency's normalised magnitude first reaches 0.9), without and with Gaussian features σ=10.
 * image: the image presets to the end, without and with Gaussian features (final PSNRs).
 */

import { parseArgs } from 'node:util';
import { failWith, isNodeBackend, type NodeBackend, startNodeBackend } from '../kit/cli';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { FIT_PRESETS, type FitPresetName, fitSignal, presetFitConfig } from '../../src/core/lab/fitSignal';
import {
  fitImage,
  IMAGE_PRESETS,
  type ImagePresetName,
  imagePresetMapping,
  presetImageConfig,
} from '../../src/core/lab/imageRegression';
import { iterationsToReach } from '../../src/core/lab/spectrum1d';
import type { MlpMapping } from '../../src/core/spaces/mlp/mlp';

const fail: (message: string) => never = failWith('measure');

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'all' },
    backends: { type: 'string', default: 'wasm,cpu' },
    'paper-iterations': { type: 'string', default: '200' },
    'cpu-iterations': { type: 'string', default: '20' },
  },
  strict: true,
});
const part = values.part!;
if (!['paper', 'class', 'image', 'all'].includes(part)) fail('--part must be paper, class, image or all');
const backends = values.backends!.split(',');
if (!backends.every(isNodeBackend)) fail('--backends lists wasm and/or cpu');
const paperIterations = Number(values['paper-iterations']);
const cpuIterations = Number(values['cpu-iterations']);
if (![paperIterations, cpuIterations].every((n) => Number.isInteger(n) && n >= 1)) {
  fail('--paper-iterations and --cpu-iterations must be integers ≥ 1');
}

async function useBackend(name: NodeBackend): Promise<void> {
  await startNodeBackend(name, fail); // our WASM kernels, as the lab's worker
  const threads = name === 'wasm' ? `, ${getThreadsCount()} thread(s)` : '';
  console.log(`\n== backend ${name}${threads}`);
}

const target = { kind: 'preset', preset: 'equal', phaseSeed: 0 } as const;
const gaussian10: MlpMapping = { kind: 'gaussian', sigma: 10, features: 256, seed: 0 };

if (part === 'paper' || part === 'all') {
  for (const backend of backends) {
    await useBackend(backend);
    // The cpu backend's matMul is plain JavaScript (two orders slower than wasm's), so fewer there.
    const iterations = backend === 'cpu' ? cpuIterations : paperIterations;
    const config = { ...presetFitConfig('paper', target), iterations, recordEvery: 100 };
    const run = await fitSignal(config);
    const rate = run.iterations / run.seconds;
    const hours = FIT_PRESETS.paper.iterations / rate / 3600;
    console.log(
      `paper preset (5x256 ReLU, Adam 3e-4), ${run.iterations} iterations: ${run.seconds.toFixed(1)} s, ` +
        `${rate.toFixed(1)} it/s → 60 000 iterations ≈ ${hours.toFixed(2)} h`,
    );
  }
}

const fmt = (steps: (number | null)[]) => steps.map((s) => (s === null ? '–' : String(s))).join(' ');

if (part === 'class' || part === 'all') {
  await useBackend(backends[0]!);
  for (const name of ['quick', 'class'] as FitPresetName[]) {
    for (const [label, mapping] of [
      ['no mapping', { kind: 'none' }],
      ['Gaussian σ=10 m=256', gaussian10],
    ] as [string, MlpMapping][]) {
      const p = FIT_PRESETS[name];
      const records: { iteration: number; magnitudes: Float64Array }[] = [];
      const run = await fitSignal(presetFitConfig(name, target, 0, mapping), {
        onRecord: (r) => records.push(r),
      });
      console.log(
        `${name} (${p.depth}x${p.width}, Adam ${p.lr}, ${p.iterations} it), ${label}: ${run.seconds.toFixed(1)} s ` +
          `(${(run.iterations / run.seconds).toFixed(0)} it/s), final loss ${run.last.loss.toFixed(4)}`,
      );
      console.log(`  first iteration at 0.9, k = 5..50: ${fmt(iterationsToReach(records, 0.9))}`);
      console.log(`  final magnitudes: ${Array.from(run.last.magnitudes, (m) => m.toFixed(2)).join(' ')}`);
    }
  }
}

if (part === 'image' || part === 'all') {
  await useBackend(backends[0]!);
  for (const name of Object.keys(IMAGE_PRESETS) as ImagePresetName[]) {
    for (const mapping of [imagePresetMapping(name, 'none'), imagePresetMapping(name, 'gaussian')]) {
      const config = presetImageConfig(name, mapping);
      const run = await fitImage(config);
      const held = run.last.heldOutPsnr;
      console.log(
        `image ${name} (${config.trainSize}² train, ${config.arch.depth}x${config.arch.width}, ${config.iterations} it), ` +
          `${mapping.kind === 'gaussian' ? `Gaussian σ=${mapping.sigma}` : 'no mapping'}: ${run.seconds.toFixed(1)} s, ` +
          `train PSNR ${run.last.trainPsnr.toFixed(2)} dB, held-out ${held === null ? '–' : held.toFixed(2)} dB`,
      );
    }
  }
}
