/**
 * One entry point from (space, architecture text, fidelity) to a Network, for the command line,
 * the workers and the validation scripts. Parsing errors are values, never exceptions.
 */

import { nb201Network } from '../nn/nb201Network';
import type { Network } from '../nn/network';
import { vitNetwork } from '../nn/vitNetwork';
import { FIDELITY_PRESETS, type FidelityPreset } from './fidelity';
import { nb201FromString, nb201ToString, type ParseResult } from './nb201';
import { VIT_SPACES, type VitSpaceId, vitFromString, vitToString } from './vit';

export const SPACE_IDS = [
  'nb201',
  'autoformer-tiny',
  'autoformer-small',
  'autoformer-base',
  'vit-browser',
] as const;
export type SpaceId = (typeof SPACE_IDS)[number];

export function isSpaceId(value: string): value is SpaceId {
  return (SPACE_IDS as readonly string[]).includes(value);
}

/** ViT fidelity: `paper` scores at the published resolution; `quick` at 64 px (16 tokens of 16 px). */
export function vitResolution(space: VitSpaceId, fidelity: FidelityPreset): number {
  const published = VIT_SPACES[space].resolution;
  return fidelity === 'paper' || space === 'browser' ? published : 64;
}

function vitSpaceOf(space: SpaceId): VitSpaceId | null {
  if (space === 'nb201') return null;
  return space === 'vit-browser' ? 'browser' : space;
}

/** Architecture text in its canonical form plus its network at the given fidelity. */
export function buildNetwork(
  space: SpaceId,
  text: string,
  fidelity: FidelityPreset,
): ParseResult<{ arch: string; network: Network; fidelityNote: string }> {
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
  const classes = VIT_SPACES[vitSpace].classes;
  return {
    ok: true,
    value: {
      arch: vitToString(parsed.value),
      network: vitNetwork(parsed.value, { resolution, classes }),
      fidelityNote: `${fidelity}: ${resolution} px input`,
    },
  };
}
