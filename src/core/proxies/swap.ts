/**
 * swap's and reg_swap's registry entries; the computation (swapScore.ts) loads on first use, in the
 * worker. Cost: one forward pass per re-initialisation, 32 by default (SWAP's released script), so
 * 32 times a single-pass proxy such as nwot; `repeats` trades that for noise.
 *
 * reg_swap's μ and σ: by default ('space') from the parameter counts of the job's own space at its
 * fidelity (swapRegulariser.ts): μ = the largest count, σ = 2·(4·SD)², P in thousands, so the factor
 * is a wide bell that rises with size over the whole space. A number for either sets it as given.
 * Version 1 fixed μ = 13.3, σ = 100, chosen for SWAP's C = 3 scoring network; at our quick fidelity
 * (C = 8, P from 19k to 92k) that factor favoured the smallest cells (ρ −0.44 with CIFAR-10 on 100
 * quick cells). Version 2 centred the bell on the space's mean (σ = 2·SD²) and still lowered the
 * largest cells, the best ones (ρ 0.43).
 */
import { REG_SWAP_DEFAULTS, SWAP_DEFAULTS } from './paperDefaults';
import type { ProxyDefinition } from './types';

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
  formula:
    'swap · exp(−(P − μ)² / σ), P = parameters in thousands (σ divides, not 2σ²); by default μ = the largest P ' +
    "and σ = 2·(4·SD of P)² over the space at the job's fidelity (all NB201 cells; 1 000 seeded ViTs or MLPs)",
  reference: REFERENCE,
  needsLabels: false,
  needsData: true,
  higherIsBetter: true,
  ourReading: false,
  version: 3,
  defaults: REG_SWAP_DEFAULTS,
  spaces: ['nb201', 'vit', 'mlp'],
  compute: async (input) => (await import('./swapScore')).regSwapScore(input),
};
