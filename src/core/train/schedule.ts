/**
 * A training schedule: everything that fixes how a candidate network is trained for a ground-truth
 * accuracy, so the number can be labelled honestly. The presets here are short (seconds to minutes
 * in a browser tab) and deliberately NOT NAS-Bench-201's protocol (200 epochs on 50 000 images with
 * augmentation); their accuracies rank networks, they do not reproduce published numbers.
 */
import type { ParseResult } from '../util/parseResult';

export type OptimizerKind = 'sgd-momentum' | 'adam';
export type LrScheduleKind = 'cosine' | 'constant';

/** How long to train: a number of optimiser steps, or of passes over the training subset. */
export type TrainLength = { steps: number } | { epochs: number };

export interface TrainSchedule {
  /** Short name for labels and cache keys, e.g. "short". */
  name: string;
  length: TrainLength;
  batchSize: number;
  /**
   * 'sgd-momentum': SGD with Nesterov momentum 0.9, L2 weight decay added to the gradient (as
   * NB201's xautodl training); 'adam': Adam (β 0.9, 0.999, ε 1e-8) with decoupled weight decay
   * (AdamW, as timm's ViT recipes). Weight decay applies to conv and linear weights only.
   */
  optimizer: OptimizerKind;
  learningRate: number;
  weightDecay: number;
  /** 'cosine': lr·½(1 + cos(π·t/T)) over the steps after warm-up, reaching 0 at the end. */
  lrSchedule: LrScheduleKind;
  /** Steps of linear warm-up from lr/warmupSteps to lr before the schedule starts (0 for none). */
  warmupSteps: number;
  /** Class-balanced subset of the training set (the same images for every seed). */
  trainSubset: { perClass: number };
  /** Class-balanced subset of the test set the accuracy is measured on. */
  testSubset: { perClass: number };
  /**
   * Images per evaluation batch. It is part of the protocol because networks with BatchNorm are
   * evaluated with batch statistics (see trainNetwork.ts), which depend on the batch.
   */
  evalBatchSize: number;
  /** Seeds the initial weights and the order of the training images. */
  seed: number;
  /** No data augmentation (no crops, no flips): the presets are short and fully deterministic. */
  augment: false;
}

/**
 * CIFAR-10 with NB201's optimiser (SGD, Nesterov 0.9, lr 0.1, wd 5e-4, cosine to 0), on 100 images
 * per class for 100 steps of 32: 3 200 images seen, about 3 passes over the 1 000. Chosen so that
 * one NB201 `quick` cell trains in well under a minute on the wasm backend (one thread): the
 * costliest quick cell, every edge a 3x3 conv, takes about 40 s of CPU time, a typical cell
 * 15-25 s (scripts/train/measure.ts). Batches of 32 rather than 64 because, for the same images
 * seen, twice the updates separated good and bad cells more clearly in that measurement.
 */
export const SHORT_SCHEDULE: TrainSchedule = {
  name: 'short',
  length: { steps: 100 },
  batchSize: 32,
  optimizer: 'sgd-momentum',
  learningRate: 0.1,
  weightDecay: 5e-4,
  lrSchedule: 'cosine',
  warmupSteps: 0,
  trainSubset: { perClass: 100 },
  testSubset: { perClass: 100 },
  evalBatchSize: 100,
  seed: 0,
  augment: false,
};

/**
 * The same data and length for transformers, with the optimiser ViTs are trained with: AdamW,
 * lr 1e-3, wd 0.05, 10 warm-up steps, cosine (timm/DeiT-style, scaled down).
 */
export const SHORT_VIT_SCHEDULE: TrainSchedule = {
  ...SHORT_SCHEDULE,
  name: 'short-vit',
  optimizer: 'adam',
  learningRate: 1e-3,
  weightDecay: 0.05,
  warmupSteps: 10,
};

export const SCHEDULE_PRESETS = {
  short: SHORT_SCHEDULE,
  'short-vit': SHORT_VIT_SCHEDULE,
} as const satisfies Record<string, TrainSchedule>;

export type SchedulePreset = keyof typeof SCHEDULE_PRESETS;

/** The preset for a space family: the ViT one for transformers, the NB201-style one otherwise. */
export function defaultScheduleFor(family: 'nb201' | 'vit' | 'mlp'): TrainSchedule {
  return family === 'vit' ? SHORT_VIT_SCHEDULE : SHORT_SCHEDULE;
}

/** Optimiser steps the schedule takes on a training subset of `trainCount` images. */
export function totalSteps(schedule: TrainSchedule, trainCount: number): number {
  if ('steps' in schedule.length) return schedule.length.steps;
  return schedule.length.epochs * Math.floor(trainCount / schedule.batchSize);
}

/** Learning rate of step t (0-based) of `total`: linear warm-up, then cosine or constant. */
export function learningRateAt(schedule: TrainSchedule, step: number, total: number): number {
  const lr = schedule.learningRate;
  const warmup = Math.min(schedule.warmupSteps, total);
  if (step < warmup) return (lr * (step + 1)) / warmup;
  if (schedule.lrSchedule === 'constant') return lr;
  const span = total - warmup;
  return span <= 0 ? lr : lr * 0.5 * (1 + Math.cos((Math.PI * (step - warmup)) / span));
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 1;
}

/** Why a schedule cannot run (plain text), or undefined when it can. */
export function scheduleProblem(schedule: TrainSchedule): string | undefined {
  const length = 'steps' in schedule.length ? schedule.length.steps : schedule.length.epochs;
  const unit = 'steps' in schedule.length ? 'steps' : 'epochs';
  if (!isPositiveInteger(length) || length > 1_000_000) {
    return `${unit} must be an integer in [1, 1000000], got ${length}`;
  }
  if (!isPositiveInteger(schedule.batchSize) || schedule.batchSize > 4096) {
    return `batch size must be an integer in [1, 4096], got ${schedule.batchSize}`;
  }
  if (!isPositiveInteger(schedule.evalBatchSize) || schedule.evalBatchSize > 4096) {
    return `evaluation batch size must be an integer in [1, 4096], got ${schedule.evalBatchSize}`;
  }
  if (!(schedule.learningRate > 0 && schedule.learningRate < 100)) {
    return `learning rate must be in (0, 100), got ${schedule.learningRate}`;
  }
  if (!(schedule.weightDecay >= 0 && schedule.weightDecay < 10)) {
    return `weight decay must be in [0, 10), got ${schedule.weightDecay}`;
  }
  if (!Number.isInteger(schedule.warmupSteps) || schedule.warmupSteps < 0) {
    return `warm-up steps must be a non-negative integer, got ${schedule.warmupSteps}`;
  }
  for (const [what, subset] of [
    ['training', schedule.trainSubset],
    ['test', schedule.testSubset],
  ] as const) {
    if (!isPositiveInteger(subset.perClass)) {
      return `${what} images per class must be a positive integer, got ${subset.perClass}`;
    }
  }
  if (!Number.isInteger(schedule.seed) || schedule.seed < 0 || schedule.seed > 0xffffffff) {
    return `seed must be an integer in [0, 2^32 − 1], got ${schedule.seed}`;
  }
  if (schedule.augment !== false) return 'data augmentation is not supported';
  if (!['sgd-momentum', 'adam'].includes(schedule.optimizer)) {
    return `optimizer must be sgd-momentum or adam, got ${String(schedule.optimizer)}`;
  }
  if (!['cosine', 'constant'].includes(schedule.lrSchedule)) {
    return `learning-rate schedule must be cosine or constant, got ${String(schedule.lrSchedule)}`;
  }
  return undefined;
}

/** A checked schedule: the value itself, or the reason it cannot run. */
export function checkSchedule(schedule: TrainSchedule): ParseResult<TrainSchedule> {
  const problem = scheduleProblem(schedule);
  return problem ? { ok: false, error: problem } : { ok: true, value: schedule };
}

/** 1234 → "1 234" (thin grouping, as the app writes counts). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function optimizerLabel(schedule: TrainSchedule): string {
  const sgd = schedule.optimizer === 'sgd-momentum';
  const parts = [
    ...(sgd ? ['Nesterov 0.9'] : []),
    `lr ${schedule.learningRate} ${schedule.lrSchedule}`,
    ...(schedule.weightDecay > 0 ? [`wd ${schedule.weightDecay}`] : []),
    ...(schedule.warmupSteps > 0 ? [`${schedule.warmupSteps} warm-up steps`] : []),
  ];
  return `${sgd ? 'SGD' : 'AdamW'} (${parts.join(', ')})`;
}

/**
 * One line saying what the accuracy comes from, e.g. "short schedule: 100 steps of SGD (Nesterov
 * 0.9, lr 0.1 cosine, wd 0.0005), batch 32, 1 000 CIFAR-10 train images, no augmentation, tested on
 * 1 000 test images, seed 0; not NB201's 200-epoch protocol".
 */
export function describeSchedule(schedule: TrainSchedule, datasetLabel = 'CIFAR-10', classes = 10): string {
  const [count, unit] =
    'steps' in schedule.length ? [schedule.length.steps, 'step'] : [schedule.length.epochs, 'epoch'];
  const length = `${grouped(count)} ${unit}${count === 1 ? '' : 's'}`;
  const train = grouped(schedule.trainSubset.perClass * classes);
  const test = grouped(schedule.testSubset.perClass * classes);
  return (
    `${schedule.name} schedule: ${length} of ${optimizerLabel(schedule)}, batch ${schedule.batchSize}, ` +
    `${train} ${datasetLabel} train images, no augmentation, tested on ${test} test images, ` +
    `seed ${schedule.seed}; not NB201's 200-epoch protocol`
  );
}
