/**
 * One entry point from (space, architecture text, fidelity) to a Network, for the command line,
 * the workers and the validation scripts. Parsing errors are values, never exceptions.
 */

import { mlpNetwork } from '../nn/mlpNetwork';
import { nb201Network } from '../nn/nb201Network';
import type { Network } from '../nn/network';
import { vitNetwork } from '../nn/vitNetwork';
import { FIDELITY_PRESETS, type FidelityPreset, type Nb201Fidelity } from './fidelity';
import { mlpFromString, mlpToString } from './mlp';
import { nb201FromString, nb201ToString, type ParseResult } from './nb201';
import type { SpaceId } from './spaceIds';
import { VIT_SPACES, type VitSpaceId, vitFromString, vitToString } from './vit';

export { isSpaceId, SPACE_IDS, type SpaceId, spaceFamily } from './spaceIds';

/** ViT fidelity: `paper` scores at the published resolution; `quick` at 64 px (16 tokens of 16 px). */
export function vitResolution(space: VitSpaceId, fidelity: FidelityPreset): number {
  const published = VIT_SPACES[space].resolution;
  return fidelity === 'paper' || space === 'browser' ? published : 64;
}

function vitSpaceOf(space: Exclude<SpaceId, 'mlp'>): VitSpaceId | null {
  if (space === 'nb201') return null;
  return space === 'vit-browser' ? 'browser' : space;
}

/**
 * A preset name, or a preset with NB201's channels / cells per stage changed (free fidelity, e.g.
 * TE-NAS's C=3, one cell per stage). ViTs and MLPs take the preset's settings.
 */
export type Fidelity = FidelityPreset | { preset: FidelityPreset; channels?: number; cellsPerStage?: number };

function presetOf(fidelity: Fidelity): FidelityPreset {
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

/** Architecture text in its canonical form plus its network at the given fidelity. */
export function buildNetwork(
  space: SpaceId,
  text: string,
  fidelityChoice: Fidelity,
  /** Output classes in place of the space's own (e.g. 100 to score ViTs for CIFAR-100). */
  classesOverride?: number,
): ParseResult<{ arch: string; network: Network; fidelityNote: string }> {
  const fidelity = presetOf(fidelityChoice);
  if (space === 'mlp') {
    const parsed = mlpFromString(text);
    if (!parsed.ok) return parsed;
    return {
      ok: true,
      value: {
        arch: mlpToString(parsed.value),
        network: mlpNetwork(parsed.value),
        fidelityNote: 'mlp: as written (PyTorch-default init)',
      },
    };
  }
  const vitSpace = vitSpaceOf(space);
  if (vitSpace === null) {
    const parsed = nb201FromString(text);
    if (!parsed.ok) return parsed;
    const settings = nb201Fidelity(fidelityChoice);
    if (!settings.ok) return settings;
    const f = settings.value;
    const custom = typeof fidelityChoice === 'string' ? '' : ' (custom)';
    return {
      ok: true,
      value: {
        arch: nb201ToString(parsed.value),
        network: nb201Network(parsed.value, f),
        fidelityNote: `${fidelity}${custom}: C=${f.channels}, ${f.cellsPerStage} cell(s)/stage, ${f.resolution} px`,
      },
    };
  }
  const parsed = vitFromString(text);
  if (!parsed.ok) return parsed;
  if (parsed.value.space !== vitSpace) {
    return { ok: false, error: `architecture is from ${parsed.value.space}, not ${vitSpace}` };
  }
  const resolution = vitResolution(vitSpace, fidelity);
  const classes = classesOverride ?? VIT_SPACES[vitSpace].classes;
  return {
    ok: true,
    value: {
      arch: vitToString(parsed.value),
      network: vitNetwork(parsed.value, { resolution, classes }),
      fidelityNote: `${fidelity}: ${resolution} px input, ${classes} classes`,
    },
  };
}
