/** ntk_spectrum's registry entry; the computation (ntkSpectrumScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { NTK_PROXY_DEFAULTS } from './paperDefaults';
import type { ProxyDefinition } from './types';

export const ntkSpectrumProxy: ProxyDefinition = {
  id: 'ntk_spectrum',
  label: 'NTK effective rank',
  formula:
    'exp(−Σ_i p_i log p_i), p_i = λ_i / Σ λ of Θ = G Gᵀ; mean over re-inits; details: spectrum λ_i/λ_1',
  reference:
    'Empirical NTK of TE-NAS (Chen et al., ICLR 2021, arXiv 2102.11535); effective rank: Roy & Vetterli, EUSIPCO 2007',
  needsLabels: false,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  // 2: ViTs by the batched method, products by our WASM kernel: same definition, float32 sums in
  // another order (Θ within 1e-4 of version 1), so cached version-1 values are recomputed.
  version: 2,
  defaults: NTK_PROXY_DEFAULTS,
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['nb201', 'vit', 'mlp'],
  compute: async (input) => (await import('./ntkSpectrumScore')).ntkSpectrumScore(input),
};
