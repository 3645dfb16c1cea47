/** NB201's network builder: a cell's text at a fidelity (C, cells per stage, input size). Loads tfjs. */

import { nb201Fidelity, presetOf } from '../fidelity';
import type { NetworkBuilder } from '../spaceRegistry';
import { nb201FromString, nb201ToString } from './nb201';
import { nb201Network } from './nb201Network';

export const nb201Build: NetworkBuilder = (text, fidelityChoice) => {
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
      fidelityNote: `${presetOf(fidelityChoice)}${custom}: C=${f.channels}, ${f.cellsPerStage} cell(s)/stage, ${f.resolution} px`,
    },
  };
};
