/**
 * Eigen-decompositions of the lab's kernels, shaped for drawing: eigenvalues largest first and the
 * leading eigenvectors as functions on the points, each with a sign fixed by a rule that does not
 * depend on the solver (an eigenvector is only defined up to ±1, and a plot must not flip when the
 * seed or the width changes a little).
 */
import { symmetricEigen } from '../kernels/eigen';

export interface KernelSpectrum {
  /** All n eigenvalues, largest first (float64; tiny negative values are float32 rounding). */
  eigenvalues: Float64Array;
  /** The leading eigenvectors, unit norm, sign-normalised: eigenvectors[i][j] = v_i at point j. */
  eigenvectors: Float64Array[];
}

/**
 * Flips v (in place) so that its first lobe is positive: the first entry, in point order, whose
 * magnitude is at least half the largest. Returns v.
 */
export function signNormalise(v: Float64Array): Float64Array {
  let peak = 0;
  for (const x of v) peak = Math.max(peak, Math.abs(x));
  const first = v.find((x) => Math.abs(x) >= peak / 2) ?? 0;
  if (first < 0) for (let j = 0; j < v.length; j++) v[j] = -v[j]!;
  return v;
}

/** Eigenvector `rank` (0 = largest eigenvalue) of symmetricEigen's output, sign-normalised. */
export function eigenvectorAt(vectors: Float64Array, n: number, rank: number): Float64Array {
  return signNormalise(vectors.slice(rank * n, (rank + 1) * n));
}

/** The spectrum of a symmetric n×n kernel (row-major) with its `topK` leading eigenvectors. */
export function kernelSpectrum(gram: ArrayLike<number>, n: number, topK: number): KernelSpectrum {
  const { values, vectors } = symmetricEigen(gram, n);
  const k = Math.max(0, Math.min(n, Math.floor(topK)));
  return {
    eigenvalues: values,
    eigenvectors: Array.from({ length: k }, (_, rank) => eigenvectorAt(vectors, n, rank)),
  };
}
