/**
 * Eigenspectra prepared for a log-scale overlay: each spectrum sorted in decreasing order and divided
 * by its largest eigenvalue, so λ₁/λ₁ = 1 and curves of differently scaled kernels compare by shape
 * (the decay that spectral-bias arguments read, e.g. Jacot et al. 2018, Chen et al. 2021 "TE-NAS").
 */

export interface SpectrumSeries {
  id: string;
  label: string;
  eigenvalues: readonly number[];
}

export interface NormalisedSpectrum {
  /** λᵢ/λ₁ for i = 1, 2, … over the positive eigenvalues, decreasing; ratios[0] = 1. */
  ratios: number[];
  /** The largest eigenvalue λ₁ (NaN when there is no positive one). */
  lambdaMax: number;
  /** Eigenvalues left out: NaN, infinite, ≤ 0, or so small that the ratio underflows to 0. */
  dropped: number;
}

export function normaliseSpectrum(eigenvalues: readonly number[]): NormalisedSpectrum {
  const finite = eigenvalues.filter((v) => Number.isFinite(v)).sort((a, b) => b - a);
  const lambdaMax = finite[0] ?? Number.NaN;
  if (!(lambdaMax > 0)) return { ratios: [], lambdaMax: Number.NaN, dropped: eigenvalues.length };
  const ratios: number[] = [];
  for (const v of finite) {
    const r = v / lambdaMax;
    if (r > 0) ratios.push(r);
  }
  return { ratios, lambdaMax, dropped: eigenvalues.length - ratios.length };
}

/** The y (ratio) domain covering every curve, widened down to a whole power of ten; the x domain 1…n. */
export function spectrumDomains(spectra: readonly NormalisedSpectrum[]): {
  index: [number, number];
  ratio: [number, number];
} {
  let smallest = 1;
  let longest = 1;
  for (const s of spectra) {
    for (const r of s.ratios) if (r < smallest) smallest = r;
    longest = Math.max(longest, s.ratios.length);
  }
  const floorDecade = Math.floor(Math.log10(smallest) + 1e-9);
  const lower = Number(`1e${Math.min(-1, floorDecade)}`);
  return { index: [1, Math.max(2, longest)], ratio: [lower, 1] };
}

/** Dashes tell apart series that share a colour once the eight-colour palette has cycled. */
export function seriesDash(index: number, paletteSize: number): string | undefined {
  const round = Math.floor(index / paletteSize) % 3;
  return round === 0 ? undefined : round === 1 ? '6 3' : '2 2';
}
