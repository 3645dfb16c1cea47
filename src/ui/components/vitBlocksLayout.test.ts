import { describe, expect, it } from 'vitest';
import type { VitArch } from '../../core/spaces/vit/vit';
import { VIT_COMPACT_HEIGHT, vitBlocksLayout } from './vitBlocksLayout';

const deep: VitArch = {
  space: 'autoformer-tiny',
  embed: 216,
  mlpRatio: [3.5, 4, 3.5, 3.5, 4, 4, 3.5, 4, 3.5, 4, 4, 3.5, 3.5, 4],
  heads: [3, 4, 4, 3, 3, 4, 3, 4, 3, 3, 4, 4, 3, 4],
};

describe('vitBlocksLayout', () => {
  it('makes each block as wide as its MLP hidden width, the patch embedding as the embed width', () => {
    const layout = vitBlocksLayout(deep, { width: 132, labels: false });
    // Hidden widths int(ratio · 216): 756 for 3.5, 864 for 4.
    expect(layout.blocks.map((b) => b.hidden)).toEqual(deep.mlpRatio.map((r) => (r === 4 ? 864 : 756)));
    for (const b of layout.blocks) expect(b.width / b.hidden).toBeCloseTo(layout.scale, 9);
    expect(layout.patch.width / 216).toBeCloseTo(layout.scale, 9);
    const wide = layout.blocks.find((b) => b.hidden === 864)!;
    const narrow = layout.blocks.find((b) => b.hidden === 756)!;
    expect(wide.width / narrow.width).toBeCloseTo(864 / 756, 9);
    // Centred on one axis, and the space's widest block (4 · 240 = 960) would fill the column.
    for (const b of layout.blocks) expect(b.x + b.width / 2).toBeCloseTo(layout.centerX, 9);
    expect(960 * layout.scale).toBeCloseTo(132 - 34 - 4, 9);
  });

  it('stacks a depth-14 (and a depth-16) ViT upwards inside the compact height without overlap', () => {
    const base: VitArch = {
      space: 'autoformer-base',
      embed: 624,
      mlpRatio: Array<number>(16).fill(4),
      heads: Array<number>(16).fill(10),
    };
    for (const arch of [deep, base]) {
      const layout = vitBlocksLayout(arch, { width: 132, labels: false });
      expect(layout.height).toBe(VIT_COMPACT_HEIGHT);
      expect(layout.blocks).toHaveLength(arch.mlpRatio.length);
      const top = layout.blocks.at(-1)!;
      expect(top.y).toBeGreaterThanOrEqual(0);
      expect(layout.patch.y + layout.patch.height).toBeLessThanOrEqual(layout.height);
      // Layer 1 sits on the patch embedding; each next layer is above the previous one.
      expect(layout.blocks[0]!.y + layout.blocks[0]!.height).toBeLessThanOrEqual(layout.patch.y);
      for (let l = 1; l < layout.blocks.length; l++) {
        const below = layout.blocks[l - 1]!;
        const above = layout.blocks[l]!;
        expect(above.y + above.height).toBeLessThanOrEqual(below.y);
        expect(above.height).toBeGreaterThan(0);
      }
      for (const b of layout.blocks) expect(b.x + b.width).toBeLessThanOrEqual(layout.textX);
    }
  });

  it('labelled drawings give every block at least 12 px and still fit their height', () => {
    const layout = vitBlocksLayout(deep, { width: 320, labels: true });
    for (const b of layout.blocks) expect(b.height).toBeGreaterThanOrEqual(12);
    expect(layout.blocks.at(-1)!.y).toBeGreaterThanOrEqual(0);
    expect(layout.patch.y + layout.patch.height).toBeLessThanOrEqual(layout.height);
  });
});
