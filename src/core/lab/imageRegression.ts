/**
 * The 2-D experiment of Tancik et al. (NeurIPS 2020; docs/science.md §8): an MLP maps pixel coordinates
 * (u, v) → RGB through a sigmoid, trained full-batch with MSE on the built-in test card
 * (testCard.ts) sampled on a trainSize² grid. Every recordEvery iterations we evaluate on a finer
 * evalSize² grid (evalSize = factor · trainSize; the training pixels are its every factor-th pixel,
 * the rest are held out, as Tancik trains on every other pixel) and record:
 * - PSNR = −10·log10(MSE) (pixel values in [0, 1], Tancik's definition) on the training pixels and
 *   on the held-out pixels;
 * - the reconstruction on the evaluation grid.
 * Tancik's demo (tancik/fourier-feature-networks, Demo.ipynb) fits 4 x 256 ReLU with a sigmoid output
 * for 2 000 Adam steps on a 512² image, trained on every other pixel, m = 256 Gaussian features with
 * σ = 10; ours is scaled down for a browser (IMAGE_PRESETS).
 */

import type { ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';
import { type MlpArch, type MlpMapping, mlpProblem } from '../spaces/mlp/mlp';
import { mlpParamSpecs } from '../spaces/mlp/mlpParamSpecs';
import {
  type FitHooks,
  initialParams,
  type LabFitLoop,
  type LabFitStatus,
  type LabLoopSettings,
  labOptimizer,
  loopProblems,
  runFitLoop,
} from './fitLoop';
import { forwardMapped, mappedInputTensor } from './mappedForward';
import { imageCoordinates, type LabImage, testCardImage } from './testCard';

/** Settings as LabLoopSettings; lr default IMAGE_DEFAULT_LR (Adam), recordEvery default 25. */
export interface FitImageConfig extends LabLoopSettings {
  /** inputDim 2 and outputs 3. */
  arch: MlpArch;
  /** Side of the training grid; default 32. */
  trainSize?: number;
  /** evalSize = factor · trainSize; default 2. */
  evalFactor?: number;
}

export interface ImageRecord {
  iteration: number;
  /** MSE on the training pixels (what is minimised). */
  loss: number;
  trainPsnr: number;
  /** PSNR on the evaluation pixels that are not training pixels; null when evalFactor is 1. */
  heldOutPsnr: number | null;
  /** Row-major [evalSize, evalSize, 3] in [0, 1]. */
  reconstruction: Float32Array;
  evalSize: number;
}

export interface FitImageResult {
  status: LabFitStatus;
  iterations: number;
  last: ImageRecord;
  /** The test card on the evaluation grid (the reference the reconstruction is compared with). */
  image: LabImage;
  seconds: number;
}

export const IMAGE_DEFAULT_LR = 1e-3;
export const IMAGE_LIMITS = { trainSize: [8, 128], evalFactor: [1, 4], evalSize: 256 } as const;

/**
 * Presets (32x32 training grid, 64x64 evaluation): 'class' takes ~10 s on wasm in Node, 'quick'
 * ~1 s (scripts/lab/measure.ts). σ is scaled to the grid: Tancik's σ = 10 suits 256+ training
 * pixels a side, while on 32 pixels a side (Nyquist: 16 cycles) σ = 10 memorises the training pixels
 * and generalises no better than no mapping (held-out PSNR ≈ 14.5 dB both); of σ = 2, 3, 4, 6, 10,
 * σ = 3 to 4 gave the best held-out PSNR (≈ 17.2 dB).
 */
export const IMAGE_PRESETS = {
  class: {
    depth: 3,
    width: 128,
    lr: 1e-3,
    iterations: 400,
    recordEvery: 20,
    trainSize: 32,
    evalFactor: 2,
    sigma: 4,
    features: 128,
  },
  quick: {
    depth: 2,
    width: 64,
    lr: 3e-3,
    iterations: 150,
    recordEvery: 10,
    trainSize: 32,
    evalFactor: 2,
    sigma: 4,
    features: 64,
  },
} as const;
export type ImagePresetName = keyof typeof IMAGE_PRESETS;

/** A preset's input mapping of the given kind (Gaussian: the preset's σ and feature count). */
export function imagePresetMapping(preset: ImagePresetName, kind: MlpMapping['kind'], seed = 0): MlpMapping {
  const p = IMAGE_PRESETS[preset];
  switch (kind) {
    case 'none':
    case 'basic':
      return { kind };
    case 'positional':
      // Frequencies 1, 2, …, 16: up to the training grid's Nyquist frequency.
      return { kind, levels: 5 };
    case 'gaussian':
      return { kind, sigma: p.sigma, features: p.features, seed };
  }
}

/** A preset's config with ReLU and the given mapping (default: the preset's Gaussian features). */
export function presetImageConfig(
  preset: ImagePresetName,
  mapping: MlpMapping = imagePresetMapping(preset, 'gaussian'),
  seed = 0,
): FitImageConfig {
  const p = IMAGE_PRESETS[preset];
  return {
    arch: { inputDim: 2, depth: p.depth, width: p.width, activation: 'relu', mapping, outputs: 3 },
    optimizer: 'adam',
    lr: p.lr,
    iterations: p.iterations,
    recordEvery: p.recordEvery,
    seed,
    trainSize: p.trainSize,
    evalFactor: p.evalFactor,
  };
}

/** Every problem with a config (empty when fitImage can run it). */
export function fitImageProblems(config: FitImageConfig): string[] {
  const problems: string[] = [];
  const archProblem = mlpProblem(config.arch);
  if (archProblem) problems.push(archProblem);
  else if (config.arch.inputDim !== 2 || config.arch.outputs !== 3) {
    problems.push('the image fit needs an MLP with two inputs (u, v) and three outputs (RGB)');
  }
  const trainSize = config.trainSize ?? 32;
  const factor = config.evalFactor ?? 2;
  const [minSize, maxSize] = IMAGE_LIMITS.trainSize;
  if (!(Number.isInteger(trainSize) && trainSize >= minSize && trainSize <= maxSize)) {
    problems.push(
      `the training grid must be an integer in [${minSize}, ${maxSize}] pixels, got ${trainSize}`,
    );
  }
  const [minFactor, maxFactor] = IMAGE_LIMITS.evalFactor;
  if (!(Number.isInteger(factor) && factor >= minFactor && factor <= maxFactor)) {
    problems.push(`the evaluation factor must be an integer in [${minFactor}, ${maxFactor}], got ${factor}`);
  } else if (trainSize * factor > IMAGE_LIMITS.evalSize) {
    problems.push(`the evaluation grid ${trainSize * factor}² is larger than ${IMAGE_LIMITS.evalSize}²`);
  }
  problems.push(...loopProblems(config));
  return problems;
}

/** −10·log10(mse); Infinity for a perfect fit. */
export function psnr(mse: number): number {
  return -10 * Math.log10(mse);
}

/** The training pixels: every factor-th row and column of the evaluation grid. */
function isTrainPixel(index: number, evalSize: number, factor: number): boolean {
  const i = Math.floor(index / evalSize);
  const j = index % evalSize;
  return i % factor === 0 && j % factor === 0;
}

export async function fitImage(
  config: FitImageConfig,
  hooks: FitHooks<ImageRecord> = {},
): Promise<FitImageResult> {
  const problems = fitImageProblems(config);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const trainSize = config.trainSize ?? 32;
  const factor = config.evalFactor ?? 2;
  const evalSize = trainSize * factor;
  const train = testCardImage(trainSize);
  const image = testCardImage(evalSize);
  const xTrain = mappedInputTensor(config.arch, imageCoordinates(trainSize), trainSize * trainSize);
  const yTrain = tf.tensor2d(train.pixels, [trainSize * trainSize, 3]);
  const xEval = mappedInputTensor(config.arch, imageCoordinates(evalSize), evalSize * evalSize);
  const predict = (x: tf.Tensor2D, params: ParamTensors) => tf.sigmoid(forwardMapped(config.arch, x, params));
  const loop: LabFitLoop<ImageRecord> = {
    params: initialParams(mlpParamSpecs(config.arch), config.init ?? 'pytorch', config.seed),
    optimizer: labOptimizer(config.optimizer, config.lr ?? IMAGE_DEFAULT_LR),
    iterations: config.iterations,
    recordEvery: config.recordEvery ?? 25,
    loss: (params) => tf.mean(tf.squaredDifference(predict(xTrain, params), yTrain)),
    output: (params) => predict(xEval, params),
    diverged: (record) => !Number.isFinite(record.loss),
    summarize: (reconstruction, iteration) => {
      let trainSum = 0;
      let trainCount = 0;
      let heldSum = 0;
      let heldCount = 0;
      for (let p = 0; p < evalSize * evalSize; p++) {
        let sq = 0;
        for (let c = 0; c < 3; c++) sq += (reconstruction[p * 3 + c]! - image.pixels[p * 3 + c]!) ** 2;
        if (isTrainPixel(p, evalSize, factor)) {
          trainSum += sq;
          trainCount += 3;
        } else {
          heldSum += sq;
          heldCount += 3;
        }
      }
      const loss = trainSum / trainCount;
      return {
        iteration,
        loss,
        trainPsnr: psnr(loss),
        heldOutPsnr: heldCount > 0 ? psnr(heldSum / heldCount) : null,
        reconstruction,
        evalSize,
      };
    },
  };
  try {
    const run = await runFitLoop(loop, hooks);
    return { ...run, image };
  } finally {
    xTrain.dispose();
    yTrain.dispose();
    xEval.dispose();
  }
}
