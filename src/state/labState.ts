/**
 * The Spectral Lab's shareable state: which panel is open and every control of every panel, so a
 * link reopens the lab exactly as it was configured (results are recomputed, same seed, same
 * numbers). Panels read the fields they use; labConfigs.ts turns them into core configs.
 */
import { create } from 'zustand';
import { MLP_LIMITS } from '../core/spaces/mlp/mlp';

export const LAB_PANELS = ['bias', 'fourier', 'spectrum', 'residual', 'precond'] as const;
export type LabPanel = (typeof LAB_PANELS)[number];

export const LAB_PANEL_TITLES: Record<LabPanel, string> = {
  bias: '1 · Frequency bias',
  fourier: '2 · Fourier features',
  spectrum: '3 · NTK spectrum',
  residual: '4 · Prediction vs reality',
  precond: '5 · Changing the spectrum',
};

export const FIT_PRESET_NAMES = ['quick', 'class', 'paper'] as const;
export const AMPLITUDE_CHOICES = ['equal', 'increasing', 'custom'] as const;
export const MAPPING_CHOICES = ['none', 'basic', 'positional', 'gaussian'] as const;

export interface LabState {
  panel: LabPanel;
  /** Seed of the initial weights (and of the target's phases). */
  seed: number;
  /** Training preset of the fits (panels 1 and 2). */
  preset: (typeof FIT_PRESET_NAMES)[number];
  /** Target amplitudes: the paper's presets, or `components` as edited. */
  amplitudes: (typeof AMPLITUDE_CHOICES)[number];
  /** Free target: [frequency k, amplitude] pairs (used when amplitudes is 'custom'). */
  components: [number, number][];
  /** Input mapping of the MLP (panels 1–3). */
  mapping: (typeof MAPPING_CHOICES)[number];
  /** Gaussian mapping: σ and number of features m. */
  sigma: number;
  features: number;
  /** Positional mapping: levels (frequencies 1, 2, 4, … 2^(L−1)). */
  levels: number;
  /** Panel 2: the 2-D image-regression variant instead of the 1-D signal. */
  image: boolean;
  /** Panel 3: hidden width of the empirical NTK's network. */
  width: number;
  /** Hidden layers of the NTK networks (panels 3–5). */
  depth: number;
  /** Points on the grid or the circle (panels 3–5). */
  points: number;
  /** Panel 5: eigen-directions flattened by the preconditioner (top-k'). */
  flatten: number;
  /** Panel 4: the target sin(2πk₁z) + sin(2πk₂z) and the gradient-descent steps. */
  residualK: [number, number];
  steps: number;
  /** Panel 5: target frequencies k of cos(k t), the loss threshold and the step cap. */
  frequencies: number[];
  threshold: number;
  cap: number;
}

export const LAB_LIMITS = {
  seed: { min: 0, max: 2 ** 32 - 1 },
  components: { min: 1, max: 20 },
  k: { min: 1, max: 99 },
  amplitude: { min: 0, max: 10 },
  sigma: { min: 0.01, max: 1000 },
  features: { min: 1, max: 1024 },
  levels: { min: 1, max: 12 },
  // The core's own cap (MLP_LIMITS): a link never asks for a width the networks refuse.
  width: { min: 4, max: MLP_LIMITS.width[1] },
  depth: { min: 1, max: 8 },
  points: { min: 8, max: 512 },
  flatten: { min: 1, max: 256 },
  steps: { min: 10, max: 20_000 },
  threshold: { min: 1e-8, max: 1 },
  cap: { min: 10, max: 20_000 },
  frequencies: { min: 0, max: 99 },
} as const;

export const DEFAULT_LAB_STATE: LabState = {
  panel: 'bias',
  seed: 0,
  preset: 'quick',
  amplitudes: 'equal',
  components: [
    [5, 1],
    [10, 1],
    [15, 1],
    [20, 1],
  ],
  mapping: 'none',
  sigma: 10,
  features: 256,
  levels: 8,
  image: false,
  width: 1024,
  depth: 1,
  points: 64,
  flatten: 8,
  residualK: [1, 4],
  steps: 400,
  frequencies: [1, 2, 3, 4],
  threshold: 1e-3,
  cap: 2500,
};

export function defaultLabState(): LabState {
  return {
    ...DEFAULT_LAB_STATE,
    components: DEFAULT_LAB_STATE.components.map(([k, a]) => [k, a]),
    residualK: [...DEFAULT_LAB_STATE.residualK],
    frequencies: [...DEFAULT_LAB_STATE.frequencies],
  };
}

export interface LabStore {
  lab: LabState;
  notices: string[];
  setLab(patch: Partial<LabState>): void;
}

export const useLabStore = create<LabStore>()((set) => ({
  lab: defaultLabState(),
  notices: [],
  setLab: (patch) => set((s) => ({ lab: { ...s.lab, ...patch } })),
}));
