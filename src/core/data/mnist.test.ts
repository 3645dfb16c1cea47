import { describe, expect, it } from 'vitest';
import { drawBatch } from './imageDataset';
import { parseMnistShard } from './mnist';
import { encodeShard } from './shardFormat';

describe('parseMnistShard', () => {
  it('reads a 28x28x1 shard and normalises with mean 0.1307, std 0.3081', () => {
    const pixels = new Uint8Array(2 * 784);
    pixels[0] = 255; // image 0, first pixel white; all else black
    const bytes = encodeShard({
      count: 2,
      height: 28,
      width: 28,
      channels: 1,
      classes: 10,
      pixels,
      labels: Uint8Array.of(3, 7),
    });
    const parsed = parseMnistShard(bytes, 'train');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.name).toBe('mnist-train');
    const batch = drawBatch(parsed.value, 2, 0);
    const first = batch.y[0] === 3 ? 0 : 784;
    // Hand values: (1 − 0.1307)/0.3081 = 2.821487; −0.1307/0.3081 = −0.424213.
    expect(batch.x[first]).toBeCloseTo(2.821487, 5);
    expect(batch.x[first + 1]).toBeCloseTo(-0.424213, 5);
    expect(batch.spec).toBe('mnist-train n=2 seed=0');
  });
});
