import { describe, expect, it } from 'vitest';
import { mulberry32, normal } from '../util/prng';
import type { Batch } from './batch';
import {
  filterImage,
  filterPlane,
  highPassBatch,
  lowPassBatch,
  normalisedRadius,
  radialSpectrum,
} from './highPass';

/** A 2-D cosine a·cos(2π(u·y/H + v·x/W) + φ): DFT bins ±(u, v), normalised radius √((2u/H)² + (2v/W)²). */
interface Wave {
  u: number;
  v: number;
  a: number;
  phase: number;
}

function waveRadius({ u, v }: Wave, h: number, w: number): number {
  return Math.hypot((2 * u) / h, (2 * v) / w);
}

/** offset + Σ waves on an h x w grid, in float64 (the expected values are built the same way). */
function wavePlane(waves: readonly Wave[], h: number, w: number, offset = 0): Float64Array {
  const plane = new Float64Array(h * w).fill(offset);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (const { u, v, a, phase } of waves) {
        plane[y * w + x]! += a * Math.cos(2 * Math.PI * ((u * y) / h + (v * x) / w) + phase);
      }
    }
  }
  return plane;
}

/** Channel planes interleaved into one HWC image. */
function hwc(planes: readonly Float64Array[]): Float32Array {
  const channels = planes.length;
  const size = planes[0]!.length;
  const image = new Float32Array(size * channels);
  planes.forEach((plane, c) => {
    for (let p = 0; p < size; p++) image[p * channels + c] = plane[p]!;
  });
  return image;
}

function channel(image: ArrayLike<number>, channels: number, c: number): Float64Array {
  return Float64Array.from({ length: image.length / channels }, (_, p) => image[p * channels + c]!);
}

function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let variance = 0;
  for (let i = 0; i < values.length; i++) variance += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(variance / values.length) };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** The scale rule undone by hand: m + (y − mean y)·σ_original / σ_y. */
function rescaled(y: Float64Array, original: ArrayLike<number>, keptMean: number): Float64Array {
  const target = meanStd(original).std;
  const { mean, std } = meanStd(y);
  return y.map((v) => keptMean + ((v - mean) * target) / std);
}

describe('normalisedRadius', () => {
  it('is 0 at DC, 1 at an axis Nyquist bin, √2 at the corner, and the same for k and n − k', () => {
    expect(normalisedRadius(0, 0, 32, 32)).toBe(0);
    expect(normalisedRadius(16, 0, 32, 32)).toBe(1);
    expect(normalisedRadius(0, 8, 32, 16)).toBe(1);
    expect(normalisedRadius(16, 16, 32, 32)).toBe(Math.SQRT2);
    expect(normalisedRadius(1, 0, 32, 32)).toBe(1 / 16);
    expect(normalisedRadius(3, 5, 32, 32)).toBe(normalisedRadius(29, 27, 32, 32));
    expect(normalisedRadius(2, 0, 5, 5)).toBeCloseTo(0.8, 15); // odd size: no Nyquist bin
  });
});

describe('high-pass and low-pass on images of known frequency content', () => {
  const r = 0.25;
  for (const [h, w] of [
    [32, 32],
    [12, 10], // not powers of two: the Bluestein path
  ] as const) {
    // Two channels with different content; every wave well away from r, plus a DC offset.
    const lowWaves: Wave[][] =
      h === 32
        ? [
            [
              { u: 1, v: 2, a: 1.5, phase: 0.3 },
              { u: 3, v: -1, a: 0.8, phase: 1.1 },
            ],
            [{ u: 2, v: 0, a: 1, phase: -0.4 }],
          ]
        : [[{ u: 0, v: 1, a: 1.2, phase: 0.5 }], [{ u: 1, v: 0, a: 0.7, phase: 2 }]];
    const highWaves: Wave[][] =
      h === 32
        ? [
            [
              { u: 6, v: 5, a: 0.6, phase: 0.2 },
              { u: 10, v: -7, a: 0.4, phase: -1.3 },
              { u: 16, v: 16, a: 0.25, phase: 0 },
            ],
            [{ u: 0, v: 12, a: 0.9, phase: 0.7 }],
          ]
        : [[{ u: 3, v: 2, a: 0.5, phase: 0.1 }], [{ u: 5, v: 4, a: 0.6, phase: -0.6 }]];
    const offsets = [0.7, -0.3];

    it(`${h}x${w}: the waves sit on the intended sides of r`, () => {
      for (const wave of lowWaves.flat()) expect(waveRadius(wave, h, w)).toBeLessThan(r - 0.03);
      for (const wave of highWaves.flat()) expect(waveRadius(wave, h, w)).toBeGreaterThan(r + 0.03);
    });

    const lows = lowWaves.map((waves, c) => wavePlane(waves, h, w, offsets[c]));
    const highs = highWaves.map((waves) => wavePlane(waves, h, w));
    const originals = lows.map((low, c) => low.map((v, p) => v + highs[c]![p]!));
    const image = hwc(originals);

    it(`${h}x${w}: the unscaled filter keeps exactly the waves on its side of r`, () => {
      for (let c = 0; c < 2; c++) {
        const stored = channel(image, 2, c); // float32 storage, as in a batch
        expect(maxDiff(filterPlane(stored, h, w, r, 'high'), highs[c]!)).toBeLessThan(1e-5);
        expect(maxDiff(filterPlane(stored, h, w, r, 'low'), lows[c]!)).toBeLessThan(1e-5);
      }
    });

    it(`${h}x${w}: high-pass = the waves above r, rescaled to the channel std, mean 0`, () => {
      const out = filterImage(image, [h, w, 2], r, 'high');
      for (let c = 0; c < 2; c++) {
        const got = channel(out, 2, c);
        expect(maxDiff(got, rescaled(highs[c]!, originals[c]!, 0))).toBeLessThan(1e-5);
        const { mean, std } = meanStd(got);
        expect(Math.abs(mean)).toBeLessThan(1e-6);
        expect(std).toBeCloseTo(meanStd(originals[c]!).std, 5);
      }
    });

    it(`${h}x${w}: low-pass = the offset plus the waves below r, rescaled to the channel std`, () => {
      const out = filterImage(image, [h, w, 2], r, 'low');
      for (let c = 0; c < 2; c++) {
        const got = channel(out, 2, c);
        expect(maxDiff(got, rescaled(lows[c]!, originals[c]!, offsets[c]!))).toBeLessThan(1e-5);
        expect(meanStd(got).mean).toBeCloseTo(offsets[c]!, 5);
      }
    });
  }

  it('r = 0: high-pass keeps every frequency; the transform alone returns the plane to 1e-12', () => {
    const rng = mulberry32(3);
    const image = Float32Array.from({ length: 8 * 8 * 3 }, () => normal(rng));
    expect(filterImage(image, [8, 8, 3], 0, 'high')).toEqual(image);
    const plane = channel(image, 3, 1);
    expect(maxDiff(filterPlane(plane, 8, 8, 0, 'high'), plane)).toBeLessThan(1e-12);
    // The same holds for the low-pass past the corner radius √2.
    expect(filterImage(image, [8, 8, 3], 1.5, 'low')).toEqual(image);
    expect(maxDiff(filterPlane(plane, 8, 8, 1.5, 'low'), plane)).toBeLessThan(1e-12);
  });

  it('r > √2: high-pass removes every frequency, DC included: all zeros (std 0, no division)', () => {
    const rng = mulberry32(4);
    const image = Float32Array.from({ length: 8 * 8 * 3 }, () => 2 + normal(rng));
    const out = filterImage(image, [8, 8, 3], 1.5, 'high');
    expect(out).toEqual(new Float32Array(image.length));
    // ...and the low-pass at r = 0 keeps nothing: zeros as well.
    expect(filterImage(image, [8, 8, 3], 0, 'low')).toEqual(new Float32Array(image.length));
  });

  it('r = √2 (even size): high-pass keeps only the corner bin, the ±1 checkerboard', () => {
    const h = 8;
    const waves: Wave[] = [
      { u: 1, v: 1, a: 1, phase: 0.2 },
      { u: 3, v: 4, a: 0.5, phase: 1 },
      { u: 4, v: 4, a: 0.3, phase: 0 },
    ];
    const plane = wavePlane(waves, h, h, 0.4);
    const out = filterImage(hwc([plane]), [h, h, 1], Math.SQRT2, 'high');
    const std = meanStd(plane).std;
    const checkerboard = Float64Array.from({ length: h * h }, (_, p) =>
      (Math.floor(p / h) + (p % h)) % 2 === 0 ? std : -std,
    );
    expect(maxDiff(out, checkerboard)).toBeLessThan(1e-5);
  });

  it('a constant image: high-pass gives zeros, low-pass gives the constant back (no NaN)', () => {
    const image = new Float32Array(16 * 16 * 3).fill(0.6);
    expect(filterImage(image, [16, 16, 3], 0.25, 'high')).toEqual(new Float32Array(image.length));
    const low = filterImage(image, [16, 16, 3], 0.25, 'low');
    expect(maxDiff(low, image)).toBeLessThan(1e-7);
  });

  it('a channel with nothing above r is set to zeros, not its float32 rounding blown up', () => {
    const plane = wavePlane([{ u: 1, v: 0, a: 1, phase: 0.4 }], 16, 16);
    const out = filterImage(hwc([plane]), [16, 16, 1], 0.5, 'high');
    expect(out).toEqual(new Float32Array(16 * 16));
  });

  it('rejects images that are not [H, W, C], a negative or non-finite r, and a wrong length', () => {
    expect(() => filterImage(new Float32Array(8), [8], 0.25, 'high')).toThrow(/height, width, channels/);
    expect(() => filterImage(new Float32Array(12), [2, 2, 3], -0.1, 'high')).toThrow(/r must be/);
    expect(() => filterImage(new Float32Array(12), [2, 2, 3], Number.NaN, 'low')).toThrow(/r must be/);
    expect(() => filterImage(new Float32Array(11), [2, 2, 3], 0.2, 'low')).toThrow(/12 values/);
  });
});

describe('highPassBatch and lowPassBatch', () => {
  const rng = mulberry32(9);
  const shape = [8, 8, 3];
  const batch: Batch = {
    x: Float32Array.from({ length: 3 * 192 }, () => normal(rng)),
    y: Int32Array.from([4, 1, 7]),
    n: 3,
    shape,
    spec: 'test batch',
  };
  const before = Float32Array.from(batch.x);

  it('filters each image on its own, keeps the labels, names the result and leaves the input alone', () => {
    const high = highPassBatch(batch, 0.3);
    const low = lowPassBatch(batch, 0.3);
    for (let i = 0; i < 3; i++) {
      const image = batch.x.subarray(i * 192, (i + 1) * 192);
      expect(high.x.subarray(i * 192, (i + 1) * 192)).toEqual(filterImage(image, shape, 0.3, 'high'));
      expect(low.x.subarray(i * 192, (i + 1) * 192)).toEqual(filterImage(image, shape, 0.3, 'low'));
    }
    expect(Array.from(high.y)).toEqual([4, 1, 7]);
    expect(high.n).toBe(3);
    expect(high.shape).toEqual(shape);
    expect(high.spec).toBe('test batch, high-pass r=0.3');
    expect(low.spec).toBe('test batch, low-pass r=0.3');
    expect(batch.x).toEqual(before);
  });

  it('keeps an unnamed batch unnamed (a spec is a cache key)', () => {
    expect(highPassBatch({ ...batch, spec: '' }, 0.3).spec).toBe('');
  });

  it('rejects a batch of vectors with a plain message', () => {
    const vectors: Batch = { x: new Float32Array(6), y: new Int32Array(3), n: 3, shape: [2], spec: 'v' };
    expect(() => highPassBatch(vectors, 0.25)).toThrow(/shape \[height, width, channels\], got \[2\]/);
  });
});

describe('radialSpectrum', () => {
  it("sums to the image's Σ x² (Parseval) and puts a single wave into the bin of its radius", () => {
    const h = 16;
    const wave: Wave = { u: 3, v: 2, a: 1.5, phase: 0.8 };
    const image = hwc([wavePlane([wave], h, h), wavePlane([wave], h, h)]);
    const { radius, energy } = radialSpectrum(image, [h, h, 2]);
    expect(radius).toHaveLength(Math.ceil(Math.SQRT2 * 8));
    const total = energy.reduce((a, b) => a + b, 0);
    const squares = image.reduce((a, v) => a + v * v, 0);
    expect(total).toBeCloseTo(squares, 3);
    // a·cos over the grid has Σ x² = a²·H·W/2 per channel.
    const expected = 2 * ((wave.a * wave.a * h * h) / 2);
    const width = radius[1]! - radius[0]!;
    const bin = Math.floor(waveRadius(wave, h, h) / width);
    expect(energy[bin]).toBeCloseTo(expected, 3);
    expect(total - energy[bin]!).toBeLessThan(1e-6);
  });
});
