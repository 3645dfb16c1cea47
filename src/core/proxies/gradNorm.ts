/** grad_norm's registry entry; the computation (gradNormScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import type { ProxyDefinition } from './types';

export const gradNormProxy: ProxyDefinition = {
  id: 'grad_norm',
  label: 'Gradient norm',
  formula:
    'Σ_layers ‖∂L/∂W‖_F over conv and linear weights; L = mean cross-entropy of one batch, BatchNorm in train mode',
  reference: 'Abdelfattah et al., ICLR 2021 (zero-cost-nas grad_norm.py)',
  needsLabels: true,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: { init: 'pytorch' },
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['nb201', 'vit'],
  compute: async (input) => (await import('./gradNormScore')).gradNormScore(input),
};
