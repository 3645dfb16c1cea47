/**
 * GradAlign's registry entries (our reading of Li & Guo, arXiv 2411.19819: docs/science.md §3), and
 * gradalign_norm, the normalised-mean variant (mean of unit per-sample gradients, as GradSign
 * normalises them); the computation (gradAlignScore.ts) loads on first use, in the worker, and one
 * job's three share their per-sample gradients.
 */

import { VIT_INIT_BY_FAMILY } from './familyDefaults';
import type { ProxyDefinition } from './types';

const shared = {
  reference: 'Li & Guo, arXiv 2411.19819 (formula not accessible: our reading)',
  needsLabels: true,
  needsData: true,
  ourReading: true,
  version: 1,
  defaults: { init: 'pytorch' },
  familyDefaults: VIT_INIT_BY_FAMILY,
  spaces: ['nb201', 'vit'],
} as const;

export const gradAlignProxy: ProxyDefinition = {
  ...shared,
  id: 'gradalign',
  label: 'GradAlign (mean cosine)',
  formula:
    'mean_i cos(g_i, ḡ), g_i = ∇_θ CE(f(x_i), y_i) over weights, ḡ = mean_i g_i; BatchNorm in train mode (each sample alone)',
  higherIsBetter: true,
  compute: async (input) => (await import('./gradAlignScore')).gradAlignScore(input),
};

export const gradAlignDetProxy: ProxyDefinition = {
  ...shared,
  id: 'gradalign_det',
  label: 'GradAlign (log det)',
  formula:
    'log det(Ĝ Ĝᵀ + 1e-6·I), Ĝ = row-normalised per-sample gradients g_i = ∇_θ CE(f(x_i), y_i); Cholesky in float64',
  // docs/science.md §3: the sign of its correlation is to be measured, not guessed; the raw value is shown.
  higherIsBetter: true,
  compute: async (input) => (await import('./gradAlignScore')).gradAlignDetScore(input),
};

export const gradAlignNormProxy: ProxyDefinition = {
  ...shared,
  id: 'gradalign_norm',
  label: 'GradAlign (norm of mean unit gradient)',
  formula:
    '‖(1/N) Σ_i g_i/‖g_i‖‖, g_i = ∇_θ CE(f(x_i), y_i) over weights (a zero g_i counts as the zero vector): ' +
    '1 = all samples pull one way, 1/√N = orthogonal pulls, 0 = they cancel; BatchNorm in train mode (each sample alone)',
  reference:
    'Li & Guo, arXiv 2411.19819 (our reading); normalised mean as in GradSign (Zhang & Jia, ICLR 2022; cmu-catalyst/GradSign), per sample vector not per coordinate',
  higherIsBetter: true,
  compute: async (input) => (await import('./gradAlignScore')).gradAlignNormScore(input),
};
