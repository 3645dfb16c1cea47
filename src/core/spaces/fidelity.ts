/**
 * Fidelity: how big a network we build to score a cell, and how many images it sees.
 * `paper` is the NB201 benchmark network (C=16, 5 cells per stage); `quick` is a small one for
 * fast browsing. Every score records the fidelity it was computed at.
 */
import type { ParseResult } from '../util/parseResult';

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

/**
 * A preset name, or a preset with NB201's channels / cells per stage changed (free fidelity, e.g.
 * TE-NAS's C=3, one cell per stage). ViTs and MLPs take the preset's settings.
 */
export type Fidelity = FidelityPreset | { preset: FidelityPreset; channels?: number; cellsPerStage?: number };

export function presetOf(fidelity: Fidelity): FidelityPreset {
  return typeof fidelity === 'string' ? fidelity : fidelity.preset;
}

/** NB201 network settings of a fidelity, with range checks on the free values. */
export function nb201Fidelity(fidelity: Fidelity): ParseResult<Nb201Fidelity> {
  const base = FIDELITY_PRESETS[presetOf(fidelity)];
  if (typeof fidelity === 'string') return { ok: true, value: base };
  const channels = fidelity.channels ?? base.channels;
  const cellsPerStage = fidelity.cellsPerStage ?? base.cellsPerStage;
  if (!Number.isInteger(channels) || channels < 1 || channels > 64) {
    return { ok: false, error: `channels must be an integer in [1, 64], got ${channels}` };
  }
  if (!Number.isInteger(cellsPerStage) || cellsPerStage < 1 || cellsPerStage > 8) {
    return { ok: false, error: `cells per stage must be an integer in [1, 8], got ${cellsPerStage}` };
  }
  return { ok: true, value: { ...base, channels, cellsPerStage } };
}
