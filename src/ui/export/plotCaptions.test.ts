import { describe, expect, it } from 'vitest';
import { defaultLabState } from '../../state/labState';
import { defaultLectureState } from '../../state/lectureState';
import { DEFAULT_VIEW_STATE } from '../../state/viewState';
import { correlationCaption, explorerProvenance, labProvenance, lectureProvenance } from './plotCaptions';

const interval = (estimate: number, low: number, high: number, n: number) => ({
  estimate,
  low,
  high,
  n,
  resamples: 1000,
  level: 0.95,
});

describe('correlationCaption', () => {
  it('writes ρ and τ with their intervals and the top-k hits', () => {
    const c = {
      rho: interval(0.7123, 0.51, 0.85, 20),
      tau: interval(0.55, 0.3, 0.7, 20),
      intervals: 'done' as const,
    };
    expect(correlationCaption(c, { k: 2, hits: 1 })).toBe(
      'Spearman ρ = 0.712 [0.510, 0.850] · Kendall τ = 0.550 [0.300, 0.700] · top-2 hits: 1 (95% bootstrap intervals, seeded)',
    );
  });

  it('says when the intervals are not in yet', () => {
    const nan = Number.NaN;
    const c = {
      rho: interval(-0.2, nan, nan, 8),
      tau: interval(-0.1, nan, nan, 8),
      intervals: 'pending' as const,
    };
    expect(correlationCaption(c)).toBe(
      'Spearman ρ = -0.200 […] · Kendall τ = -0.100 […] (intervals still being computed)',
    );
  });
});

describe('explorerProvenance', () => {
  const view = { ...DEFAULT_VIEW_STATE, sampleSize: 4, seed: 201 };

  it('names the space, the sample and its seed and the fidelity; data only for data proxies', () => {
    expect(explorerProvenance(view)).toEqual([
      'NAS-Bench-201 (CIFAR-10 cells) · 4 sampled cells (seed 201) · quick fidelity',
    ]);
    expect(
      explorerProvenance({ ...view, proxies: ['params', 'ntk_cond'], batch: 16, added: [7, 9] }),
    ).toEqual([
      'NAS-Bench-201 (CIFAR-10 cells) · 4 sampled cells (seed 201) + 2 added · quick fidelity · data: cifar10-train, batch 16',
    ]);
  });

  it('adds the ground truth and says when the whole space is plotted', () => {
    const lines = explorerProvenance(
      { ...view, fidelity: 'paper', truth: { table: 'NAS-Bench-201', column: 'cifar10_test' } },
      { proxies: ['params'], wholeSpace: true },
    );
    expect(lines).toEqual([
      'NAS-Bench-201 (CIFAR-10 cells) · all 15 625 cells · paper fidelity',
      'ground truth: cifar10_test of the table "NAS-Bench-201"',
    ]);
  });
});

describe('labProvenance', () => {
  const lab = defaultLabState();

  it('says the panel, the seed and the settings that panel reads', () => {
    expect(labProvenance({ ...lab, seed: 3 })).toEqual([
      'Spectral Lab, panel 1 · Frequency bias · seed 3',
      'target of Rahaman et al. 2019: k = 5, 10, …, 50, A = 1 · no input mapping · training preset quick',
    ]);
    expect(labProvenance({ ...lab, panel: 'spectrum', width: 64, depth: 2, points: 16 })[1]).toBe(
      'ReLU MLP, 2 hidden layers of width 64 · no input mapping · 16 grid points',
    );
    expect(labProvenance({ ...lab, panel: 'precond', points: 32, cap: 500 })[1]).toBe(
      'targets cos(kt), k = 1, 2, 3, 4 · mean squared error ≤ 0.001, at most 500 steps · top 8 eigenvalues flattened · width 1024 · 32 points on the circle',
    );
  });

  it('describes an edited target and the input mapping of panel 2', () => {
    const edited = {
      ...lab,
      panel: 'fourier' as const,
      amplitudes: 'custom' as const,
      components: [
        [3, 1],
        [12, 0.5],
      ] as [number, number][],
      mapping: 'gaussian' as const,
      sigma: 4,
      features: 128,
    };
    expect(labProvenance(edited)[1]).toBe(
      'target Σ A sin(2πkz + φ), k = 3, 12, A = 1, 0.5 · Gaussian Fourier features, σ = 4, m = 128 · training preset quick',
    );
    expect(labProvenance({ ...edited, image: true, preset: 'paper' })[1]).toBe(
      '2-D test card · Gaussian Fourier features, σ = 4, m = 128 · image preset class',
    );
  });
});

describe('lectureProvenance', () => {
  const lecture = defaultLectureState();

  it('says which networks and how both proxies were computed', () => {
    expect(
      lectureProvenance({ ...lecture, source: 'sample', n: 6, seed: 4 }, 'r = 0.25, α = 0.5', 'b'),
    ).toEqual([
      'Networks: 6 browser-sized ViTs sampled with seed 4, accuracy from the shipped or an imported table',
      'ntk_cond and vintk (r = 0.25, α = 0.5) at quick fidelity · seed 4 · batch b',
    ]);
    const table = {
      ...lecture,
      source: 'table' as const,
      n: 12,
      table: 'Auto-Prox AutoFormer-Ti',
      column: 'cifar100_scratch',
      tableSpace: 'autoformer-tiny' as const,
    };
    expect(lectureProvenance(table, 'σ = 1', 'b')[0]).toBe(
      'Networks: the first 12 rows of the imported table "Auto-Prox AutoFormer-Ti", column cifar100_scratch (autoformer-tiny)',
    );
  });
});
