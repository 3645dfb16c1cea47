/** fisher's registry entry; the computation (fisherScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import type { ProxyDefinition } from './types';

export const fisherProxy: ProxyDefinition = {
  id: 'fisher',
  label: 'Fisher',
  formula:
    'Σ_layers (weights per channel) · Σ_channels ½·mean_n(Σ_spatial a·∂L/∂a)², a = conv/linear output; BatchNorm in train mode',
  reference:
    'Theis et al., 2018; Turner et al., ICLR 2020; Abdelfattah et al., ICLR 2021 (zero-cost-nas fisher.py)',
  needsLabels: true,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: { init: 'pytorch' },
  familyDefaults: VIT_INIT_BY_FAMILY,
  // Not the MLP space: its networks have one output (a regression), and the loss is a
  // cross-entropy over classes.
  spaces: ['nb201', 'vit'],
  compute: async (input) => (await import('./fisherScore')).fisherScore(input),
};
