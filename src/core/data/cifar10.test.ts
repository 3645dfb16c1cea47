import { describe, expect, it } from 'vitest';
import { CIFAR10_CLASSES, CIFAR10_NORMALISATION, drawBatch, parseCifar10Shard } from './cifar10';
import { classCounts } from './imageDataset';
import { encodeShard } from './shardFormat';

/** 70 CIFAR-shaped images, 7 per class; image i has first pixel (255, 0, 128) and is i elsewhere. */
function fakeCifarShard(): Uint8Array {
  const count = 70;
  const pixels = new Uint8Array(count * 3072);
  for (let i = 0; i < count; i++) {
    pixels.fill(i, i * 3072, (i + 1) * 3072);
    pixels.set([255, 0, 128], i * 3072);
  }
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return encodeShard({ count, height: 32, width: 32, channels: 3, classes: 10, pixels, labels });
}

describe('CIFAR-10 normalisation', () => {
  it('agrees with NAS-Bench-201 code ([125.3, 123.0, 113.9]/255, [63.0, 62.1, 66.7]/255) to 3e-4', () => {
    const nb201Mean = [125.3 / 255, 123.0 / 255, 113.9 / 255];
    const nb201Std = [63.0 / 255, 62.1 / 255, 66.7 / 255];
    CIFAR10_NORMALISATION.mean.forEach((m, c) => {
      expect(Math.abs(m - nb201Mean[c]!)).toBeLessThan(3e-4);
    });
    CIFAR10_NORMALISATION.std.forEach((s, c) => {
      expect(Math.abs(s - nb201Std[c]!)).toBeLessThan(3e-4);
    });
  });

  it('maps the pixel (255, 0, 128) to ((1−.4914)/.2470, −.4822/.2435, (128/255−.4465)/.2616)', () => {
    const parsed = parseCifar10Shard(fakeCifarShard(), 'train');
    if (!parsed.ok) throw new Error(parsed.error);
    const batch = drawBatch(parsed.value, 1, 0);
    // Hand values: 0.5086/0.247 = 2.059109; 0.4822/0.2435 = 1.980287; 0.0554608/0.2616 = 0.212006.
    expect(batch.x[0]).toBeCloseTo(2.059109, 5);
    expect(batch.x[1]).toBeCloseTo(-1.980287, 5);
    expect(batch.x[2]).toBeCloseTo(0.212006, 5);
  });
});

describe('parseCifar10Shard', () => {
  it('reads a CIFAR-shaped shard as cifar10-train, and drawBatch names the batch', () => {
    const parsed = parseCifar10Shard(fakeCifarShard(), 'train');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.name).toBe('cifar10-train');
    expect(parsed.value.shape).toEqual([32, 32, 3]);
    expect(CIFAR10_CLASSES).toHaveLength(10);
    const batch = drawBatch(parsed.value, 64, 0);
    expect(batch.spec).toBe('cifar10-train n=64 seed=0');
    expect(batch.x.length).toBe(64 * 3072);
    const balanced = drawBatch(parsed.value, 60, 0, { classBalanced: true });
    expect(classCounts(balanced.y, 10)).toEqual(new Array(10).fill(6));
  });

  it('refuses other shards and damaged bytes with a message naming the file', () => {
    const mnistLike = encodeShard({
      count: 1,
      height: 28,
      width: 28,
      channels: 1,
      classes: 10,
      pixels: new Uint8Array(784),
      labels: new Uint8Array(1),
    });
    const wrongShape = parseCifar10Shard(mnistLike, 'test');
    expect(wrongShape.ok || wrongShape.error).toMatch(/cifar10-test: expected 32x32x3/);
    const truncated = parseCifar10Shard(fakeCifarShard().subarray(0, 100), 'test');
    expect(truncated.ok || truncated.error).toMatch(/^cifar10-test\.bin: shard of 70 images/);
  });
});
