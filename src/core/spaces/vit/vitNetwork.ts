/**
 * Functional tfjs forward pass of the ViT whose parameters vitParamSpecs lists (pre-norm blocks,
 * exact GELU via erf, LayerNorm eps 1e-6 as timm/AutoFormer, classification from the cls token).
 * No bottleneck hook: LayerNorm and softmax make the network nonlinear even with |θ|, and they keep
 * synflow's values in float32 range without rescaling.
 * An option (VitOptions.patchEmbedding) swaps the learned patch embedding for a fixed map, as
 * vintk_rfp's random Fourier features; another (VitOptions.patchFeatures) puts a fixed map of each
 * patch in front of the learned one, as vintk_ff's [p, cos 2πBp, sin 2πBp]. Without either the
 * network is the plain ViT.
 */

import { type ForwardOptions, getParam, type Network, type ParamTensors } from '../../nn/network';
import { tf } from '../../nn/tf';
import { VIT_SPACES, type VitArch, vitToString } from './vit';
import { type VitFidelity, vitParamSpecs, vitTokens } from './vitParamSpecs';

/**
 * A fixed patch embedding in place of the learned one (conv 'patch.conv' + 'patch.bias'): images
 * [batch, H, W, 3] → token features [batch, H/patch, W/patch, embed], the shape the conv gives.
 */
export type PatchEmbedding = (x: tf.Tensor4D, patch: number) => tf.Tensor4D;

/**
 * A fixed map of each patch that the learned patch embedding reads instead of its pixels: images
 * [batch, H, W, 3] → [batch, H/patch, W/patch, count]. patch.conv is then a [count, e] matrix.
 */
export interface PatchFeatures {
  count: number;
  map: (x: tf.Tensor4D, patch: number) => tf.Tensor4D;
}

export interface VitOptions {
  /** Replaces the learned patch embedding; the network then has no patch.conv or patch.bias. */
  patchEmbedding?: PatchEmbedding;
  /** Feeds the learned patch embedding these features of each patch (not with patchEmbedding). */
  patchFeatures?: PatchFeatures;
}

/** The learned embedding's parameters, left out of a network with a fixed patch embedding. */
export const VIT_PATCH_PARAMS: readonly string[] = ['patch.conv', 'patch.bias'];

function layerNorm(x: tf.Tensor, params: ParamTensors, name: string): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  const normalised = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-6)));
  return tf.add(tf.mul(normalised, getParam(params, `${name}.gamma`)), getParam(params, `${name}.beta`));
}

function linear(x: tf.Tensor, params: ParamTensors, name: string, opts: ForwardOptions): tf.Tensor {
  const w = getParam(params, `${name}.weight`) as tf.Tensor2D;
  const [inputs, outputs] = w.shape;
  opts.atLayerInput?.(x, `${name}.weight`);
  const flat = tf.reshape(x, [-1, inputs]);
  const y = tf.reshape(tf.add(tf.matMul(flat, w), getParam(params, `${name}.bias`)), [
    ...x.shape.slice(0, -1),
    outputs,
  ]);
  return opts.atLayerOutput ? opts.atLayerOutput(y, `${name}.weight`) : y;
}

function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
}

function attention(
  x: tf.Tensor3D,
  params: ParamTensors,
  l: number,
  heads: number,
  headDim: number,
  opts: ForwardOptions,
): tf.Tensor {
  const [batch, tokens] = x.shape;
  const width = heads * headDim;
  // [batch·tokens, 3, width] → [3, batch·tokens, width]: q, k and v become contiguous slices. (The
  // same split as one 5-D transpose and unstack costs ~50x more on tfjs's WASM backend, forward
  // and backward; docs/performance.md.)
  const qkv = tf.transpose(
    tf.reshape(linear(x, params, `b${l}.qkv`, opts), [batch * tokens, 3, width]),
    [1, 0, 2],
  );
  const part = (i: number) =>
    tf.transpose(
      tf.reshape(tf.slice(qkv, [i, 0, 0], [1, -1, -1]), [batch, tokens, heads, headDim]),
      [0, 2, 1, 3],
    ) as tf.Tensor4D;
  const [q, k, v] = [part(0), part(1), part(2)];
  const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(headDim));
  const mixed = tf.matMul(tf.softmax(scores), v); // [batch, heads, tokens, headDim]
  const merged = tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [batch, tokens, width]);
  return linear(merged, params, `b${l}.proj`, opts);
}

export function vitForward(
  x: tf.Tensor4D,
  arch: VitArch,
  params: ParamTensors,
  opts: ForwardOptions,
  vit: VitOptions = {},
): tf.Tensor2D {
  const { patch, headDim } = VIT_SPACES[arch.space];
  const batch = x.shape[0];
  let patches: tf.Tensor;
  if (vit.patchEmbedding) {
    patches = vit.patchEmbedding(x, patch);
  } else if (vit.patchFeatures) {
    // The learned embedding as the linear map it is, on each patch's features.
    const features = vit.patchFeatures.map(x, patch);
    opts.atLayerInput?.(features, 'patch.conv');
    const w = getParam(params, 'patch.conv') as tf.Tensor2D;
    const flat = tf.reshape(features, [-1, w.shape[0]]);
    patches = tf.reshape(tf.add(tf.matMul(flat, w), getParam(params, 'patch.bias')), [
      ...features.shape.slice(0, -1),
      arch.embed,
    ]);
    if (opts.atLayerOutput) patches = opts.atLayerOutput(patches, 'patch.conv');
  } else {
    // A patch-sized kernel at a patch-sized stride: each patch is one position of a linear map.
    opts.atLayerInput?.(x, 'patch.conv', { stride: patch, pad: 0 });
    patches = tf.add(
      tf.conv2d(x, getParam(params, 'patch.conv') as tf.Tensor4D, patch, 'valid'),
      getParam(params, 'patch.bias'),
    );
    if (opts.atLayerOutput) patches = opts.atLayerOutput(patches, 'patch.conv');
  }
  const embedded = tf.reshape(patches, [batch, -1, arch.embed]);
  const cls = tf.tile(getParam(params, 'cls'), [batch, 1, 1]);
  let h = tf.add(tf.concat([cls, embedded], 1), getParam(params, 'pos')) as tf.Tensor3D;
  const blockOutput = (t: tf.Tensor3D, id: string) =>
    opts.atBlockOutput ? (opts.atBlockOutput(t, id) as tf.Tensor3D) : t;
  arch.mlpRatio.forEach((_, l) => {
    h = tf.add(
      h,
      attention(layerNorm(h, params, `b${l}.ln1`) as tf.Tensor3D, params, l, arch.heads[l]!, headDim, opts),
    );
    h = blockOutput(h, `b${l}.attn`);
    const pre = linear(layerNorm(h, params, `b${l}.ln2`), params, `b${l}.fc1`, opts);
    opts.onActivation?.(pre, `b${l}.gelu`, 'gelu');
    h = blockOutput(tf.add(h, linear(gelu(pre), params, `b${l}.fc2`, opts)) as tf.Tensor3D, `b${l}.mlp`);
  });
  const clsOut = tf.squeeze(
    tf.slice(layerNorm(h, params, 'head.ln'), [0, 0, 0], [batch, 1, arch.embed]),
    [1],
  );
  return linear(clsOut, params, 'head.fc', opts) as tf.Tensor2D;
}

export function vitNetwork(arch: VitArch, fid: VitFidelity, vit: VitOptions = {}): Network {
  if (fid.resolution % VIT_SPACES[arch.space].patch !== 0 || vitTokens(arch, fid) < 1) {
    throw new RangeError(`resolution ${fid.resolution} is not a multiple of the patch size`);
  }
  if (vit.patchEmbedding && vit.patchFeatures) {
    throw new RangeError('a fixed patch embedding leaves no learned one for patch features to feed');
  }
  const specs = vitParamSpecs(arch, fid, { patchFeatures: vit.patchFeatures?.count });
  return {
    arch: vitToString(arch),
    specs: vit.patchEmbedding ? specs.filter((s) => !VIT_PATCH_PARAMS.includes(s.name)) : specs,
    inputShape: [fid.resolution, fid.resolution, 3],
    classes: fid.classes,
    forward: (x, params, opts) => vitForward(x as tf.Tensor4D, arch, params, opts, vit),
    reachesOutput: () => true,
    // Every weight is applied once per pass and reported; LayerNorm is per sample, and its γ also
    // takes one copy per sample ([batch, 1, embed] broadcasts over tokens): the NTK's batched method.
    perSampleLayers: true,
  };
}
