/** params: trainable parameters of the network as built, BatchNorm affine included (NB201's rule). */
import { paramSize } from '../nn/paramSpec';
import type { ProxyDefinition } from './types';

export const paramsProxy: ProxyDefinition = {
  id: 'params',
  label: 'Parameters',
  formula: 'Σ over parameter tensors of their element count (conv, linear, BatchNorm γ and β)',
  reference: 'Abdelfattah et al., ICLR 2021 (baseline); NAS-Bench-201 counting rules',
  needsLabels: false,
  needsData: false,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: {},
  spaces: ['nb201', 'vit', 'mlp'],
  async compute({ network }) {
    const count = network.specs.reduce((sum, spec) => sum + paramSize(spec), 0);
    return { value: count, details: { millions: count / 1e6 }, warnings: [] };
  },
};
