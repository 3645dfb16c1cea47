/**
 * swap's and reg_swap's registry entries; the computation (swapScore.ts) loads on first use, in the
 * worker. Cost: one forward pass per re-initialisation, 32 by default (SWAP's released script), so
 * 32 times a single-pass proxy such as nwot; `repeats` trades that for noise.
 *
 * reg_swap's μ and σ: the released scripts set none (SWAP(regular=False)). Our defaults target
 * SWAP's own scoring network for NB201 (C = 3, one cell per stage), where P runs from 2.8k to 13.3k
 * parameters: μ = 13.3 (the largest cell, so larger is favoured across the space, as params' own
 * correlation suggests) and σ = 100 (the factor spans 0.33..1 there). At another network size set
 * μ and σ for it; a warning says when the factor underflows to 0.
 */
import type { ProxyDefinition } from './types';

/** SWAP's released defaults (SCIENCE.md §4). */
export const SWAP_DEFAULTS = { init: 'normal', batchNorm: 'train', repeats: 32 } as const;
/** reg_swap adds μ and σ: ours (see above). */
export const REG_SWAP_DEFAULTS = { ...SWAP_DEFAULTS, mu: 13.3, sigma: 100 } as const;

const REFERENCE = 'Peng et al., ICLR 2024 (pym1024/SWAP src/metrics/swap.py, correlation.py; SWAP_Universal)';

export const swapProxy: ProxyDefinition = {
  id: 'swap',
  label: 'SWAP (distinct activation patterns)',
  formula:
    'A = sign of every ReLU/GELU output, samples x neurons; swap = number of distinct neuron patterns ' +
    '(columns of A), mean over re-initialisations',
  reference: REFERENCE,
  needsLabels: false,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: SWAP_DEFAULTS,
  spaces: ['nb201', 'vit', 'mlp'],
  compute: async (input) => (await import('./swapScore')).swapScore(input),
};

export const regSwapProxy: ProxyDefinition = {
  id: 'reg_swap',
  label: 'Regularised SWAP',
  formula: 'swap · exp(−(P − μ)² / σ), P = parameters in thousands (σ divides, not 2σ²)',
  reference: REFERENCE,
  needsLabels: false,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: REG_SWAP_DEFAULTS,
  spaces: ['nb201', 'vit', 'mlp'],
  compute: async (input) => (await import('./swapScore')).regSwapScore(input),
};
