/** zico's registry entry; the computation (zicoScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import type { ProxyDefinition } from './types';

export const zicoProxy: ProxyDefinition = {
  id: 'zico',
  label: 'ZiCo',
  formula:
    'Σ_layers log Σ_θ mean_b|g_b| / std_b(g_b) over the two halves of the batch (released code: g₂ recorded as g₁ + g₂); BatchNorm in train mode',
  reference: 'Li et al., ICLR 2023 (SLDGroup/ZiCo compute_zico.py; NASLib split_data = 2)',
  needsLabels: true,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: { init: 'pytorch', accumulate: true },
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['nb201', 'vit'],
  compute: async (input) => (await import('./zicoScore')).zicoScore(input),
};
