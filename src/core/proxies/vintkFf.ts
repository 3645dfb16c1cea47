/**
 * vintk_ff's registry entry: docs/science.md §2's reading B of ViNTK (Zhou & Zhu, arXiv 2405.04536,
 * whose formula and code are not public; "integrating the Fourier features from inputs" read as
 * Tancik et al. 2020): every patch p (pixels in [0, 1]) is mapped to γ(p) = [p, cos 2πBp, sin 2πBp]
 * by one B shared by all candidates, the candidate's own learned patch embedding reads γ(p), and the
 * score is ntk_cond's −log10 κ of that network. The computation (vintkFfScore.ts) loads on first
 * use, in the worker. Cost: one ntk_cond run (two when 0 < α < 1).
 */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { VINTK_FF_DEFAULTS } from './paperDefaults';
import type { ProxyDefinition } from './types';

export const vintkFfProxy: ProxyDefinition = {
  id: 'vintk_ff',
  label: 'ViNTK, Fourier features into the patch embedding (NTK condition)',
  formula:
    'γ(p) = [p, cos 2πBp, sin 2πBp] for each flattened P×P×3 patch p (row, column, channel) of pixel ' +
    'values in [0, 1] (the dataset normalisation undone), B ∈ R^(m × 3P²) fixed, B_jk ~ N(0, σ²), ' +
    'drawn once from ffSeed and shared by every candidate; the learned patch embedding reads γ(p) ' +
    '(a [3P² + 2m, e] matrix plus bias, initialised as the patch convolution with fan-in 3P² + 2m); ' +
    'Θ_ff = NTK Gram of that network, Θ_plain = ntk_cond’s (linear weights, patch embedding and ' +
    'LayerNorm γ); score = −[(1−α)·log10 κ(Θ_plain) + α·log10 κ(Θ_ff)], κ as in ntk_cond; ' +
    'm = 64, σ = 1 (also shown: σ = 10), α = 1, ffSeed = 0 by default',
  reference:
    'Zhou & Zhu, arXiv 2405.04536 (ViNTK; no code or formula published: our reading B); ' +
    'Fourier features: Tancik et al., NeurIPS 2020',
  needsLabels: false,
  needsData: true,
  higherIsBetter: true,
  ourReading: true,
  version: 1,
  defaults: VINTK_FF_DEFAULTS,
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['vit'],
  compute: async (input) => (await import('./vintkFfScore')).vintkFfScore(input),
};
