/** jacob_cov's registry entry; the computation (jacobCovScore.ts) loads on first use, in the worker. */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import type { ProxyDefinition } from './types';

export const jacobCovProxy: ProxyDefinition = {
  id: 'jacob_cov',
  label: 'Jacobian covariance',
  formula:
    '−Σ_i [log(λ_i + k) + 1/(λ_i + k)], λ = eigenvalues of corrcoef(J), J_n = ∂(Σ outputs)/∂x_n, k = 1e-5; BatchNorm in train mode',
  reference: 'Mellor et al., arXiv 2006.04647 v1; Abdelfattah et al., ICLR 2021 (zero-cost-nas jacob_cov.py)',
  needsLabels: false,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: { init: 'pytorch', k: 1e-5 },
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['nb201', 'vit'],
  compute: async (input) => (await import('./jacobCovScore')).jacobCovScore(input),
};
