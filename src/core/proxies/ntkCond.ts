/** ntk_cond's registry entry; the computation (ntkCondScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { NTK_PROXY_DEFAULTS } from './paperDefaults';
import type { ProxyDefinition } from './types';

export const ntkCondProxy: ProxyDefinition = {
  id: 'ntk_cond',
  label: 'NTK condition number (−log10 κ)',
  formula:
    'Θ = G Gᵀ, g_i = ∂(Σ_c f_c(x_i))/∂θ over conv/linear weights and BatchNorm γ; ' +
    'κ = λ_max / max(λ_min, 1e-7·λ_max); score = mean over re-inits of −log10 κ (dead network: κ = 1e5)',
  reference: 'Chen, Gong & Wang, ICLR 2021 (TE-NAS; VITA-Group/TENAS lib/procedures/ntk.py)',
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
  compute: async (input) => (await import('./ntkCondScore')).ntkCondScore(input),
};
