/** ntk_trace's registry entry; the computation (ntkTraceScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { NTK_PROXY_DEFAULTS } from './paperDefaults';
import type { ProxyDefinition } from './types';

export const ntkTraceProxy: ProxyDefinition = {
  id: 'ntk_trace',
  label: 'NTK trace',
  formula:
    'tr Θ = Σ_i ‖g_i‖², g_i = ∂(Σ_c f_c(x_i))/∂θ over conv/linear weights and BatchNorm γ; mean over re-inits',
  reference:
    'Empirical NTK of TE-NAS (Chen et al., ICLR 2021, arXiv 2102.11535); trace as a score: NASI (Shu et al., ICLR 2022)',
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
  compute: async (input) => (await import('./ntkTraceScore')).ntkTraceScore(input),
};
