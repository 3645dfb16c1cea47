/**
 * What a 1-D fit has learned of each target frequency (docs/science.md §7, Rahaman et al. 2019):
 * F[k] = |DFT(f(z))[k]| / N on the N-point grid z_j = j/N, and the normalised magnitude
 * 2·F[k_i] / A_i, which is 1 when the component A_i sin(2π k_i z + 2π φ_i) is reproduced exactly
 * (a real sinusoid of amplitude A puts A/2 into bin k and A/2 into bin N − k).
 *
 * N = 200 is not a power of two, and only a handful of bins are read, so each bin is an exact
 * single-bin DFT in float64 (O(N) per bin) rather than an FFT.
 */

/** |Σ_j x_j e^{−2πi k j/N}| / N, in float64. */
export function dftMagnitude(values: ArrayLike<number>, k: number): number {
  const n = values.length;
  let re = 0;
  let im = 0;
  for (let j = 0; j < n; j++) {
    // (k·j) mod N keeps the angle small, so large k·j loses no precision.
    const angle = (2 * Math.PI * ((k * j) % n)) / n;
    re += values[j]! * Math.cos(angle);
    im -= values[j]! * Math.sin(angle);
  }
  return Math.hypot(re, im) / n;
}

/** F[k] for k = 0..⌊N/2⌋ (the one-sided spectrum, for a full-spectrum plot). */
export function magnitudeSpectrum(values: ArrayLike<number>): Float64Array {
  const half = Math.floor(values.length / 2);
  return Float64Array.from({ length: half + 1 }, (_, k) => dftMagnitude(values, k));
}

/** 2·F[k_i]: the amplitude of frequency k_i present in the values (valid for 0 < k_i < N/2). */
export function learnedAmplitudes(values: ArrayLike<number>, frequencies: readonly number[]): Float64Array {
  return Float64Array.from(frequencies, (k) => 2 * dftMagnitude(values, k));
}

/**
 * 2·F[k_i] / A_i per target component. A component of amplitude 0 has no normalised magnitude:
 * NaN there (its learned amplitude 2·F[k_i] is still in learnedAmplitudes).
 */
export function normalizedMagnitudes(
  values: ArrayLike<number>,
  components: readonly { k: number; amplitude: number }[],
): Float64Array {
  return Float64Array.from(components, (c) =>
    c.amplitude > 0 ? (2 * dftMagnitude(values, c.k)) / c.amplitude : Number.NaN,
  );
}

/**
 * The first recorded iteration at which each component's magnitude reaches `threshold` (docs/science.md's
 * "converged" reading, default 0.9), or null if it never does in the records given.
 */
export function iterationsToReach(
  records: readonly { iteration: number; magnitudes: ArrayLike<number> }[],
  threshold = 0.9,
): (number | null)[] {
  const count = records[0]?.magnitudes.length ?? 0;
  return Array.from({ length: count }, (_, i) => {
    const hit = records.find((r) => r.magnitudes[i]! >= threshold);
    return hit ? hit.iteration : null;
  });
}
