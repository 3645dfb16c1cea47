import { describe, expect, it } from 'vitest';
import { mulberry32, normal } from '../util/prng';
import { fft, fft2d } from './fft';

/** The textbook O(n²) DFT, the second algorithm the FFT is checked against. */
function naiveDft(re: Float64Array, im: Float64Array, inverse: boolean): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const angle = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      outRe[k]! += re[j]! * Math.cos(angle) - im[j]! * Math.sin(angle);
      outIm[k]! += re[j]! * Math.sin(angle) + im[j]! * Math.cos(angle);
    }
    if (inverse) {
      outRe[k] = outRe[k]! / n;
      outIm[k] = outIm[k]! / n;
    }
  }
  return [outRe, outIm];
}

function randomVector(n: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: n }, () => normal(rng));
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('fft', () => {
  const lengths = [1, 2, 3, 5, 6, 7, 8, 12, 16, 31, 56];
  for (const inverse of [false, true]) {
    it(`matches the O(n²) DFT for power-of-two and other lengths (${inverse ? 'inverse' : 'forward'})`, () => {
      for (const n of lengths) {
        const re = randomVector(n, n);
        const im = randomVector(n, 100 + n);
        const [expectedRe, expectedIm] = naiveDft(re, im, inverse);
        fft(re, im, inverse);
        expect(maxDiff(re, expectedRe)).toBeLessThan(1e-11 * n);
        expect(maxDiff(im, expectedIm)).toBeLessThan(1e-11 * n);
      }
    });
  }

  it('puts a pure complex exponential of frequency 3 into bin 3 alone, with weight n', () => {
    const n = 10;
    const re = Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * 3 * j) / n));
    const im = Float64Array.from({ length: n }, (_, j) => Math.sin((2 * Math.PI * 3 * j) / n));
    fft(re, im);
    const expectedRe = Float64Array.from({ length: n }, (_, k) => (k === 3 ? n : 0));
    expect(maxDiff(re, expectedRe)).toBeLessThan(1e-12);
    expect(maxDiff(im, new Float64Array(n))).toBeLessThan(1e-12);
  });

  it('rejects parts of different lengths', () => {
    expect(() => fft(new Float64Array(4), new Float64Array(3))).toThrow(/differ in length/);
  });
});

describe('fft2d', () => {
  it('equals the 2-D DFT summed term by term (6 x 5 plane), and inverts it', () => {
    const h = 6;
    const w = 5;
    const plane = randomVector(h * w, 7);
    const re = Float64Array.from(plane);
    const im = new Float64Array(h * w);
    fft2d(re, im, h, w);
    for (const [ky, kx] of [
      [0, 0],
      [1, 2],
      [3, 4],
      [5, 1],
    ] as const) {
      let sumRe = 0;
      let sumIm = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const angle = -2 * Math.PI * ((ky * y) / h + (kx * x) / w);
          sumRe += plane[y * w + x]! * Math.cos(angle);
          sumIm += plane[y * w + x]! * Math.sin(angle);
        }
      }
      expect(re[ky * w + kx]).toBeCloseTo(sumRe, 10);
      expect(im[ky * w + kx]).toBeCloseTo(sumIm, 10);
    }
    fft2d(re, im, h, w, true);
    expect(maxDiff(re, plane)).toBeLessThan(1e-12);
    expect(maxDiff(im, new Float64Array(h * w))).toBeLessThan(1e-12);
  });

  it('rejects a plane whose size is not h x w', () => {
    expect(() => fft2d(new Float64Array(5), new Float64Array(5), 2, 3)).toThrow(/2x3/);
  });
});
