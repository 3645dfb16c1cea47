/**
 * Checks the MNIST shards that scripts/data/prepare-data.ts made in public/data: sizes against
 * the manifest, class balance, disjoint splits, and the published MNIST pixel statistics.
 * Fails (never skips) when the files are missing, naming the file and the command that makes it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readPublicData } from '../../test/publicData';
import { classCounts, type ImageDataset } from './imageDataset';
import { MANIFEST_FILE, parseManifest } from './manifest';
import { MNIST_NORMALISATION, MNIST_SHARD_FILES, parseMnistShard } from './mnist';

function dataset(split: 'train' | 'test'): ImageDataset {
  const parsed = parseMnistShard(readPublicData(MNIST_SHARD_FILES[split]), split);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('generated MNIST shards in public/data', () => {
  it('match the manifest and hold 500 / 100 digits per class, round-robin by digit', () => {
    const parsed = parseManifest(new TextDecoder().decode(readPublicData(MANIFEST_FILE)));
    if (!parsed.ok) throw new Error(parsed.error);
    for (const [split, count] of [
      ['train', 5000],
      ['test', 1000],
    ] as const) {
      const bytes = readPublicData(MNIST_SHARD_FILES[split]);
      const entry = parsed.value.files.find((e) => e.file === MNIST_SHARD_FILES[split]);
      expect(entry?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(bytes.length).toBe(32 + count * 784 + count);
      const data = dataset(split);
      expect(classCounts(data.labels, 10)).toEqual(new Array(10).fill(count / 10));
      expect(Array.from(data.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    }
  });

  it('have the published MNIST mean and std (0.1307, 0.3081) within 0.005', () => {
    const data = dataset('train');
    let sum = 0;
    let squares = 0;
    for (const v of data.pixels) {
      sum += v / 255;
      squares += (v / 255) ** 2;
    }
    const mean = sum / data.pixels.length;
    const std = Math.sqrt(squares / data.pixels.length - mean ** 2);
    expect(Math.abs(mean - MNIST_NORMALISATION.mean[0]!)).toBeLessThan(0.005);
    expect(Math.abs(std - MNIST_NORMALISATION.std[0]!)).toBeLessThan(0.005);
  });

  it('share no image between train and test', () => {
    const key = (d: ImageDataset, i: number) =>
      createHash('sha1')
        .update(d.pixels.subarray(i * 784, (i + 1) * 784))
        .digest('hex');
    const train = dataset('train');
    const test = dataset('test');
    const seen = new Set(Array.from({ length: train.count }, (_, i) => key(train, i)));
    const shared = Array.from({ length: test.count }, (_, i) => key(test, i)).filter((k) => seen.has(k));
    expect(shared).toEqual([]);
  });
});
