import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../nn/tf';
import { resizeBatch } from './resize';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('resizeBatch', () => {
  it('keeps a constant image constant and interpolates a ramp linearly (half-pixel centres)', () => {
    // One 2x2x1 image [[0, 1], [0, 1]] upsampled to 4x4: columns at centres −0.25, 0.25, 0.75, 1.25
    // of the source clamp to 0, 0.25, 0.75, 1.
    const batch = {
      x: Float32Array.from([0, 1, 0, 1]),
      y: Int32Array.from([3]),
      n: 1,
      shape: [2, 2, 1],
      spec: 't',
    };
    const out = resizeBatch(batch, 4, 4);
    expect(out.shape).toEqual([4, 4, 1]);
    expect(Array.from(out.x.slice(0, 4))).toEqual([0, 0.25, 0.75, 1]);
    expect(out.y).toBe(batch.y);
    expect(out.spec).toBe('t resized 4x4');
    const flat = { ...batch, x: Float32Array.from([2, 2, 2, 2]) };
    expect(Array.from(resizeBatch(flat, 3, 5).x).every((v) => Math.abs(v - 2) < 1e-6)).toBe(true);
  });

  it('returns the batch itself when the size already fits', () => {
    const batch = { x: new Float32Array(12), y: Int32Array.from([0]), n: 1, shape: [2, 2, 3], spec: 's' };
    expect(resizeBatch(batch, 2, 2)).toBe(batch);
  });
});
