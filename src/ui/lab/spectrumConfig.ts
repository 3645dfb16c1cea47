/**
 * Panel 3's lab state → core configs (pure, no DOM: the e2e test builds the Node reference with the
 * same functions it checks by hand). The empirical NTK is taken on the grid z_j = j/n of [0, 1) with
 * the lab's input mapping; the Gaussian mapping draws B from the lab's seed, like the weights.
 */
import type { NtkConvergenceConfig } from '../../core/lab/ntkConvergence';
import type { LabMlpArch } from '../../core/lab/ntkModel';
import type { NtkSpectrumConfig } from '../../core/lab/ntkSpectrum';
import type { MlpMapping } from '../../core/spaces/mlp/mlp';
import { LAB_LIMITS, type LabState } from '../../state/labState';

/** Leading eigenvectors drawn as functions. */
export const SPECTRUM_TOP_K = 6;

/** Widths of the convergence strip: powers of two from 16 to 4096 (the closed form's comparison). */
export const CONVERGENCE_WIDTHS: readonly number[] = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

/** Initialisations averaged per width in the convergence strip. */
export const CONVERGENCE_INITS = 4;

/** The width slider's stops: exponents e with 2^e from 16 to the largest width (LAB_LIMITS, the core's cap). */
export const WIDTH_EXPONENTS = {
  min: 4,
  max: Math.floor(Math.log2(LAB_LIMITS.width.max)),
};

export function labMapping(
  lab: Pick<LabState, 'mapping' | 'sigma' | 'features' | 'levels' | 'seed'>,
): MlpMapping {
  switch (lab.mapping) {
    case 'none':
    case 'basic':
      return { kind: lab.mapping };
    case 'positional':
      return { kind: 'positional', levels: lab.levels };
    case 'gaussian':
      return { kind: 'gaussian', sigma: lab.sigma, features: lab.features, seed: lab.seed };
  }
}

/** The ReLU MLP of panels 3: the lab's depth and input mapping. */
export function spectrumArch(lab: LabState): LabMlpArch {
  return { depth: lab.depth, activation: 'relu', mapping: labMapping(lab) };
}

export function spectrumConfig(lab: LabState): NtkSpectrumConfig {
  return {
    arch: spectrumArch(lab),
    points: { kind: 'grid', n: lab.points },
    seed: lab.seed,
    width: lab.width,
    topK: SPECTRUM_TOP_K,
  };
}

export function convergenceConfig(lab: LabState): NtkConvergenceConfig {
  return {
    arch: spectrumArch(lab),
    points: { kind: 'grid', n: lab.points },
    inits: CONVERGENCE_INITS,
    seed: lab.seed,
  };
}

/** The slider stop nearest a width (a link may carry a width that is not a power of two). */
export function widthExponent(width: number): number {
  const e = Math.round(Math.log2(Math.max(1, width)));
  return Math.min(WIDTH_EXPONENTS.max, Math.max(WIDTH_EXPONENTS.min, e));
}

/**
 * Fitted slope of log(error) against log(width) by least squares: −0.5 is the 1/√width the theory
 * predicts for the fluctuations. NaN with fewer than two usable rows.
 */
export function logLogSlope(rows: readonly { width: number; error: number }[]): number {
  const usable = rows.filter((r) => r.width > 0 && r.error > 0 && Number.isFinite(r.error));
  if (usable.length < 2) return Number.NaN;
  const xs = usable.map((r) => Math.log(r.width));
  const ys = usable.map((r) => Math.log(r.error));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  return sxx > 0 ? sxy / sxx : Number.NaN;
}
