import { describe, expect, it } from 'vitest';
import {
  batchIndices,
  batchSizeProblem,
  batchSpec,
  classCounts,
  drawBatch,
  type ImageDataset,
  imageDatasetFromShard,
  parseBatchSpec,
} from './imageDataset';
import type { Shard } from './shardFormat';

// 49 images of 2x2 greyscale in 10 classes of 4, 5 or 6 images, stored in a scrambled order.
// Every pixel of image i is i, so a batch row tells which image it came from.
const SIZES = [4, 5, 6, 4, 5, 6, 4, 5, 6, 4];
const COUNT = 49;
const inClassOrder = SIZES.flatMap((size, c) => new Array<number>(size).fill(c));
const LABELS = Array.from({ length: COUNT }, (_, i) => inClassOrder[(3 * i) % COUNT]!);
const NORMALISATION = { mean: [0.5], std: [0.25], reference: 'test' };

function toyDataset(): ImageDataset {
  const shard: Shard = {
    count: COUNT,
    height: 2,
    width: 2,
    channels: 1,
    classes: 10,
    pixels: Uint8Array.from({ length: COUNT * 4 }, (_, k) => Math.floor(k / 4)),
    labels: Uint8Array.from(LABELS),
  };
  const parsed = imageDatasetFromShard(shard, 'toy-train', { shape: [2, 2, 1], classes: 10 }, NORMALISATION);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** Image index of each batch row, read back from its normalised pixel: p = 255·(0.5 + 0.25·x). */
function rowsToImages(x: Float32Array): number[] {
  return Array.from({ length: x.length / 4 }, (_, r) => Math.round(255 * (0.5 + 0.25 * x[4 * r]!)));
}

describe('drawBatch', () => {
  const data = toyDataset();

  it('checks the toy data: class sizes 4–6', () => {
    expect(classCounts(data.labels, 10)).toEqual(SIZES);
  });

  it('normalises each pixel as (p/255 − mean)/std and keeps labels with their images', () => {
    const batch = drawBatch(data, 20, 3);
    const images = rowsToImages(batch.x);
    expect(new Set(images).size).toBe(20); // no image twice
    images.forEach((image, r) => {
      expect(batch.y[r]).toBe(LABELS[image]);
      for (let j = 0; j < 4; j++) expect(batch.x[4 * r + j]).toBeCloseTo((image / 255 - 0.5) / 0.25, 6);
    });
    expect(batch.shape).toEqual([2, 2, 1]);
    expect(batch.n).toBe(20);
    expect(batch.spec).toBe('toy-train n=20 seed=3');
  });

  it('is deterministic in the seed and differs between seeds', () => {
    const a = drawBatch(data, 12, 7);
    const b = drawBatch(data, 12, 7);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(batchIndices(data, 12, 8)).not.toEqual(batchIndices(data, 12, 7));
    expect(batchIndices(data, 12, 7, { classBalanced: true })).toEqual(
      batchIndices(data, 12, 7, { classBalanced: true }),
    );
  });

  it('reaches every image about equally often over many seeds', () => {
    const hits = new Array<number>(COUNT).fill(0);
    for (let seed = 0; seed < 400; seed++) {
      for (const i of batchIndices(data, 5, seed)) hits[i] = hits[i]! + 1;
    }
    // Expected 400·5/49 ≈ 40.8 per image; binomial std ≈ 6.1, so 15..70 is beyond 4 std.
    expect(Math.min(...hits)).toBeGreaterThan(15);
    expect(Math.max(...hits)).toBeLessThan(70);
  });

  it('gives every class ⌊n/K⌋ or ⌈n/K⌉ images when class-balanced, mixed in order', () => {
    const even = drawBatch(data, 30, 0, { classBalanced: true });
    expect(classCounts(even.y, 10)).toEqual(new Array(10).fill(3));
    const sorted = Array.from(even.y).every((label, i, all) => i === 0 || all[i - 1]! <= label);
    expect(sorted).toBe(false);
    expect(even.spec).toBe('toy-train n=30 seed=0 balanced');

    const extraClasses = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const counts = classCounts(drawBatch(data, 25, seed, { classBalanced: true }).y, 10);
      expect([...counts].sort()).toEqual([2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
      counts.forEach((count, c) => {
        if (count === 3) extraClasses.add(c);
      });
    }
    // Which classes get the extra image is drawn too, not always classes 0..4.
    expect(extraClasses.size).toBe(10);
  });

  it('reports batch sizes it cannot draw, and throws on them', () => {
    expect(batchSizeProblem(data, 40, { classBalanced: true })).toBeUndefined();
    expect(batchSizeProblem(data, 41, { classBalanced: true })).toMatch(/needs 5 images per class.*has 4/);
    expect(batchSizeProblem(data, 49)).toBeUndefined();
    expect(batchSizeProblem(data, 50)).toMatch(/larger than toy-train \(49 images\)/);
    expect(batchSizeProblem(data, 0)).toMatch(/positive integer/);
    expect(batchSizeProblem(data, 2.5)).toMatch(/positive integer/);
    expect(() => drawBatch(data, 41, 0, { classBalanced: true })).toThrow(RangeError);
  });
});

describe('batch specs', () => {
  it('round-trip through parseBatchSpec', () => {
    const spec = batchSpec('cifar10-train', 64, 0, { classBalanced: true });
    expect(spec).toBe('cifar10-train n=64 seed=0 balanced');
    expect(parseBatchSpec(spec)).toEqual({
      ok: true,
      value: { dataset: 'cifar10-train', n: 64, seed: 0, classBalanced: true },
    });
    expect(parseBatchSpec('mnist-test n=8 seed=4294967295')).toEqual({
      ok: true,
      value: { dataset: 'mnist-test', n: 8, seed: 4294967295, classBalanced: false },
    });
  });

  it('rejects malformed specs and seeds beyond 32 bits', () => {
    expect(parseBatchSpec('cifar10-train n=64').ok).toBe(false);
    expect(parseBatchSpec('cifar10-train n=-1 seed=0').ok).toBe(false);
    expect(parseBatchSpec('cifar10-train n=64 seed=4294967296').ok).toBe(false);
  });
});

describe('imageDatasetFromShard', () => {
  it('refuses a shard of the wrong shape or class count', () => {
    const shard: Shard = {
      count: 1,
      height: 2,
      width: 2,
      channels: 1,
      classes: 10,
      pixels: new Uint8Array(4),
      labels: new Uint8Array(1),
    };
    const wrong = imageDatasetFromShard(shard, 'x', { shape: [32, 32, 3], classes: 10 }, NORMALISATION);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatch(/expected 32x32x3 images in 10 classes, shard has 2x2x1/);
  });
});
