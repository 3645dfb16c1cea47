/**
 * Fidelity: how big a network we build to score a cell, and how many images it sees.
 * `paper` is the NB201 benchmark network (C=16, 5 cells per stage); `quick` is a small one for
 * fast browsing. Every score records the fidelity it was computed at.
 */
export interface Nb201Fidelity {
  /** Channels of the first stage (C); stages use C, 2C, 4C. */
  channels: number;
  /** Cells per stage (N). */
  cellsPerStage: number;
  /** Images per batch for data-dependent proxies. */
  batch: number;
  /** Output classes (10 for CIFAR-10). */
  classes: number;
  /** Input resolution (square). */
  resolution: number;
}

export const FIDELITY_PRESETS = {
  paper: { channels: 16, cellsPerStage: 5, batch: 64, classes: 10, resolution: 32 },
  quick: { channels: 8, cellsPerStage: 1, batch: 32, classes: 10, resolution: 32 },
} as const satisfies Record<string, Nb201Fidelity>;

export type FidelityPreset = keyof typeof FIDELITY_PRESETS;
export const FIDELITY_NAMES = Object.keys(FIDELITY_PRESETS) as FidelityPreset[];
