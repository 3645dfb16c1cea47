import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageDataset } from '../data/imageDataset';
import { tf } from '../nn/tf';
import { batchSchedule, classBalancedSubset, imageTrainingData, type TrainingData } from './trainingData';
import { evenChunks } from './trainNetwork';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 30 samples, labels 0,1,2,0,1,2,…: 10 per class. */
const labelsOnly: TrainingData = {
  name: 'labels',
  count: 30,
  classes: 3,
  labels: Int32Array.from({ length: 30 }, (_, i) => i % 3),
  sampleShape: [1],
  inputs: (indices) => Float32Array.from(indices),
};

describe('classBalancedSubset', () => {
  it('takes perClass distinct samples of every class, the same ones every call', () => {
    const subset = classBalancedSubset(labelsOnly, 4, 'train');
    expect(subset).toHaveLength(12);
    expect(new Set(subset).size).toBe(12);
    for (let c = 0; c < 3; c++) expect(subset.filter((i) => i % 3 === c)).toHaveLength(4);
    expect(classBalancedSubset(labelsOnly, 4, 'train')).toEqual(subset);
    expect(classBalancedSubset(labelsOnly, 4, 'test')).not.toEqual(subset);
  });

  it('refuses more than a class holds', () => {
    expect(() => classBalancedSubset(labelsOnly, 11, 'train')).toThrow(
      'labels has 10 images of class 0, the schedule asks for 11 per class',
    );
  });
});

describe('batchSchedule', () => {
  const subset = [10, 11, 12, 13, 14, 15, 16];

  it('covers each pass with full batches of distinct samples, dropping the remainder', () => {
    const batchAt = batchSchedule(subset, 3, 0);
    // 7 samples in batches of 3: two batches per pass, one sample left out each pass.
    for (let pass = 0; pass < 4; pass++) {
      const a = batchAt(2 * pass);
      const b = batchAt(2 * pass + 1);
      expect(a).toHaveLength(3);
      expect(b).toHaveLength(3);
      const seen = [...a, ...b];
      expect(new Set(seen).size).toBe(6);
      for (const i of seen) expect(subset).toContain(i);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const run = (seed: number) => {
      const batchAt = batchSchedule(subset, 3, seed);
      return Array.from({ length: 6 }, (_, step) => batchAt(step));
    };
    expect(run(1)).toEqual(run(1));
    expect(run(2)).not.toEqual(run(1));
  });

  it('refuses a batch larger than the subset', () => {
    expect(() => batchSchedule(subset, 8, 0)).toThrow('batch of 8 is larger than the 7 training images');
  });
});

describe('evenChunks', () => {
  it('splits into ⌈n/size⌉ near-equal consecutive chunks', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(evenChunks(items, 4).map((c) => c.length)).toEqual([3, 3, 4]);
    expect(evenChunks(items, 4).flat()).toEqual(items);
    expect(evenChunks(items, 10)).toEqual([items]);
  });
});

describe('imageTrainingData', () => {
  // Two 2x2 RGB images; pixel value v in channel c normalises to (v/255 − mean_c)/std_c.
  const dataset: ImageDataset = {
    name: 'tiny',
    count: 2,
    shape: [2, 2, 3],
    classes: 2,
    pixels: Uint8Array.from({ length: 24 }, (_, i) => i * 10),
    labels: Int32Array.from([1, 0]),
    normalisation: { mean: [0.5, 0.25, 0], std: [0.5, 0.25, 1], reference: 'test' },
  };

  it('normalises the chosen images per channel, in the order asked', () => {
    const data = imageTrainingData(dataset, [2, 2, 3]);
    const x = data.inputs([1, 0]);
    expect(x).toHaveLength(24);
    // First value: image 1, pixel 0, channel 0 holds 120.
    expect(x[0]).toBeCloseTo((120 / 255 - 0.5) / 0.5, 6);
    // Image 1, pixel 0, channel 1 holds 130; image 0 channel 2 of pixel 3 holds 110.
    expect(x[1]).toBeCloseTo((130 / 255 - 0.25) / 0.25, 6);
    expect(x[12 + 11]).toBeCloseTo(110 / 255, 6);
    expect(data.labels).toEqual(Int32Array.from([1, 0]));
  });

  it('resizes to the network resolution (a constant image stays constant)', () => {
    const flat: ImageDataset = {
      ...dataset,
      count: 1,
      pixels: new Uint8Array(12).fill(255),
      labels: Int32Array.from([0]),
    };
    const data = imageTrainingData(flat, [4, 4, 3]);
    const x = data.inputs([0]);
    expect(x).toHaveLength(48);
    for (let i = 0; i < 48; i += 3) expect(x[i]).toBeCloseTo(1, 5);
  });

  it('refuses networks that do not take images of these channels', () => {
    expect(() => imageTrainingData(dataset, [12])).toThrow('tiny holds images');
    expect(() => imageTrainingData(dataset, [2, 2, 1])).toThrow(
      'tiny images have 3 channel(s), the network wants 1',
    );
  });
});
