/**
 * Complex DFTs in float64 on plain arrays, for the image filters of highPass.ts.
 *
 * Why not tf.spectral.fft: the wasm backend (our fallback in the worker) has no FFT, Complex, Real
 * or Imag kernels, and a float32 transform would make the filtered batch depend on the backend.
 * Power-of-two lengths go through the npm package fft.js (radix-4, float64 arithmetic). Every other
 * length is transformed by the DFT's definition; see directDft. The inverse includes the 1/n factor.
 */
import FFT from 'fft.js';

interface Radix4Plan {
  fft: FFT;
  /** fft.js works on interleaved [re0, im0, re1, im1, …] buffers, input and output distinct. */
  input: Float64Array;
  output: Float64Array;
}

/** One fft.js instance (its twiddle table) and scratch pair per power-of-two length. */
const radix4Plans = new Map<number, Radix4Plan>();

function radix4Plan(n: number): Radix4Plan {
  const known = radix4Plans.get(n);
  if (known) return known;
  const plan = { fft: new FFT(n), input: new Float64Array(2 * n), output: new Float64Array(2 * n) };
  radix4Plans.set(n, plan);
  return plan;
}

/** n must be a power of two ≥ 2; fft.js's inverseTransform already divides by n. */
function powerOfTwoFft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  const { fft: transform, input, output } = radix4Plan(n);
  for (let j = 0; j < n; j++) {
    input[2 * j] = re[j]!;
    input[2 * j + 1] = im[j]!;
  }
  if (inverse) transform.inverseTransform(output, input);
  else transform.transform(output, input);
  for (let k = 0; k < n; k++) {
    re[k] = output[2 * k]!;
    im[k] = output[2 * k + 1]!;
  }
}

interface DirectPlan {
  /** cos and sin of 2πm/n for m < n; the angle of bin k, sample j is that of m = jk mod n. */
  cos: Float64Array;
  sin: Float64Array;
  /** Output scratch, since the sum reads every input sample for every bin. */
  outRe: Float64Array;
  outIm: Float64Array;
}

const directPlans = new Map<number, DirectPlan>();

function directPlan(n: number): DirectPlan {
  const known = directPlans.get(n);
  if (known) return known;
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    cos[m] = Math.cos((2 * Math.PI * m) / n);
    sin[m] = Math.sin((2 * Math.PI * m) / n);
  }
  const plan = { cos, sin, outRe: new Float64Array(n), outIm: new Float64Array(n) };
  directPlans.set(n, plan);
  return plan;
}

/**
 * X_k = Σ_j x_j e^{∓2πi jk/n}, term by term from the table. Only used for non-power-of-two sizes
 * (paper-fidelity ViT images at 224 px, odd test sizes), where the O(n²) line transform is cheap
 * enough: one 2-D transform of a 224×224 plane (448 line transforms, 22.5 M complex multiply-adds)
 * measured about 0.1 s of CPU time in Node 20 on our 2-core dev machine, against 0.15 ms for a
 * 64×64 plane through fft.js.
 */
function directDft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  const { cos, sin, outRe, outIm } = directPlan(n);
  // e^{+iθ} for the inverse, e^{−iθ} for the forward transform.
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    let sumRe = 0;
    let sumIm = 0;
    let m = 0; // j·k mod n, stepped without a division
    for (let j = 0; j < n; j++) {
      const c = cos[m]!;
      const s = sign * sin[m]!;
      sumRe += re[j]! * c - im[j]! * s;
      sumIm += re[j]! * s + im[j]! * c;
      m += k;
      if (m >= n) m -= n;
    }
    outRe[k] = inverse ? sumRe / n : sumRe;
    outIm[k] = inverse ? sumIm / n : sumIm;
  }
  re.set(outRe);
  im.set(outIm);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * In-place DFT of (re, im): X_k = Σ_j x_j e^{∓2πi jk/n} (− forward, + inverse); the inverse is
 * divided by n, so fft then inverse fft returns the input up to rounding.
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (im.length !== n) throw new RangeError(`real and imaginary parts differ in length (${n}, ${im.length})`);
  if (n <= 1) return; // fft.js rejects size 1; the 1-point DFT (and its inverse) is the identity.
  if (isPowerOfTwo(n)) powerOfTwoFft(re, im, inverse);
  else directDft(re, im, inverse);
}

/** In-place 2-D DFT of an h x w plane stored row-major: every row, then every column. */
export function fft2d(re: Float64Array, im: Float64Array, h: number, w: number, inverse = false): void {
  if (re.length !== h * w || im.length !== h * w) {
    throw new RangeError(`a ${h}x${w} plane has ${h * w} entries, got ${re.length} and ${im.length}`);
  }
  for (let y = 0; y < h; y++) {
    fft(re.subarray(y * w, (y + 1) * w), im.subarray(y * w, (y + 1) * w), inverse);
  }
  const colRe = new Float64Array(h);
  const colIm = new Float64Array(h);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      colRe[y] = re[y * w + x]!;
      colIm[y] = im[y * w + x]!;
    }
    fft(colRe, colIm, inverse);
    for (let y = 0; y < h; y++) {
      re[y * w + x] = colRe[y]!;
      im[y * w + x] = colIm[y]!;
    }
  }
}
