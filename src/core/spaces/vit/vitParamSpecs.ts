/**
 * Parameter tensors of an AutoFormer-style ViT (kept free of tfjs, like nb201ParamSpecs).
 * Patch embedding conv (with bias), cls token, position embedding, pre-norm blocks
 * (LN, qkv with bias, projection, LN, fc1, GELU, fc2), final LN, linear head.
 * Not built: AutoFormer's 2-D relative position tables (4 x 30 x 64 = 7 680 parameters per layer
 * in the published supernets); our network uses the absolute position embedding only.
 */

import { layerNormSpecs, linearSpecs, type ParamSpec } from '../../nn/paramSpec';
import { VIT_SPACES, type VitArch, vitMlpHidden } from './vit';

export interface VitFidelity {
  /** Input resolution in pixels (square); fewer tokens = cheaper scoring. */
  resolution: number;
  classes: number;
}

export function vitTokens(arch: VitArch, fid: VitFidelity): number {
  const { patch } = VIT_SPACES[arch.space];
  return Math.floor(fid.resolution / patch) ** 2;
}

export interface VitSpecOptions {
  /**
   * Features per patch that the learned patch embedding reads in place of the 3P² pixels (vintk_ff's
   * γ(p)): patch.conv is then a [patchFeatures, e] matrix. It keeps the role, the fan-out and the
   * name (so the seeded stream) of the patch convolution, whose [P, P, 3, e] kernel is the same
   * matrix for 3P² inputs; only the fan-in grows, so every init scheme treats it as that convolution.
   */
  patchFeatures?: number;
}

export function vitParamSpecs(arch: VitArch, fid: VitFidelity, options: VitSpecOptions = {}): ParamSpec[] {
  const { patch, headDim } = VIT_SPACES[arch.space];
  const e = arch.embed;
  const tokens = vitTokens(arch, fid);
  const fanIn = options.patchFeatures ?? 3 * patch * patch;
  const shape = options.patchFeatures === undefined ? [patch, patch, 3, e] : [options.patchFeatures, e];
  const specs: ParamSpec[] = [
    { name: 'patch.conv', shape, role: 'conv', fanIn, fanOut: e * patch * patch },
    { name: 'patch.bias', shape: [e], role: 'conv_bias', fanIn, fanOut: e },
    { name: 'cls', shape: [1, 1, e], role: 'embedding', fanIn: 1, fanOut: 1 },
    { name: 'pos', shape: [1, tokens + 1, e], role: 'embedding', fanIn: 1, fanOut: 1 },
  ];
  arch.mlpRatio.forEach((_, l) => {
    const width = arch.heads[l]! * headDim;
    const hidden = vitMlpHidden(arch, l);
    specs.push(
      ...layerNormSpecs(`b${l}.ln1`, e),
      ...linearSpecs(`b${l}.qkv`, e, 3 * width),
      ...linearSpecs(`b${l}.proj`, width, e),
      ...layerNormSpecs(`b${l}.ln2`, e),
      ...linearSpecs(`b${l}.fc1`, e, hidden),
      ...linearSpecs(`b${l}.fc2`, hidden, e),
    );
  });
  specs.push(...layerNormSpecs('head.ln', e), ...linearSpecs('head.fc', e, fid.classes));
  return specs;
}
