/**
 * The scalar parts of AZ-NAS's three network proxies (Lee & Ham, "AZ-NAS: Assembling Zero-Cost
 * Proxies for Network Architecture Search", CVPR 2024; the authors' code, cvlab-yonsei/AZ-NAS
 * NB201/ZeroShotProxy/compute_az_nas_score.py), kept free of tensors so tests can check them by hand.
 * docs/science.md §12 has the definitions; azNasScore.ts computes the inputs on the backend.
 */

/** The +1e-8 inside AZ-NAS's log, kept so that a zero eigenvalue contributes 0, not NaN. */
const LOG_FLOOR = 1e-8;
/** The +1e-6 under AZ-NAS's 1/σ, kept so that a zero Jacobian gives a large finite penalty. */
const INVERSE_FLOOR = 1e-6;

/**
 * Expressivity of one feature map: the entropy −Σ p log(p + 1e-8) of its covariance eigenvalues
 * normalised to p = s / Σ s. log(channels) for isotropic features, 0 when one direction holds them
 * all; NaN when every eigenvalue is 0 (a feature map that is constant), as in the reference.
 */
export function isotropyEntropy(eigenvalues: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < eigenvalues.length; i++) total += eigenvalues[i]!;
  let entropy = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const p = eigenvalues[i]! / total;
    entropy -= p * Math.log(p + LOG_FLOOR);
  }
  return entropy;
}

/** Expressivity of a network: the sum of its feature maps' entropies (stem and every block). */
export function expressivityOf(entropies: readonly number[]): number {
  return entropies.reduce((sum, e) => sum + e, 0);
}

/**
 * Progressivity: the smallest rise of entropy from one feature map to the next,
 * min_l (e_l − e_{l−1}); NaN with fewer than two feature maps.
 */
export function progressivityOf(entropies: readonly number[]): number {
  if (entropies.length < 2) return Number.NaN;
  let least = Number.POSITIVE_INFINITY;
  for (let l = 1; l < entropies.length; l++) least = Math.min(least, entropies[l]! - entropies[l - 1]!);
  return least;
}

/**
 * One block's trainability term from σ, the largest singular value of its estimated Jacobian:
 * −σ − 1/(σ + 1e-6) + 2, at most 0, reached at σ = 1 (a block that neither shrinks nor grows
 * gradients), and below 0 on either side.
 */
export function trainabilityTerm(sigmaMax: number): number {
  return -sigmaMax - 1 / (sigmaMax + INVERSE_FLOOR) + 2;
}

/** Trainability of a network: the mean of its blocks' terms (−∞ when one block is the identity). */
export function trainabilityOf(terms: readonly number[]): number {
  if (terms.length === 0) return Number.NaN;
  return terms.reduce((sum, t) => sum + t, 0) / terms.length;
}
