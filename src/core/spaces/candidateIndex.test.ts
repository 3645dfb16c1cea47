import { describe, expect, it } from 'vitest';
import { SPACE_IDS } from './architecture';
import { candidateCodec } from './candidateIndex';
import { mlpSample, mlpToString } from './mlp/mlp';
import { nb201Sample, nb201ToString } from './nb201/nb201';
import { VIT_SPACES, vitSample, vitSpaceSize, vitToString } from './vit/vit';

describe('candidateCodec', () => {
  it('has the sizes counted independently: 5^6 cells, Σ|embed|·P^depth ViTs', () => {
    expect(candidateCodec('nb201').size).toBe(15_625);
    expect(candidateCodec('vit-browser').size).toBe(vitSpaceSize(VIT_SPACES.browser));
    // Tiny: 3 embeds, (2 ratios x 2 heads)^d for d = 12, 13, 14.
    expect(candidateCodec('autoformer-tiny').size).toBe(3 * (4 ** 12 + 4 ** 13 + 4 ** 14));
    // MLP: 6 depths x 4 widths x 4 activations x (none, basic, 4 levels, 4 σ x 3 m x 1000 seeds).
    expect(candidateCodec('mlp').size).toBe(6 * 4 * 4 * (2 + 4 + 4 * 3 * 1000));
  });

  it('round-trips index → text → index at the ends and at seeded points of every space', () => {
    for (const space of SPACE_IDS) {
      const codec = candidateCodec(space);
      expect(Number.isSafeInteger(codec.size)).toBe(true);
      const probes = [0, 1, codec.size - 1, Math.floor(codec.size / 2), Math.floor(codec.size / 3)];
      for (const index of probes) {
        const back = codec.indexOf(codec.archOf(index));
        expect(back).toEqual({ ok: true, value: index });
      }
    }
  });

  it('gives distinct texts to neighbouring indices', () => {
    for (const space of SPACE_IDS) {
      const codec = candidateCodec(space);
      const texts = new Set(Array.from({ length: 50 }, (_, i) => codec.archOf(i)));
      expect(texts.size).toBe(50);
    }
  });

  it('samples exactly what the spaces’ own samplers draw', () => {
    const nb = candidateCodec('nb201')
      .sample(12, 5)
      .map((i) => candidateCodec('nb201').archOf(i));
    expect(nb).toEqual(nb201Sample(12, 5).map(nb201ToString));
    const vit = candidateCodec('vit-browser');
    expect(vit.sample(12, 7).map((i) => vit.archOf(i))).toEqual(vitSample('browser', 12, 7).map(vitToString));
    const ti = candidateCodec('autoformer-tiny');
    expect(ti.sample(5, 1).map((i) => ti.archOf(i))).toEqual(
      vitSample('autoformer-tiny', 5, 1).map(vitToString),
    );
    const mlp = candidateCodec('mlp');
    expect(mlp.sample(20, 3).map((i) => mlp.archOf(i))).toEqual(mlpSample(20, 3).map(mlpToString));
  });

  it('puts the first layer first: the last index of the shallowest block differs from 0 only in its choices', () => {
    const vit = candidateCodec('vit-browser');
    // Index 0: smallest embed, depth 2, both layers the first ratio and first head count.
    expect(vit.archOf(0)).toBe('vit:web:e64:m2,2:h2,2');
    // Index 1: the last layer's heads move first.
    expect(vit.archOf(1)).toBe('vit:web:e64:m2,2:h2,4');
  });

  it('refuses indices outside the space and texts from another space, saying why', () => {
    expect(() => candidateCodec('nb201').archOf(15_625)).toThrow(/no architecture 15625/);
    expect(() => candidateCodec('mlp').archOf(-1)).toThrow(RangeError);
    const wrong = candidateCodec('vit-browser').indexOf(candidateCodec('autoformer-tiny').archOf(0));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatch(/autoformer-tiny, not browser/);
    const wide = candidateCodec('mlp').indexOf('mlp:in1:d3:w100:relu:o1:none');
    expect(wide.ok).toBe(false);
    if (!wide.ok) expect(wide.error).toMatch(/MLP lab space/);
    expect(candidateCodec('nb201').indexOf('not a cell').ok).toBe(false);
  });
});
