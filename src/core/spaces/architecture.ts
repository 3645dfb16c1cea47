/**
 * One entry point from (space, architecture text, fidelity) to a Network, for the command line,
 * the workers and the validation scripts. Parsing errors are values, never exceptions.
 */

import { mlpNetwork } from '../nn/mlpNetwork';
import { nb201Network } from '../nn/nb201Network';
import type { Network } from '../nn/network';
import { vitNetwork } from '../nn/vitNetwork';
import { FIDELITY_PRESETS, type FidelityPreset } from './fidelity';
import { mlpFromString, mlpToString } from './mlp';
import { nb201FromString, nb201ToString, type ParseResult } from './nb201';
import { VIT_SPACES, type VitSpaceId, vitFromString, vitToString } from './vit';

export const SPACE_IDS = [
  'nb201',
  'autoformer-tiny',
  'autoformer-small',
  'autoformer-base',
  'vit-browser',
  'mlp',
] as const;
export type SpaceId = (typeof SPACE_IDS)[number];

/** The family a proxy's `spaces` list names: nb201, vit or mlp. */
export function spaceFamily(space: SpaceId): 'nb201' | 'vit' | 'mlp' {
  return space === 'nb201' || space === 'mlp' ? space : 'vit';
}

export function isSpaceId(value: string): value is SpaceId {
  return (SPACE_IDS as readonly string[]).includes(value);
}

/** ViT fidelity: `paper` scores at the published resolution; `quick` at 64 px (16 tokens of 16 px). */
export function vitResolution(space: VitSpaceId, fidelity: FidelityPreset): number {
  const published = VIT_SPACES[space].resolution;
  return fidelity === 'paper' || space === 'browser' ? published : 64;
}

function vitSpaceOf(space: Exclude<SpaceId, 'mlp'>): VitSpaceId | null {
  if (space === 'nb201') return null;
  return space === 'vit-browser' ? 'browser' : space;
}

/** Architecture text in its canonical form plus its network at the given fidelity. */
export function buildNetwork(
  space: SpaceId,
  text: string,
  fidelity: FidelityPreset,
  /** Output classes in place of the space's own (e.g. 100 to score ViTs for CIFAR-100). */
  classesOverride?: number,
): ParseResult<{ arch: string; network: Network; fidelityNote: string }> {
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
    const f = FIDELITY_PRESETS[fidelity];
    return {
      ok: true,
      value: {
        arch: nb201ToString(parsed.value),
        network: nb201Network(parsed.value, f),
        fidelityNote: `${fidelity}: C=${f.channels}, ${f.cellsPerStage} cell(s)/stage, ${f.resolution} px`,
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
