/** A ViT space's network builder: the architecture at the fidelity's input size. Loads tfjs. */

import { presetOf } from '../fidelity';
import type { NetworkBuilder } from '../spaceRegistry';
import { VIT_SPACES, type VitSpaceId, vitFromString, vitResolution, vitToString } from './vit';
import { vitNetwork } from './vitNetwork';

export function vitBuilder(vitSpace: VitSpaceId): NetworkBuilder {
  return (text, fidelityChoice, classesOverride) => {
    const parsed = vitFromString(text);
    if (!parsed.ok) return parsed;
    if (parsed.value.space !== vitSpace) {
      return { ok: false, error: `architecture is from ${parsed.value.space}, not ${vitSpace}` };
    }
    const fidelity = presetOf(fidelityChoice);
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
  };
}
