import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIFAR10_NORMALISATION } from '../data/cifar10';
import type { ImageDataset } from '../data/imageDataset';
import { tf } from '../nn/tf';
import { SHORT_SCHEDULE, type TrainSchedule } from './schedule';
import { runTrainJob, type TrainJob } from './trainJob';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** One 32x32 image per class, each a flat grey of its own level. */
function fakeCifar(name: string): ImageDataset {
  const pixels = new Uint8Array(10 * 32 * 32 * 3);
  for (let i = 0; i < 10; i++) pixels.fill(20 * i, i * 3072, (i + 1) * 3072);
  return {
    name,
    count: 10,
    shape: [32, 32, 3],
    classes: 10,
    pixels,
    labels: Int32Array.from({ length: 10 }, (_, i) => i),
    normalisation: CIFAR10_NORMALISATION,
  };
}

const loaded: string[] = [];
const loader = async (name: string) => {
  loaded.push(name);
  return fakeCifar(name);
};

const oneStep: TrainSchedule = {
  ...SHORT_SCHEDULE,
  length: { steps: 1 },
  batchSize: 10,
  trainSubset: { perClass: 1 },
  testSubset: { perClass: 1 },
  evalBatchSize: 10,
};

const job: TrainJob = {
  space: 'nb201',
  arch: '|nor_conv_1x1~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|',
  fidelity: 'quick',
  dataset: 'cifar10',
  schedule: oneStep,
};

describe('runTrainJob', () => {
  it('loads the train and test shards, trains the canonical network and labels the result', async () => {
    loaded.length = 0;
    const result = await runTrainJob(job, loader);
    expect(loaded.sort()).toEqual(['cifar10-test', 'cifar10-train']);
    expect(result.arch).toBe(job.arch);
    expect(result.steps).toBe(1);
    expect(result.testCount).toBe(10);
    expect(result.fidelityNote).toBe('quick: C=8, 1 cell(s)/stage, 32 px');
    expect(result.label).toContain('short schedule: 1 step of SGD');
    expect(result.label).toContain('10 CIFAR-10 train images');
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(result.testAccuracy).toBeLessThanOrEqual(1);
  });

  it('rejects what cannot be trained, in plain words', async () => {
    await expect(runTrainJob({ ...job, arch: 'not a cell' }, loader)).rejects.toThrow(
      'not an NB201 cell string',
    );
    await expect(
      runTrainJob({ ...job, space: 'mlp', arch: 'mlp:in1:d2:w8:relu:o1:none' }, loader),
    ).rejects.toThrow('MLPs take coordinates, not images');
    const unknown = { ...job, dataset: 'imagenet' } as unknown as TrainJob;
    await expect(runTrainJob(unknown, loader)).rejects.toThrow('cannot train on "imagenet"; one of cifar10');
    const missing = async () => {
      throw new Error('public/data/cifar10-train.bin is missing');
    };
    await expect(runTrainJob(job, missing)).rejects.toThrow('public/data/cifar10-train.bin is missing');
  });
});
