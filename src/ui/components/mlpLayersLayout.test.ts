import { describe, expect, it } from 'vitest';
import type { MlpArch } from '../../core/spaces/mlp/mlp';
import { mlpLayersLayout } from './mlpLayersLayout';

const arch = (depth: number, width: number): MlpArch => ({
  inputDim: 1,
  depth,
  width,
  activation: 'relu',
  mapping: { kind: 'gaussian', sigma: 10, features: 64, seed: 0 },
  outputs: 1,
});

describe('mlpLayersLayout', () => {
  it('makes bar heights proportional to log₂ of the width (32 : 256 = 5 : 8)', () => {
    const narrow = mlpLayersLayout(arch(3, 32), { width: 132, labels: false });
    const wide = mlpLayersLayout(arch(3, 256), { width: 132, labels: false });
    expect(narrow.bars).toHaveLength(3);
    expect(narrow.bars[0]!.height / wide.bars[0]!.height).toBeCloseTo(5 / 8, 9);
    // The largest allowed width (4096 = 2^12) fills the drawing's bar room exactly.
    expect(12 * narrow.perDoubling).toBeCloseTo(narrow.height - 8, 9);
  });

  it('lays input, mapping, hidden layers and output left to right inside the drawing', () => {
    for (const labels of [false, true]) {
      const layout = mlpLayersLayout(arch(16, 4096), { width: labels ? 320 : 132, labels });
      expect(layout.input.x).toBeLessThan(layout.mapping.x);
      let right = layout.mapping.x + layout.mapping.width;
      for (const bar of layout.bars) {
        expect(bar.x).toBeGreaterThan(right);
        expect(bar.y).toBeGreaterThanOrEqual(0);
        expect(bar.y + bar.height).toBeLessThanOrEqual(layout.height);
        right = bar.x + bar.width;
      }
      expect(layout.output.x).toBeGreaterThan(right);
      expect(layout.output.x).toBeLessThanOrEqual(layout.width);
    }
  });
});
