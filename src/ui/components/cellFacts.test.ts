import { describe, expect, it } from 'vitest';
import { paramSize } from '../../core/nn/paramSpec';
import { candidateCodec } from '../../core/spaces/candidateIndex';
import { type MlpArch, mlpFromString } from '../../core/spaces/mlp/mlp';
import { mlpParamSpecs } from '../../core/spaces/mlp/mlpParamSpecs';
import { nb201FromString, nb201ToIndex } from '../../core/spaces/nb201/nb201';
import { shippedNb201InBenchmarkOrder } from '../../test/shippedData';
import { candidateFacts, candidateFactsTitle, cellFacts, mlpFacts } from './cellFacts';

function indexOf(space: Parameters<typeof candidateCodec>[0], text: string): number {
  const index = candidateCodec(space).indexOf(text);
  if (!index.ok) throw new Error(index.error);
  return index.value;
}

describe('cellFacts', () => {
  it('matches the NB201 table for params and FLOPs, and maps isomorphic cells to one class', () => {
    // The NB201 table as shipped (public/data/tables/nb201.csv.gz): its first 50 cells in benchmark order.
    for (const row of shippedNb201InBenchmarkOrder().slice(0, 50)) {
      const cell = nb201FromString(row.arch!);
      if (!cell.ok) throw new Error(cell.error);
      const facts = cellFacts(cell.value);
      expect(facts.params).toBeCloseTo(Number(row.params_m) * 1e6, 0);
      expect(facts.flops).toBeCloseTo(Number(row.flops_m) * 1e6, 0);
      // The space-generic entry point gives the same numbers for the cell's index.
      const generic = candidateFacts('nb201', nb201ToIndex(cell.value));
      expect(generic.params).toBe(facts.params);
      expect(generic.flops).toBe(facts.flops);
      expect(generic.canonical).toBe(facts.canonical);
    }
    // A cell whose only path is a skip 0→3 is the same network whatever its dead edges hold.
    const a = nb201FromString('|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|');
    const b = nb201FromString('|avg_pool_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|');
    if (!a.ok || !b.ok) throw new Error('bad test cells');
    expect(cellFacts(a.value).canonical).toBe(cellFacts(b.value).canonical);
    const facts = candidateFacts('nb201', nb201ToIndex(b.value));
    expect(facts.canonical).toBe(cellFacts(a.value).canonical);
    expect(facts.lines[0]).toContain(`class ${facts.canonical} · NB201 network:`);
  });
});

describe('mlpFacts', () => {
  it('counts a tiny MLP as derived by hand', () => {
    // 1-D input, positional L=2: B = [[1], [2]], γ has 2·2 = 4 entries; Bv costs 2·1 = 2.
    // Linear layers 4→4, 4→4, 4→1: params (16+4) + (16+4) + (4+1) = 45; FLOPs 16 + 16 + 4 + 2 = 38.
    const arch: MlpArch = {
      inputDim: 1,
      depth: 2,
      width: 4,
      activation: 'relu',
      mapping: { kind: 'positional', levels: 2 },
      outputs: 1,
    };
    const f = mlpFacts(arch);
    expect(f.params).toBe(45);
    expect(f.flops).toBe(38);
    expect(f.canonical).toBeUndefined();
    // Without a mapping the input is the 1-D point: 1→4, 4→4, 4→1: params 8 + 20 + 5 = 33, FLOPs 4 + 16 + 4 = 24.
    const plain = mlpFacts({ ...arch, mapping: { kind: 'none' } });
    expect(plain.params).toBe(33);
    expect(plain.flops).toBe(24);
  });

  it('counts a lab-space MLP by index as by hand, and its params as the network’s own specs', () => {
    // Gaussian m=64 on 1-D input: γ has 128 entries, Bv costs 64. Layers 128→32, 32→1:
    // params 128·32 + 32 + 32 + 1 = 4161; FLOPs 4096 + 32 + 64 = 4192.
    const text = 'mlp:in1:d1:w32:tanh:o1:gauss-s10-m64-seed3';
    const f = candidateFacts('mlp', indexOf('mlp', text));
    expect(f.params).toBe(4161);
    expect(f.flops).toBe(4192);
    expect(f.lines).toEqual(['own class · MLP with Gaussian σ=10, m=64:', '4.16 k params, 4.19 kFLOPs']);
    for (const other of ['mlp:in1:d6:w256:gelu:o1:pos-l10', 'mlp:in1:d3:w128:sin:o1:basic']) {
      const parsed = mlpFromString(other);
      if (!parsed.ok) throw new Error(parsed.error);
      const specs = mlpParamSpecs(parsed.value).reduce((sum, s) => sum + paramSize(s), 0);
      expect(candidateFacts('mlp', indexOf('mlp', other)).params).toBe(specs);
    }
  });
});

describe('candidateFacts for ViTs', () => {
  it('counts a two-block browser ViT at 32 px as derived by hand', () => {
    // e = 64, 2 heads of 32 (w = 64), MLP ratio 2 (h = 128), patch 4 on 32 px: N = 64, T = 65; 10 classes.
    // Params: patch conv 4·4·3·64 + 64 = 3136; cls 64; pos 65·64 = 4160;
    //   per block LN 128 + qkv 64·192+192 + proj 64·64+64 + LN 128 + fc1 64·128+128 + fc2 128·64+64 = 33 472;
    //   head LN 128 + fc 64·10+10 = 778. Total 3136 + 64 + 4160 + 2·33 472 + 778 = 75 082.
    // FLOPs: patch 64·48·64 = 196 608; per block 65·64·192 + 2·65²·64 + 65·64·64 + 2·65·64·128 = 2 670 720;
    //   head 640. Total 196 608 + 2·2 670 720 + 640 = 5 538 688.
    const f = candidateFacts('vit-browser', indexOf('vit-browser', 'vit:web:e64:m2,2:h2,2'));
    expect(f.params).toBe(75_082);
    expect(f.flops).toBe(5_538_688);
    expect(f.canonical).toBeUndefined();
    expect(f.lines).toEqual(['own class · ViT network at 32 px:', '75.08 k params, 5.54 MFLOPs']);
  });

  it('memoises, rejects an index outside the space and names the class rule in the title', () => {
    const index = candidateCodec('autoformer-tiny').sample(1, 4)[0]!;
    expect(candidateFacts('autoformer-tiny', index)).toBe(candidateFacts('autoformer-tiny', index));
    expect(() => candidateFacts('autoformer-base', candidateCodec('autoformer-base').size)).toThrow(
      RangeError,
    );
    expect(() => candidateFacts('nb201', 15_625)).toThrow(RangeError);
    expect(candidateFactsTitle('mlp')).toContain('the architecture itself');
    expect(candidateFactsTitle('autoformer-small')).toContain('the architecture itself');
    expect(candidateFactsTitle('nb201')).toContain('isomorphism class');
  });
});
