import { describe, expect, it } from 'vitest';
import type { VitArch } from './vit';
import { vitFlops } from './vitFlops';
import { vitParamSpecs } from './vitParamSpecs';

describe('vitFlops', () => {
  it('counts a one-block browser ViT on 8×8 images as derived by hand', () => {
    // Patch 4 on 8 px: N = 4 patches, T = 5 tokens; e = 64, 2 heads of 32 → w = 64; MLP ratio 2 → h = 128.
    //   patch  N·3p²·e   = 4·48·64        =  12 288
    //   qkv    T·e·3w    = 5·64·192       =  61 440
    //   QKᵀ+AV 2·T²·w    = 2·25·64        =   3 200
    //   proj   T·w·e     = 5·64·64        =  20 480
    //   mlp    2·T·e·h   = 2·5·64·128     =  81 920
    //   head   e·classes = 64·10          =     640
    //   total                             = 179 968
    const arch: VitArch = { space: 'browser', embed: 64, mlpRatio: [2], heads: [2] };
    const f = vitFlops(arch, { resolution: 8, classes: 10 });
    expect(f).toEqual({
      total: 179_968,
      patch: 12_288,
      qkv: 61_440,
      attention: 3_200,
      proj: 20_480,
      mlp: 81_920,
      head: 640,
    });
  });

  it('gives a DeiT-Ti-shaped AutoFormer-Ti its ≈1.25 G multiply-adds', () => {
    // e = 192, 12 blocks of 3 heads (w = 192), MLP ratio 4 (h = 768), 224 px: N = 196, T = 197.
    //   patch 196·768·192 = 28 901 376
    //   block 197·192·576 + 2·197²·192 + 197·192·192 + 2·197·192·768 = 102 049 152, ×12 = 1 224 589 824
    //   head  192·1000 = 192 000;  total 1 253 683 200 (DeiT-Ti is published as 1.3 G FLOPs)
    const arch: VitArch = {
      space: 'autoformer-tiny',
      embed: 192,
      mlpRatio: Array<number>(12).fill(4),
      heads: Array<number>(12).fill(3),
    };
    expect(vitFlops(arch, { resolution: 224, classes: 1000 }).total).toBe(1_253_683_200);
  });

  it('equals tokens × weights of the per-token layers plus the attention products (second count)', () => {
    const arch: VitArch = {
      space: 'autoformer-small',
      embed: 384,
      mlpRatio: [3, 3.5, 4, 3.5, 3, 4, 4, 3, 3.5, 3, 4, 3.5, 3],
      heads: [5, 6, 7, 7, 6, 5, 5, 6, 7, 5, 6, 7, 6],
    };
    const fid = { resolution: 224, classes: 1000 };
    const specs = vitParamSpecs(arch, fid);
    const weights = (pattern: RegExp) =>
      specs
        .filter((s) => s.role === 'linear_weight' && pattern.test(s.name))
        .reduce((sum, s) => sum + s.shape[0]! * s.shape[1]!, 0);
    const patchWeights = specs.find((s) => s.name === 'patch.conv')!.shape.reduce((a, b) => a * b, 1);
    const t = 197;
    const attention = arch.heads.reduce((sum, heads) => sum + 2 * t * t * heads * 64, 0);
    const expected =
      196 * patchWeights + t * weights(/^b\d+\.(qkv|proj|fc1|fc2)\./) + attention + weights(/^head\./);
    const f = vitFlops(arch, fid);
    expect(f.total).toBe(expected);
    expect(f.mlp).toBe(t * weights(/^b\d+\.fc[12]\./));
  });
});
