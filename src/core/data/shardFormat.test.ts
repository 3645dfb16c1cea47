import { describe, expect, it } from 'vitest';
import { decodeShard, encodeShard, type Shard, shardByteLength } from './shardFormat';

/** 3 images of 2x2x3 with every byte distinct, labels 2, 0, 1 of 3 classes. */
function tinyShard(): Shard {
  return {
    count: 3,
    height: 2,
    width: 2,
    channels: 3,
    classes: 3,
    pixels: Uint8Array.from({ length: 36 }, (_, i) => 7 * i),
    labels: Uint8Array.of(2, 0, 1),
  };
}

describe('shard format', () => {
  it('lays out the header, NHWC pixels and labels at the documented offsets', () => {
    const bytes = encodeShard(tinyShard());
    // 32-byte header + 3·2·2·3 pixels + 3 labels.
    expect(bytes.length).toBe(32 + 36 + 3);
    expect(shardByteLength(3, 2, 2, 3)).toBe(71);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('SNXD');
    const view = new DataView(bytes.buffer);
    const header = [4, 8, 12, 16, 20, 24, 28].map((o) => view.getUint32(o, true));
    expect(header).toEqual([1, 3, 2, 2, 3, 3, 0]); // version, N, H, W, C, classes, reserved
    // Little-endian: count 3 is the byte 3 followed by zeros.
    expect(Array.from(bytes.subarray(8, 12))).toEqual([3, 0, 0, 0]);
    expect(bytes[32]).toBe(0);
    expect(bytes[32 + 35]).toBe(245);
    expect(Array.from(bytes.subarray(68))).toEqual([2, 0, 1]);
  });

  it('round-trips', () => {
    const decoded = decodeShard(encodeShard(tinyShard()).buffer);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const { pixels, labels, ...sizes } = decoded.value;
    expect(sizes).toEqual({ count: 3, height: 2, width: 2, channels: 3, classes: 3 });
    expect(Array.from(pixels)).toEqual(Array.from(tinyShard().pixels));
    expect(Array.from(labels)).toEqual([2, 0, 1]);
  });

  it('reads a shard that sits inside a larger buffer (a Uint8Array view)', () => {
    const bytes = encodeShard(tinyShard());
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes, 5);
    const decoded = decodeShard(padded.subarray(5));
    expect(decoded.ok && Array.from(decoded.value.labels)).toEqual([2, 0, 1]);
  });

  it('rejects damaged files with a message, without throwing', () => {
    const good = encodeShard(tinyShard());
    const badMagic = good.slice();
    badMagic[0] = 0x58;
    const badVersion = good.slice();
    badVersion[4] = 9;
    const badLabel = good.slice();
    badLabel[70] = 3;
    const cases: [Uint8Array, RegExp][] = [
      [good.subarray(0, 10), /32-byte header/],
      [badMagic, /not a dataset shard/],
      [badVersion, /version 9/],
      [good.subarray(0, good.length - 1), /should be 71 bytes/],
      [badLabel, /label 3 of image 2/],
    ];
    for (const [bytes, message] of cases) {
      const decoded = decodeShard(bytes);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.error).toMatch(message);
    }
  });

  it('refuses to encode inconsistent sizes', () => {
    expect(() => encodeShard({ ...tinyShard(), count: 4 })).toThrow(/pixel bytes/);
    expect(() => encodeShard({ ...tinyShard(), labels: Uint8Array.of(0, 1) })).toThrow(/2 labels for 3/);
  });
});
