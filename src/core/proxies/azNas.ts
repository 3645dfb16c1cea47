/**
 * AZ-NAS's three network proxies (Lee & Ham, CVPR 2024; docs/science.md §12); its fourth,
 * complexity, is FLOPs (flops.ts). The computation (azNasScore.ts) loads on first use, in the worker.
 * NB201 as the authors' NB201 code; ViTs as their AutoFormer code (ImageNet_AutoFormer
 * lib/training_free/indicators/az_nas.py: the residual stream after each attention and each MLP
 * sublayer, the ViT initialisation, expressivity and trainability only, no progressivity).
 */
import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import { AZ_NAS_DEFAULTS } from './paperDefaults';
import type { ProxyDefinition } from './types';

const shared = {
  reference: 'Lee & Ham, CVPR 2024 (AZ-NAS; cvlab-yonsei/AZ-NAS NB201/ZeroShotProxy/compute_az_nas_score.py)',
  needsLabels: false,
  // Only for its size: the inputs are standard normal unless input = 'data'.
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: AZ_NAS_DEFAULTS,
  spaces: ['nb201', 'vit'],
  familyDefaults: VIT_INIT_BY_FAMILY,
} as const;

const ENTROPY =
  'e_l = −Σ p log(p + 1e-8), p = eigenvalues of the channel covariance of feature map l (NB201: stem, every cell and reduction block; ViT: residual stream after each attention and MLP) / their sum';

export const azExpressivityProxy: ProxyDefinition = {
  ...shared,
  id: 'az_expressivity',
  label: 'AZ-NAS expressivity',
  formula: `Σ_l e_l; ${ENTROPY}; standard-normal inputs, Kaiming fan-in, BatchNorm in train mode`,
  compute: async (input) => (await import('./azNasScore')).azExpressivityScore(input),
};

export const azProgressivityProxy: ProxyDefinition = {
  ...shared,
  id: 'az_progressivity',
  label: 'AZ-NAS progressivity',
  formula: `min_l (e_l − e_{l−1}); ${ENTROPY}`,
  // The authors' AutoFormer code scores no progressivity: a ViT's residual stream keeps its width.
  spaces: ['nb201'],
  compute: async (input) => (await import('./azNasScore')).azProgressivityScore(input),
};

export const azTrainabilityProxy: ProxyDefinition = {
  ...shared,
  id: 'az_trainability',
  label: 'AZ-NAS trainability',
  formula:
    'mean over blocks of −σ − 1/(σ + 1e-6) + 2, σ = largest singular value of g_inᵀ g_out / (batch·positions), ' +
    'g_out Rademacher at the block output, g_in = Jᵀ g_out at its input (PixelUnshuffled when it downsamples); ' +
    '−∞ when a block passes its input through unchanged',
  compute: async (input) => (await import('./azNasScore')).azTrainabilityScore(input),
};
