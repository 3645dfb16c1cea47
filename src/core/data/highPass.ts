/**
 * Radial frequency filters on image batches, for vintk (docs/science.md §2, our reading of ViNTK).
 *
 * Per image and per channel: 2-D DFT (fft.ts, float64), then a mask on the normalised radius
 * ρ(k_y, k_x) = √((k_y / (H/2))² + (k_x / (W/2))²), k the signed (centred) frequency index, so
 * the Nyquist frequency of each axis is at 1 and the corner (both Nyquist) at √2.
 *   high-pass: zero every frequency with ρ < r (r = 0 removes nothing; r > √2 removes everything);
 *   low-pass: keep only ρ < r (r = 0 keeps nothing; r > √2 keeps everything).
 * The mask depends on |k| only, so it keeps the spectrum Hermitian and the inverse DFT is real up
 * to rounding; its real part is kept.
 *
 * Scale (both filters, per channel): the filtered channel y keeps the mean the filter left it (the
 * original mean when the DC term ρ = 0 is kept: low-pass with r > 0, high-pass with r = 0; else 0),
 * and its deviations from that mean are rescaled to the original channel's standard deviation:
 * out = m + (y − mean y)·σ_x/σ_y. So a filtered image has the contrast of its original and the
 * network sees inputs of comparable size. When y has (numerically) no deviations, i.e.
 * σ_y ≤ 1e-6 · RMS of the original channel, what is left is float32 rounding of the stored image,
 * not signal, and rescaling it would blow noise up to full contrast: the channel is then set to
 * its mean m (all zeros for a high-pass past every frequency, or of a constant image).
 * A filter that keeps every frequency returns the channel unchanged, bit for bit.
 */
import type { Batch } from './batch';
import { fft2d } from './fft';

export type FilterMode = 'high' | 'low';

/** Below this fraction of the original channel's RMS a filtered channel counts as constant. */
export const FLAT_CHANNEL_TOLERANCE = 1e-6;

/** Signed frequency of DFT index k of an n-point axis, over n/2 (Nyquist at ±1). */
function normalisedFrequency(k: number, n: number): number {
  const signed = k <= n / 2 ? k : k - n;
  return signed / (n / 2);
}

/** ρ of DFT bin (ky, kx) of an h x w plane: 0 at DC, 1 at an axis's Nyquist, √2 at the corner. */
export function normalisedRadius(ky: number, kx: number, h: number, w: number): number {
  const fy = normalisedFrequency(ky, h);
  const fx = normalisedFrequency(kx, w);
  return Math.sqrt(fy * fy + fx * fx);
}

function keeps(mode: FilterMode, radius: number, r: number): boolean {
  return mode === 'high' ? radius >= r : radius < r;
}

/**
 * The unscaled filter of one real h x w plane (row-major): the real part of the inverse DFT of
 * the masked DFT, in float64.
 */
export function filterPlane(
  plane: ArrayLike<number>,
  h: number,
  w: number,
  r: number,
  mode: FilterMode,
): Float64Array {
  const re = Float64Array.from(plane);
  const im = new Float64Array(h * w);
  fft2d(re, im, h, w);
  for (let ky = 0; ky < h; ky++) {
    for (let kx = 0; kx < w; kx++) {
      if (!keeps(mode, normalisedRadius(ky, kx, h, w), r)) {
        re[ky * w + kx] = 0;
        im[ky * w + kx] = 0;
      }
    }
  }
  fft2d(re, im, h, w, true);
  return re;
}

/** Largest normalised radius of an h x w plane's bins (√2 for even sizes). */
function maxRadius(h: number, w: number): number {
  return normalisedRadius(Math.floor(h / 2), Math.floor(w / 2), h, w);
}

/** True when the filter keeps every bin, so the image passes unchanged. */
function keepsEverything(mode: FilterMode, r: number, h: number, w: number): boolean {
  return mode === 'high' ? r <= 0 : r > maxRadius(h, w);
}

function imageShape(shape: readonly number[]): [number, number, number] {
  const [h, w, c] = shape;
  if (shape.length !== 3 || ![h, w, c].every((d) => Number.isInteger(d) && d! >= 1)) {
    throw new RangeError(`frequency filters need images of shape [height, width, channels], got [${shape}]`);
  }
  return [h!, w!, c!];
}

function checkRadius(r: number): void {
  if (!Number.isFinite(r) || r < 0) {
    throw new RangeError(`the cut-off radius r must be a finite number ≥ 0 (Nyquist = 1), got ${r}`);
  }
}

/** Filters one channel of an HWC image in place in `out` (see the file comment for the scale). */
function filterChannel(
  image: ArrayLike<number>,
  out: Float32Array,
  [h, w, channels]: [number, number, number],
  c: number,
  r: number,
  mode: FilterMode,
): void {
  const size = h * w;
  const plane = new Float64Array(size);
  for (let p = 0; p < size; p++) plane[p] = image[p * channels + c]!;
  let mean = 0;
  for (const v of plane) mean += v;
  mean /= size;
  let variance = 0;
  let squares = 0;
  for (const v of plane) {
    variance += (v - mean) ** 2;
    squares += v * v;
  }
  const std = Math.sqrt(variance / size);
  const rms = Math.sqrt(squares / size);

  const y = filterPlane(plane, h, w, r, mode);
  let yMean = 0;
  for (const v of y) yMean += v;
  yMean /= size;
  let yVariance = 0;
  for (const v of y) yVariance += (v - yMean) ** 2;
  const yStd = Math.sqrt(yVariance / size);

  const keptMean = keeps(mode, 0, r) ? mean : 0;
  const flat = yStd <= FLAT_CHANNEL_TOLERANCE * rms;
  const gain = flat ? 0 : std / yStd;
  for (let p = 0; p < size; p++) out[p * channels + c] = keptMean + (y[p]! - yMean) * gain;
}

/** One HWC image filtered (see the file comment), as a new array. */
export function filterImage(
  image: ArrayLike<number>,
  shape: readonly number[],
  r: number,
  mode: FilterMode,
): Float32Array {
  const dims = imageShape(shape);
  checkRadius(r);
  const [h, w, channels] = dims;
  if (image.length !== h * w * channels) {
    throw new RangeError(`an image of shape [${shape}] has ${h * w * channels} values, got ${image.length}`);
  }
  const out = Float32Array.from(image);
  if (keepsEverything(mode, r, h, w)) return out;
  for (let c = 0; c < channels; c++) filterChannel(image, out, dims, c, r, mode);
  return out;
}

function filterBatch(batch: Batch, r: number, mode: FilterMode): Batch {
  const [h, w, channels] = imageShape(batch.shape);
  checkRadius(r);
  const size = h * w * channels;
  if (batch.x.length !== batch.n * size) {
    throw new RangeError(
      `a batch of ${batch.n} images of shape [${batch.shape}] needs ${batch.n * size} values`,
    );
  }
  const x = new Float32Array(batch.x.length);
  for (let i = 0; i < batch.n; i++) {
    x.set(filterImage(batch.x.subarray(i * size, (i + 1) * size), batch.shape, r, mode), i * size);
  }
  // An unnamed batch stays unnamed: a spec is a cache key, and two unnamed batches must not share one.
  const spec = batch.spec ? `${batch.spec}, ${mode}-pass r=${r}` : '';
  return { x, y: Int32Array.from(batch.y), n: batch.n, shape: [...batch.shape], spec };
}

/** Every image with the frequencies of normalised radius below r removed (ViNTK's x_hf). */
export function highPassBatch(batch: Batch, r: number): Batch {
  return filterBatch(batch, r, 'high');
}

/** Every image with only the frequencies of normalised radius below r kept. */
export function lowPassBatch(batch: Batch, r: number): Batch {
  return filterBatch(batch, r, 'low');
}

export interface RadialSpectrum {
  /** Bin centres in normalised radius (Nyquist = 1), bins of equal width over [0, √2]. */
  radius: number[];
  /**
   * Σ over channels and bins in the ring of |X(k)|² / (H·W): by Parseval the bins sum to the
   * image's Σ x² (so a filter's removed share is read off directly).
   */
  energy: number[];
}

/**
 * Energy of one HWC image per ring of normalised radius, for the UI's spectrum plot. Default: one
 * bin per frequency step of the longer side (√2·max(H, W)/2 bins, rounded up).
 */
export function radialSpectrum(
  image: ArrayLike<number>,
  shape: readonly number[],
  bins = Math.ceil((Math.SQRT2 * Math.max(shape[0] ?? 1, shape[1] ?? 1)) / 2),
): RadialSpectrum {
  const [h, w, channels] = imageShape(shape);
  if (image.length !== h * w * channels) {
    throw new RangeError(`an image of shape [${shape}] has ${h * w * channels} values, got ${image.length}`);
  }
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const width = Math.SQRT2 / bins;
  const energy = new Array<number>(bins).fill(0);
  const re = new Float64Array(h * w);
  const im = new Float64Array(h * w);
  for (let c = 0; c < channels; c++) {
    for (let p = 0; p < h * w; p++) re[p] = image[p * channels + c]!;
    im.fill(0);
    fft2d(re, im, h, w);
    for (let ky = 0; ky < h; ky++) {
      for (let kx = 0; kx < w; kx++) {
        const bin = Math.min(bins - 1, Math.floor(normalisedRadius(ky, kx, h, w) / width));
        const p = ky * w + kx;
        energy[bin]! += (re[p]! * re[p]! + im[p]! * im[p]!) / (h * w);
      }
    }
  }
  return { radius: energy.map((_, b) => (b + 0.5) * width), energy };
}
