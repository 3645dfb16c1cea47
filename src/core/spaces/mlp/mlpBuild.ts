/** The MLP space's network builder: the network as its text writes it; fidelity does not apply. Loads tfjs. */
import type { NetworkBuilder } from '../spaceRegistry';
import { mlpFromString, mlpToString } from './mlp';
import { mlpNetwork } from './mlpNetwork';

export const mlpBuild: NetworkBuilder = (text) => {
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
};
