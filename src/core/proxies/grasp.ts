/** grasp's registry entry; the computation (graspScore.ts) loads on first use, in the worker. */
import type { ProxyDefinition } from './types';

export const graspProxy: ProxyDefinition = {
  id: 'grasp',
  label: 'GraSP',
  formula:
    'Σ_weights −w · (H g), g = ∂L/∂w, Hg by double backward; L = mean cross-entropy of logits/T, T = 1, BatchNorm in train mode',
  reference: 'Wang et al., ICLR 2020; Abdelfattah et al., ICLR 2021 (zero-cost-nas grasp.py)',
  needsLabels: true,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: { init: 'pytorch', T: 1 },
  // Not 'vit': tfjs's Softmax gradient reads its saved output, which its tape does not connect to the
  // input, so a double backward through attention would silently drop curvature (see graspScore.ts).
  spaces: ['nb201'],
  compute: async (input) => (await import('./graspScore')).graspScore(input),
};
