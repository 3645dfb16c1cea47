/**
 * A data-free, tfjs-free proxy (params, flops) for every NB201 cell at once: one call instead of
 * 15 625 jobs, so the Explorer can plot the whole space against a benchmark table.
 */

import { FIDELITY_PRESETS, type FidelityPreset } from '../spaces/fidelity';
import { NB201_CELL_COUNT, nb201FromIndex } from '../spaces/nb201/nb201';
import { nb201Network } from '../spaces/nb201/nb201Network';
import { getProxy } from './registry';

export const WHOLE_SPACE_PROXIES = ['params', 'flops'] as const;
export type WholeSpaceProxy = (typeof WHOLE_SPACE_PROXIES)[number];

export function isWholeSpaceProxy(id: string): id is WholeSpaceProxy {
  return (WHOLE_SPACE_PROXIES as readonly string[]).includes(id);
}

/** values[i] = the proxy of NB201 cell i (index order), at the given fidelity. */
export async function nb201WholeSpace(
  proxy: WholeSpaceProxy,
  fidelity: FidelityPreset,
): Promise<Float64Array> {
  const definition = getProxy(proxy);
  const values = new Float64Array(NB201_CELL_COUNT);
  for (let i = 0; i < NB201_CELL_COUNT; i++) {
    const network = nb201Network(nb201FromIndex(i), FIDELITY_PRESETS[fidelity]);
    values[i] = (await definition.compute({ network, seed: 0, params: {} })).value;
  }
  return values;
}
