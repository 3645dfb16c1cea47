/**
 * FLOPs of one image through the ViT of vitNetwork.ts, in closed form: multiply-adds of the
 * weight products and of the two attention products, per image.
 *
 * With N = (resolution / patch)² patch tokens, T = N + 1 tokens in the blocks (the cls token),
 * embedding width e, attention width w = heads · headDim and MLP hidden width h per layer:
 * - patch embedding: N · 3p² · e (a p×p conv with stride p, one output position per patch);
 * - per block: Q, K, V T · e · 3w; QKᵀ T² · w (T² · headDim per head); AV T² · w;
 *   projection T · w · e; MLP T · e · h + T · h · e;
 * - head: e · classes (the classifier reads the cls token only).
 * Not counted: biases, LayerNorm, softmax, the 1/√d scaling, GELU, residual additions and the
 * position embedding: element-wise work, not multiply-adds of a product (the convention of
 * fvcore and of DeiT's published FLOPs).
 */
import { VIT_SPACES, type VitArch, vitMlpHidden } from './vit';
import { type VitFidelity, vitTokens } from './vitParamSpecs';

export interface VitFlopCount {
  /** Multiply-adds of one image. */
  total: number;
  patch: number;
  /** Q, K and V projections of every block. */
  qkv: number;
  /** QKᵀ and AV of every block. */
  attention: number;
  /** Output projections of every block. */
  proj: number;
  /** fc1 and fc2 of every block. */
  mlp: number;
  head: number;
}

export function vitFlops(arch: VitArch, fid: VitFidelity): VitFlopCount {
  const { patch: p, headDim } = VIT_SPACES[arch.space];
  const e = arch.embed;
  const patches = vitTokens(arch, fid);
  const t = patches + 1;
  const count: VitFlopCount = {
    total: 0,
    patch: patches * 3 * p * p * e,
    qkv: 0,
    attention: 0,
    proj: 0,
    mlp: 0,
    head: 0,
  };
  arch.mlpRatio.forEach((_, l) => {
    const w = arch.heads[l]! * headDim;
    const h = vitMlpHidden(arch, l);
    count.qkv += t * e * 3 * w;
    count.attention += 2 * t * t * w;
    count.proj += t * w * e;
    count.mlp += 2 * t * e * h;
  });
  count.head = e * fid.classes;
  count.total = count.patch + count.qkv + count.attention + count.proj + count.mlp + count.head;
  return count;
}
