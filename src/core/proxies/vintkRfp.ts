/**
 * vintk_rfp's registry entry: docs/science.md §2's alternative reading of ViNTK (Zhou & Zhu, arXiv
 * 2405.04536, whose formula and code are not public): the ViT's learned patch embedding replaced by
 * fixed random Fourier features of each patch, then ntk_cond's −log10 κ of the rest of the network.
 * The computation (vintkRfpScore.ts) loads on first use, in the worker. Cost: one ntk_cond run.
 */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { NTK_PROXY_DEFAULTS } from './ntkCond';
import type { ProxyDefinition } from './types';

/**
 * ntk_cond's NTK settings plus σ, the frequency scale of B in units of the patch norm: B has entries
 * N(0, σ²/(3P²)), so for standardised images (|p| ≈ √(3P²)) the phase B_j·p has std ≈ σ cycles,
 * and each feature is a plane wave of σ cycles per unit of its own direction's data std.
 * σ = 1 is the data's own scale; σ → 0 makes the sine half a random linear embedding (low
 * frequencies only) and the cosine half constant; larger σ, higher frequencies (Tancik et al. 2020).
 */
export const VINTK_RFP_DEFAULTS = { ...NTK_PROXY_DEFAULTS, sigma: 1 } as const;

export const vintkRfpProxy: ProxyDefinition = {
  id: 'vintk_rfp',
  label: 'ViNTK, random Fourier patch embedding (NTK condition)',
  formula:
    'tokens γ(p) = [cos 2πBp, sin 2πBp] for each flattened P×P×3 patch p (row, column, channel) in ' +
    'place of the learned patch embedding, B ∈ R^(e/2 × 3P²) fixed, B_jk ~ N(0, σ²/(3P²)) ' +
    '(that is N(0, σ²) with σ in units of the patch norm √(3P²)), drawn from the seed; ' +
    'Θ = NTK Gram of the rest of the network (ntk_cond’s weights: linear weights and LayerNorm γ); ' +
    'score = −log10 κ(Θ) as in ntk_cond, σ = 1 by default',
  reference:
    'Zhou & Zhu, arXiv 2405.04536 (ViNTK; no code or formula published: our alternative reading); ' +
    'Fourier features: Tancik et al., NeurIPS 2020',
  needsLabels: false,
  needsData: true,
  higherIsBetter: true,
  ourReading: true,
  // 2: ViTs by the batched method, products by our WASM kernel: same definition, float32 sums in
  // another order (Θ within 1e-4 of version 1), so cached version-1 values are recomputed.
  version: 2,
  defaults: VINTK_RFP_DEFAULTS,
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['vit'],
  compute: async (input) => (await import('./vintkRfpScore')).vintkRfpScore(input),
};
