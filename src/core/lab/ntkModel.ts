/**
 * The networks of the lab's NTK panels and their NTK, biases included.
 *
 * The MLP is built in the NTK parameterisation of neural-tangents (spaces/mlp/mlpNetwork.ts):
 * h = (σ_w/√fan_in)·a·W + σ_b·b with W, b ~ N(0, 1). That is the setting in which the empirical NTK
 * tends to the closed form of kernels/reluNtk.ts (same σ_w, σ_b, hidden layers; the input mapping γ
 * applied to the inputs first), and whose scale does not grow with the width, so one learning rate
 * fits every width. Defaults: σ_w = √2 (He), as kernels/ntk.test.ts and reluNtk.test.ts compare them;
 * σ_b = 1, because without biases a ReLU net on 1-D inputs is positively homogeneous and its NTK on
 * [0, 1) has rank one (reluNtk.test.ts), and a 2-layer one on the circle cannot fit cos(k t) for odd
 * k ≥ 3 (Bietti & Mairal 2019).
 *
 * The panels train every parameter, so their NTK must count the biases too, which the proxies' NTK
 * leaves out (docs/science.md §1). A bias is the weight of one more input held at σ_b: per sample,
 * ∂s/∂[W; b] = [a_eff, σ_b]ᵀ·∂s/∂h. So feeding kernels/ntk.ts's batched method the effective input
 * [a_eff, σ_b] (the DenseTap contract) gives Θ = Σ_l (A_l A_lᵀ + σ_b²) ⊙ (D_l D_lᵀ), the NTK of all
 * parameters, with no code of its own; reluNtk's σ_b² terms are exactly these bias gradients.
 */
import { empiricalNtk } from '../kernels/ntk';
import { reluNtk } from '../kernels/reluNtk';
import { initParams, type ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';
import {
  type MlpActivation,
  type MlpArch,
  type MlpMapping,
  mapInputs,
  mappedDim,
  mlpProblem,
} from '../spaces/mlp/mlp';
import { type DenseLayerNetwork, mlpNetwork } from '../spaces/mlp/mlpNetwork';
import { deriveSeed, mulberry32, normal } from '../util/prng';
import type { LabInputs } from './ntkPoints';

/** The lab's MLP without its width, input size and outputs (those come from the panel). */
export interface LabMlpArch {
  /** Hidden layers (depth 1 is the 2-layer net of the NTK theory). */
  depth: number;
  activation: MlpActivation;
  mapping: MlpMapping;
}

export interface LabScales {
  /** σ_w; default √2. */
  weightStd?: number;
  /** σ_b; default 1 (0: the biases do nothing and have no gradient). */
  biasStd?: number;
}

export const LAB_WEIGHT_STD = Math.SQRT2;
export const LAB_BIAS_STD = 1;

/** A network of dense layers with the factor its biases enter by: every parameter is trained. */
export interface NtkLabModel {
  net: DenseLayerNetwork;
  /** s in h = a_eff·W + s·b, the same for every layer; 0 when the biases do nothing. */
  biasScale: number;
}

/** The lab's MLP: a model plus what its closed-form kernel needs. */
export interface LabMlp extends NtkLabModel {
  arch: MlpArch;
  weightStd: number;
  biasStd: number;
}

/** Every problem with an architecture, width and scales, in plain words. */
export function labMlpProblems(
  arch: LabMlpArch,
  width: number,
  inputDim: 1 | 2,
  scales: LabScales = {},
): string[] {
  const problems: string[] = [];
  const problem = mlpProblem({ ...arch, width, inputDim, outputs: 1 });
  if (problem) problems.push(problem);
  const { weightStd, biasStd } = scales;
  if (weightStd !== undefined && !(Number.isFinite(weightStd) && weightStd > 0 && weightStd <= 10)) {
    problems.push(`σ_w must be in (0, 10], got ${weightStd}`);
  }
  if (biasStd !== undefined && !(Number.isFinite(biasStd) && biasStd >= 0 && biasStd <= 10)) {
    problems.push(`σ_b must be in [0, 10], got ${biasStd}`);
  }
  return problems;
}

export function labMlp(arch: LabMlpArch, width: number, inputDim: 1 | 2, scales: LabScales = {}): LabMlp {
  const problems = labMlpProblems(arch, width, inputDim, scales);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const weightStd = scales.weightStd ?? LAB_WEIGHT_STD;
  const biasStd = scales.biasStd ?? LAB_BIAS_STD;
  const full: MlpArch = { ...arch, width, inputDim, outputs: 1 };
  return {
    net: mlpNetwork(full, { parameterization: 'ntk', weightStd, biasStd }),
    biasScale: biasStd,
    arch: full,
    weightStd,
    biasStd,
  };
}

/**
 * W ~ N(0, 1) (init scheme 'normal', the same draws as nn/init.ts for a seed) and, when σ_b > 0,
 * b ~ N(0, 1) from their own stream (the 'normal' scheme leaves biases at 0, and a zero bias would
 * drop σ_b² from the network's NNGP, so it would not tend to the closed form). The caller disposes.
 */
export function labInitParams(model: LabMlp, seed: number): Map<string, tf.Tensor> {
  const params = initParams(model.net, 'normal', seed);
  if (model.biasStd === 0) return params;
  for (const spec of model.net.specs) {
    if (spec.role !== 'linear_bias') continue;
    const rng = mulberry32(deriveSeed(seed, `lab-bias:${spec.name}`));
    const values = Float32Array.from({ length: spec.shape[0]! }, () => normal(rng));
    params.get(spec.name)?.dispose();
    params.set(spec.name, tf.tensor(values, spec.shape));
  }
  return params;
}

/** The same network whose dense taps see [a_eff, s]: the batched NTK then counts the biases. */
function withBiasInput(model: NtkLabModel): DenseLayerNetwork {
  const { net, biasScale } = model;
  if (biasScale === 0) return net;
  return {
    ...net,
    forwardDense: (x, params, opts, tap) =>
      net.forwardDense(x, params, opts, (l, input, h) =>
        tap(l, tf.concat([input, tf.fill([input.shape[0], 1], biasScale)], 1) as tf.Tensor2D, h),
      ),
  };
}

/**
 * Θ = J Jᵀ over every parameter (weights and, when s ≠ 0, biases) on inputs x [n, dim]: the kernel
 * of the model's gradient-descent dynamics. Row-major float64 [n, n], computed in float32.
 */
export function labNtk(model: NtkLabModel, params: ParamTensors, x: tf.Tensor2D): Promise<Float64Array> {
  return empiricalNtk(withBiasInput(model), params, x, { mode: 'batched', batchNorm: 'none' });
}

/** Why a model has no closed-form kernel here, or null when it has one. */
export function closedFormUnavailable(model: LabMlp): string | null {
  return model.arch.activation === 'relu'
    ? null
    : `the infinite-width kernel is computed for ReLU only (this network uses ${model.arch.activation})`;
}

/**
 * The infinite-width NTK of the same MLP on the same inputs (kernels/reluNtk.ts on γ(x), with the
 * model's σ_w, σ_b and hidden layers), or null for activations other than ReLU.
 */
export function closedFormNtk(model: LabMlp, points: LabInputs): Float64Array | null {
  if (closedFormUnavailable(model) !== null) return null;
  const { mapping, inputDim, depth } = model.arch;
  const mapped = mapInputs(mapping, inputDim, points.inputs, points.n);
  return reluNtk(mapped, null, mappedDim(mapping, inputDim), {
    hiddenLayers: depth,
    weightStd: model.weightStd,
    biasStd: model.biasStd,
  }).ntk;
}

/** The inputs as a float32 tensor [n, dim] (the caller disposes). */
export function inputTensor(points: LabInputs): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(points.inputs), [points.n, points.dim]);
}

/** A seed's problem in plain words, or none. */
export function seedProblems(seed: number, what = 'the seed'): string[] {
  return Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff
    ? []
    : [`${what} must be an integer in [0, 2^32), got ${seed}`];
}
