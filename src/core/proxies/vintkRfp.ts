/**
 * vintk_rfp's registry entry: docs/science.md §2's alternative reading of ViNTK (Zhou & Zhu, arXiv
 * 2405.04536, whose formula and code are not public): the ViT's learned patch embedding replaced by
 * fixed random Fourier features of each patch, then ntk_cond's −log10 κ of the rest of the network.
 * The computation (vintkRfpScore.ts) loads on first use, in the worker. Cost: one ntk_cond run.
 */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { VINTK_RFP_DEFAULTS } from './paperDefaults';
import type { ProxyDefinition } from './types';

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
