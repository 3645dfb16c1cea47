/** synflow's registry entry; the computation (synflowScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import type { ProxyDefinition } from './types';

export const synflowProxy: ProxyDefinition = {
  id: 'synflow',
  label: 'SynFlow (log10)',
  formula: 'log10 Σ_weights |θ ⊙ ∂R/∂θ|, R = Σ f_|θ|(1), BatchNorm bypassed; computed in log space',
  reference: 'Abdelfattah et al., ICLR 2021 (zero-cost-nas synflow.py); Tanaka et al., NeurIPS 2020',
  needsLabels: false,
  needsData: false,
  higherIsBetter: true,
  ourReading: false,
  version: 2,
  defaults: { init: 'pytorch' },
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['nb201', 'vit', 'mlp'],
  compute: async (input) => (await import('./synflowScore')).synflowScore(input),
};
