/** snip's registry entry; the computation (snipScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import type { ProxyDefinition } from './types';

export const snipProxy: ProxyDefinition = {
  id: 'snip',
  label: 'SNIP',
  formula:
    'Σ_weights |w · ∂L/∂w| over conv and linear weights; L = mean cross-entropy of one batch, BatchNorm in train mode',
  reference: 'Lee et al., ICLR 2019; Abdelfattah et al., ICLR 2021 (zero-cost-nas snip.py)',
  needsLabels: true,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: { init: 'pytorch' },
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['nb201', 'vit'],
  compute: async (input) => (await import('./snipScore')).snipScore(input),
};
