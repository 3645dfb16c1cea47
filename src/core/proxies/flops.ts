/**
 * flops: multiply-adds of one sample through the network as built: NB201 by NAS-Bench-201's counting
 * rules (Conv2d and Linear only; spaces/nb201/nb201Flops.ts), a ViT by the closed form of
 * spaces/vit/vitFlops.ts (weight products and the two attention products; AZ-NAS's complexity on
 * AutoFormer). Light: no tfjs.
 */

import { nb201FromString } from '../spaces/nb201/nb201';
import { nb201Flops } from '../spaces/nb201/nb201Flops';
import { vitFromString } from '../spaces/vit/vit';
import { vitFlops } from '../spaces/vit/vitFlops';
import type { ProxyDefinition, ProxyOutput } from './types';

export const flopsProxy: ProxyDefinition = {
  id: 'flops',
  label: 'FLOPs',
  formula:
    'Σ_conv k_h·k_w·C_in·C_out·H_out·W_out + Σ_linear (in·out + out), one sample (multiply-adds; ' +
    'BatchNorm, ReLU, pooling and additions not counted)',
  reference:
    'Abdelfattah et al., ICLR 2021 (baseline); NAS-Bench-201 counting rules (xautodl utils/flop_benchmark.py)',
  needsLabels: false,
  needsData: false,
  higherIsBetter: true,
  ourReading: false,
  version: 1,
  defaults: {},
  spaces: ['nb201', 'vit'],
  async compute({ network }): Promise<ProxyOutput> {
    const resolution = network.inputShape[0] ?? 0;
    const vit = vitFromString(network.arch);
    if (vit.ok) {
      const count = vitFlops(vit.value, { resolution, classes: network.classes });
      return {
        value: count.total,
        details: {
          millions: count.total / 1e6,
          patch: count.patch,
          qkv: count.qkv,
          attention: count.attention,
          proj: count.proj,
          mlp: count.mlp,
          head: count.head,
        },
        warnings: [],
      };
    }
    const count = nb201FromString(network.arch).ok ? nb201Flops(network.specs, resolution) : undefined;
    if (!count) {
      return {
        value: Number.NaN,
        details: {},
        warnings: ['flops is defined for NB201 networks and ViTs only'],
      };
    }
    return {
      value: count.total,
      details: { millions: count.total / 1e6, convFlops: count.conv, linearFlops: count.linear },
      warnings: network.deadReason
        ? [`${network.deadReason}: the count is that of the network as built (NB201 counts every conv)`]
        : [],
    };
  },
};
