/**
 * A toy proxy, as a new proxy is written: one definition (id, parameters, version, spaces, compute).
 * It counts the weights of the freshly initialised network, tensor by tensor, times `scale`: the
 * params proxy's number reached from the tensors instead of from the shapes. Registered only by
 * src/core/proxies/toyProxy.test.ts, never by the app.
 */
import { disposeParams, initParams } from '../core/nn/network';
import type { ProxyDefinition } from '../core/proxies/types';

export const toyProxy: ProxyDefinition = {
  id: 'toy_weights',
  label: 'Toy: initialised weights',
  formula: 'scale · Σ over the initialised parameter tensors of their size',
  reference: 'a test of the proxy registry',
  needsLabels: false,
  needsData: false,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: { scale: 1 },
  spaces: ['nb201'],
  async compute({ network, seed, params }) {
    const tensors = initParams(network, 'kaiming_fan_out', seed);
    try {
      let count = 0;
      for (const tensor of tensors.values()) count += tensor.size;
      return { value: Number(params.scale) * count, details: { tensors: tensors.size }, warnings: [] };
    } finally {
      disposeParams(tensors);
    }
  },
};
