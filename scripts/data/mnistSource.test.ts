import { describe, expect, it } from 'vitest';
import { mnistDigitBytes, mnistRange, mnistShard } from './mnistSource';

describe('mnistDigitBytes', () => {
  it('recovers grey levels from x/255 rounded to 3 decimals', () => {
    const values = new Array<number>(784).fill(0);
    // 253/255 = 0.99216 → 0.992; 1/255 = 0.00392 → 0.004; 128/255 = 0.50196 → 0.502.
    values[0] = 0.992;
    values[1] = 0.004;
    values[2] = 0.502;
    values[3] = 1;
    expect(Array.from(mnistDigitBytes(values, 0).subarray(0, 5))).toEqual([253, 1, 128, 255, 0]);
  });

  it('refuses values that are not such grey levels, or partial images', () => {
    const values = new Array<number>(784).fill(0);
    values[9] = 0.5; // 127.5: halfway between two levels
    expect(() => mnistDigitBytes(values, 4)).toThrow(/digit 4: value 0.5 at 9/);
    expect(() => mnistDigitBytes([0, 0], 1)).toThrow(/not whole images/);
  });
});

describe('mnistShard', () => {
  it('takes disjoint ranges per digit (train 0..499, test 500..599), round-robin by digit', () => {
    expect(mnistRange('train')).toEqual([0, 500]);
    expect(mnistRange('test')).toEqual([500, 600]);
    // Digit d's image j has every pixel (d·7 + j) mod 256, so each image says where it came from.
    const digits = Array.from({ length: 10 }, (_, d) =>
      Uint8Array.from({ length: 600 * 784 }, (_, k) => (d * 7 + Math.floor(k / 784)) % 256),
    );
    const test = mnistShard(digits, 'test');
    expect([test.count, test.height, test.width, test.channels]).toEqual([1000, 28, 28, 1]);
    expect(Array.from(test.labels.subarray(0, 11))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]);
    // Position 23 = round 2, digit 3 → image 502 of digit 3.
    expect(test.pixels[23 * 784]).toBe((3 * 7 + 502) % 256);
    expect(mnistShard(digits, 'train').pixels[23 * 784]).toBe((3 * 7 + 2) % 256);
  });
});
