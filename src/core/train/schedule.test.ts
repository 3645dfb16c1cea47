import { describe, expect, it } from 'vitest';
import {
  checkSchedule,
  defaultScheduleFor,
  describeSchedule,
  learningRateAt,
  SHORT_SCHEDULE,
  SHORT_VIT_SCHEDULE,
  scheduleProblem,
  totalSteps,
} from './schedule';

describe('learningRateAt', () => {
  const cosine = { ...SHORT_SCHEDULE, learningRate: 0.1, warmupSteps: 0, lrSchedule: 'cosine' as const };

  it('follows ½·lr·(1 + cos(πt/T)): lr at the start, lr/2 half-way, near 0 at the end', () => {
    expect(learningRateAt(cosine, 0, 100)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(cosine, 50, 100)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(cosine, 25, 100)).toBeCloseTo(0.05 * (1 + Math.SQRT1_2), 12);
    expect(learningRateAt(cosine, 99, 100)).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * 99) / 100)), 12);
  });

  it('warms up linearly to lr, then runs the cosine over the remaining steps', () => {
    const warm = { ...cosine, warmupSteps: 10 };
    expect(learningRateAt(warm, 0, 110)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(warm, 4, 110)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(warm, 9, 110)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(warm, 10, 110)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(warm, 60, 110)).toBeCloseTo(0.05, 12);
  });

  it('stays at lr when constant', () => {
    const constant = { ...cosine, lrSchedule: 'constant' as const };
    expect([0, 7, 99].map((t) => learningRateAt(constant, t, 100))).toEqual([0.1, 0.1, 0.1]);
  });
});

describe('totalSteps', () => {
  it('is the step count, or epochs × full batches per pass', () => {
    expect(totalSteps(SHORT_SCHEDULE, 1000)).toBe(100);
    // 1 000 images in batches of 64: 15 full batches per pass (the last 40 images are dropped).
    expect(totalSteps({ ...SHORT_SCHEDULE, batchSize: 64, length: { epochs: 2 } }, 1000)).toBe(30);
  });
});

describe('describeSchedule', () => {
  it('says in one line what the accuracy comes from and that it is not NB201 protocol', () => {
    expect(describeSchedule(SHORT_SCHEDULE)).toBe(
      "short schedule: 100 steps of SGD (Nesterov 0.9, lr 0.1 cosine, wd 0.0005), batch 32, 1 000 CIFAR-10 train images, no augmentation, tested on 1 000 test images, seed 0; not NB201's 200-epoch protocol",
    );
    expect(describeSchedule({ ...SHORT_VIT_SCHEDULE, seed: 2 })).toContain(
      'AdamW (lr 0.001 cosine, wd 0.05, 10 warm-up steps)',
    );
    expect(describeSchedule({ ...SHORT_VIT_SCHEDULE, seed: 2 })).toContain('seed 2;');
  });
});

describe('scheduleProblem', () => {
  it('accepts the presets', () => {
    expect(scheduleProblem(SHORT_SCHEDULE)).toBeUndefined();
    expect(scheduleProblem(SHORT_VIT_SCHEDULE)).toBeUndefined();
    expect(checkSchedule(SHORT_SCHEDULE)).toEqual({ ok: true, value: SHORT_SCHEDULE });
  });

  it('names what is wrong', () => {
    expect(scheduleProblem({ ...SHORT_SCHEDULE, length: { steps: 0 } })).toBe(
      'steps must be an integer in [1, 1000000], got 0',
    );
    expect(scheduleProblem({ ...SHORT_SCHEDULE, length: { epochs: 1.5 } })).toBe(
      'epochs must be an integer in [1, 1000000], got 1.5',
    );
    expect(scheduleProblem({ ...SHORT_SCHEDULE, learningRate: -1 })).toBe(
      'learning rate must be in (0, 100), got -1',
    );
    expect(scheduleProblem({ ...SHORT_SCHEDULE, learningRate: Number.NaN })).toBe(
      'learning rate must be in (0, 100), got NaN',
    );
    expect(scheduleProblem({ ...SHORT_SCHEDULE, testSubset: { perClass: 0 } })).toBe(
      'test images per class must be a positive integer, got 0',
    );
    expect(scheduleProblem({ ...SHORT_SCHEDULE, seed: -1 })).toBe(
      'seed must be an integer in [0, 2^32 − 1], got -1',
    );
    expect(checkSchedule({ ...SHORT_SCHEDULE, weightDecay: -1 })).toEqual({
      ok: false,
      error: 'weight decay must be in [0, 10), got -1',
    });
  });
});

describe('defaultScheduleFor', () => {
  it('gives ViTs the AdamW preset and the rest the SGD one', () => {
    expect(defaultScheduleFor('vit')).toBe(SHORT_VIT_SCHEDULE);
    expect(defaultScheduleFor('nb201')).toBe(SHORT_SCHEDULE);
  });
});
