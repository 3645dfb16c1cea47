/**
 * One entry point from (space, architecture text, fidelity) to a Network, for the command line,
 * the workers and the validation scripts. Parsing errors are values, never exceptions.
 */

import { mlpNetwork } from '../nn/mlpNetwork';
import { nb201Network } from '../nn/nb201Network';
import type { Network } from '../nn/network';
import { vitNetwork } from '../nn/vitNetwork';
import { type Fidelity, nb201Fidelity, presetOf } from './fidelity';
import { mlpFromString, mlpToString } from './mlp';
import { nb201FromString, nb201ToString, type ParseResult } from './nb201';
import type { SpaceId } from './spaceIds';
import { VIT_SPACES, type VitSpaceId, vitFromString, vitResolution, vitToString } from './vit';

export { isSpaceId, SPACE_IDS, type SpaceId, spaceFamily } from './spaceIds';
export { type Fidelity, nb201Fidelity, vitResolution };

function vitSpaceOf(space: Exclude<SpaceId, 'mlp'>): VitSpaceId | null {
  if (space === 'nb201') return null;
  return space === 'vit-browser' ? 'browser' : space;
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
