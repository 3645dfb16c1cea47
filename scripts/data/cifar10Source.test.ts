import { describe, expect, it } from 'vitest';
import { cifar10ShardFromSheet } from './cifar10Source';
import type { DecodedPng } from './png';

/** A sheet of `labels.length` rows, 1024 pixels each; pixel p of row r has RGB (r, p & 255, p >> 8). */
function sheet(rows: number, channels: 3 | 4): DecodedPng {
  const pixels = new Uint8Array(rows * 1024 * channels);
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < 1024; p++) {
      const o = (r * 1024 + p) * channels;
      pixels.set(channels === 3 ? [r, p & 255, p >> 8] : [r, p & 255, p >> 8, 255], o);
    }
  }
  return { width: 1024, height: rows, channels, pixels };
}

describe('cifar10ShardFromSheet', () => {
  // 25 rows; classes cycle 0..9, so rows 0..19 hold two of each class and rows 20..24 a third.
  const labels = Array.from({ length: 50 }, (_, i) => i % 10); // the label file covers more sheets
  for (const channels of [3, 4] as const) {
    it(`cuts the first 2 rows per class as 32x32x3 HWC images (${channels}-channel sheet)`, () => {
      const { shard, sourceRows } = cifar10ShardFromSheet(sheet(25, channels), labels, 2);
      expect(sourceRows).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect([shard.count, shard.height, shard.width, shard.channels, shard.classes]).toEqual([
        20, 32, 32, 3, 10,
      ]);
      expect(Array.from(shard.labels)).toEqual(Array.from({ length: 20 }, (_, i) => i % 10));
      // Image 13, pixel (y=5, x=7) is sheet pixel p = 5·32 + 7 = 167 of row 13: RGB (13, 167, 0).
      const o = 13 * 3072 + (5 * 32 + 7) * 3;
      expect(Array.from(shard.pixels.subarray(o, o + 3))).toEqual([13, 167, 0]);
      // Last pixel of image 19: p = 1023 → (19, 255, 3).
      expect(Array.from(shard.pixels.subarray(20 * 3072 - 3))).toEqual([19, 255, 3]);
    });
  }

  it('refuses a sheet that is not 1024 pixels wide', () => {
    expect(() => cifar10ShardFromSheet({ ...sheet(2, 3), width: 512 }, labels, 1)).toThrow(/1024-pixel-wide/);
  });
});
