import type { ProxyInput } from '../core/proxies/types';
import type { Nb201Fidelity } from '../core/spaces/fidelity';
import type { Nb201Cell } from '../core/spaces/nb201/nb201';
import { nb201Network } from '../core/spaces/nb201/nb201Network';

/** A proxy input for an NB201 cell at a fidelity, default proxy parameters. */
export function nb201Input(cell: Nb201Cell, fidelity: Nb201Fidelity, seed: number): ProxyInput {
  return { network: nb201Network(cell, fidelity), seed, params: {} };
}
