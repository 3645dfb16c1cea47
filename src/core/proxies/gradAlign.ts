/**
 * GradAlign's two registry entries (our reading of Li & Guo, arXiv 2411.19819: SCIENCE.md §3); the
 * computation (gradAlignScore.ts) loads on first use, in the worker.
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
  // SCIENCE.md §3: the sign of its correlation is to be measured, not guessed; the raw value is shown.
  higherIsBetter: true,
  compute: async (input) => (await import('./gradAlignScore')).gradAlignDetScore(input),
};
