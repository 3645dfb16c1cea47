/**
 * vintk's registry entry (docs/science.md §2, our reading of ViNTK: Zhou & Zhu, arXiv 2405.04536, whose
 * formula and code are not public); the computation (vintkScore.ts) loads on first use, in the
 * worker. Cost: two ntk_cond runs, one on the batch and one on its high-passed copy.
 */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { VINTK_DEFAULTS } from './paperDefaults';
import type { ProxyDefinition } from './types';

export const vintkProxy: ProxyDefinition = {
  id: 'vintk',
  label: 'ViNTK (low- and high-frequency NTK condition)',
  formula:
    'x_hf = per image and channel, 2-D FFT with every frequency of normalised radius < r zeroed ' +
    '(Nyquist = 1), inverse FFT, rescaled to the channel std; Θ_lo = NTK Gram on {x_i}, ' +
    'Θ_hi = NTK Gram on {x_hf,i} (same network and inits, κ as in ntk_cond); ' +
    'score = −[(1−α)·log10 κ(Θ_lo) + α·log10 κ(Θ_hi)], r = 0.25, α = 0.5 by default',
  reference: 'Zhou & Zhu, arXiv 2405.04536 (ViNTK; no code or formula published: our reading)',
  needsLabels: false,
  needsData: true,
  higherIsBetter: true,
  ourReading: true,
  // 2: ViTs by the batched method, products by our WASM kernel: same definition, float32 sums in
  // another order (Θ within 1e-4 of version 1), so cached version-1 values are recomputed.
  version: 2,
  defaults: VINTK_DEFAULTS,
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['nb201', 'vit'],
  compute: async (input) => (await import('./vintkScore')).vintkScore(input),
};
