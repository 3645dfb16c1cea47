import { describe, expect, it } from 'vitest';
import { readShippedRows } from '../../test/shippedData';
import type { Network } from '../nn/network';
import { FIDELITY_PRESETS } from '../spaces/fidelity';
import { type Nb201Cell, nb201FromString } from '../spaces/nb201/nb201';
import { nb201Flops, nb201StageSides } from '../spaces/nb201/nb201Flops';
import { nb201Network } from '../spaces/nb201/nb201Network';
import { nb201ParamSpecs } from '../spaces/nb201/nb201ParamSpecs';
import { vitNetwork } from '../spaces/vit/vitNetwork';
import { flopsProxy } from './flops';

function cell(text: string): Nb201Cell {
  const parsed = nb201FromString(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const ARCH0 =
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|';
const paper = FIDELITY_PRESETS.paper;

describe('flops (NB201 counting rules; ViTs in closed form)', () => {
  it('counts arch 0 by hand: 15 647 370 = 15.64737 M', async () => {
    // Stem 3x3, 3→16 at 32x32: 9·3·16·1024. Each cell has two 1x1 convs (C·C·H·W each), 5 cells a
    // stage: 2·5·(16²·32² | 32²·16² | 64²·8²) = 3 × 2 621 440. Reduction blocks (3x3 s2, 3x3, 1x1
    // shortcut): 9·16·32·16² + 9·32·32·16² + 16·32·16² = 3 670 016, the same for the second.
    // Classifier 64·10 + 10 bias.
    const stem = 9 * 3 * 16 * 1024;
    const cells = 3 * 2 * 5 * 262_144;
    const reductions = 2 * (9 * 16 * 32 * 256 + 9 * 32 * 32 * 256 + 16 * 32 * 256);
    const classifier = 64 * 10 + 10;
    expect(stem + cells + reductions + classifier).toBe(15_647_370);
    const out = await flopsProxy.compute({ network: nb201Network(cell(ARCH0), paper), seed: 0, params: {} });
    expect(out.value).toBe(15_647_370);
    expect(out.details.millions).toBeCloseTo(15.64737, 10);
    expect(out.details.linearFlops).toBe(classifier);
    expect(out.warnings).toEqual([]);
  });

  it('scales convolutions with the output area (arch 0 at 16x16, 120 classes, by hand)', () => {
    expect(nb201StageSides(16)).toEqual([16, 8, 4]);
    const specs = nb201ParamSpecs(cell(ARCH0), { ...paper, classes: 120, resolution: 16 });
    // Every conv sees a quarter of the positions; the classifier is 64·120 + 120.
    const convAt32 = 15_647_370 - 650;
    expect(nb201Flops(specs, 16)).toEqual({ total: convAt32 / 4 + 7800, conv: convAt32 / 4, linear: 7800 });
  });

  it('equals flops_m of the NB201 table for all 15 625 cells (paper fidelity, CIFAR-10)', () => {
    // The NB201 table as shipped (public/data/tables/nb201.csv.gz).
    const rows = readShippedRows('nb201.csv.gz');
    expect(rows).toHaveLength(15625);
    let worst = 0;
    for (const row of rows) {
      const count = nb201Flops(nb201ParamSpecs(cell(row.arch!), paper), paper.resolution);
      worst = Math.max(worst, Math.abs(count!.total / 1e6 - Number(row.flops_m)));
    }
    // The table rounds to 5 decimals of a million.
    expect(worst).toBeLessThan(1e-5);
  });

  it('counts the convs of a no-path cell too (as NB201 does), with a warning', async () => {
    // All-none cell: only stem, reductions and classifier: 442 368 + 7 340 032 + 650.
    const dead = cell('|none~0|+|none~0|none~1|+|none~0|none~1|none~2|');
    const out = await flopsProxy.compute({ network: nb201Network(dead, paper), seed: 0, params: {} });
    expect(out.value).toBe(442_368 + 7_340_032 + 650);
    expect(out.warnings[0]).toMatch(/no path/);
  });

  it('counts a ViT by its closed form: a two-block browser ViT on 8×8 images, 347 008 by hand', async () => {
    // vitFlops.test.ts derives one block term by term (patch 4: N = 4, T = 5; e = w = 64, h = 128):
    // qkv 61 440, QKᵀ+AV 3 200, proj 20 480, MLP 81 920 per block; patch 12 288 and head 640 once.
    const network = vitNetwork(
      { space: 'browser', embed: 64, mlpRatio: [2, 2], heads: [2, 2] },
      { resolution: 8, classes: 10 },
    );
    const out = await flopsProxy.compute({ network, seed: 0, params: {} });
    expect(out.value).toBe(12_288 + 2 * (61_440 + 3_200 + 20_480 + 81_920) + 640);
    expect(out.value).toBe(347_008);
    expect(out.details.attention).toBe(6_400);
    expect(out.warnings).toEqual([]);
  });

  it('returns NaN with a warning for a network that is neither NB201 nor a ViT', async () => {
    const other: Network = {
      arch: 'mlp:relu:64x3',
      specs: [],
      inputShape: [1],
      classes: 1,
      forward: () => {
        throw new Error('not used');
      },
      reachesOutput: () => true,
    };
    const out = await flopsProxy.compute({ network: other, seed: 0, params: {} });
    expect(out.value).toBeNaN();
    expect(out.warnings[0]).toMatch(/NB201 networks and ViTs only/);
  });
});
