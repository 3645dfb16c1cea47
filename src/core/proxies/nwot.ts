/** nwot's registry entry; the computation (nwotScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { NWOT_DEFAULTS } from './paperDefaults';
import type { ProxyDefinition } from './types';

export const nwotProxy: ProxyDefinition = {
  id: 'nwot',
  label: 'NASWOT (log|det K|)',
  formula:
    'c_i = 1[pre-activation > 0] per ReLU layer; K = Σ_layers [c cᵀ + (1−c)(1−c)ᵀ] ' +
    '(K_ij = units − Hamming distance); score = log|det K| (−∞ when two codes coincide)',
  reference: 'Mellor et al., ICML 2021 (BayesWatch/nas-without-training score_networks.py, scores.py)',
  needsLabels: false,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: NWOT_DEFAULTS,
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['nb201', 'vit', 'mlp'],
  compute: async (input) => (await import('./nwotScore')).nwotScore(input),
};
