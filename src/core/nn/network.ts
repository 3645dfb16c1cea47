/**
 * What every proxy sees of a network, whatever the search space: its parameter tensors and a
 * functional forward pass. Spaces build these (nb201Network, later vit and mlp).
 */
import { type InitScheme, initialValues } from './init';
import type { ParamSpec } from './paramSpec';
import { tf } from './tf';

export type ParamTensors = ReadonlyMap<string, tf.Tensor>;

export interface ForwardOptions {
  /**
   * 'train': BatchNorm with batch statistics (couples the samples of a batch);
   * 'eval': BatchNorm with running statistics of a fresh network (mean 0, variance 1), per-sample;
   * 'none': BatchNorm bypassed (identity), as synflow wants.
   */
  batchNorm: 'train' | 'eval' | 'none';
  /**
   * Called on every tensor that all input→output paths pass through; may return a replacement.
   * Synflow rescales there.
   */
  atBottleneck?: (x: tf.Tensor, id: string) => tf.Tensor;
  /**
   * Called, in order, on the feature maps AZ-NAS reads, after atBottleneck where both apply; may
   * return a replacement. NB201: the stem's output and every cell's and reduction block's. ViT: the
   * residual stream after each attention and after each MLP sublayer (AutoFormer's res features).
   */
  atBlockOutput?: (x: tf.Tensor, id: string) => tf.Tensor;
  /** Called with the input of every nonlinearity (pre-activation), for NWOT and SWAP. */
  onActivation?: (preActivation: tf.Tensor, id: string, kind: 'relu' | 'gelu') => void;
  /**
   * Called on the output of every convolution and linear layer (before BatchNorm; a linear layer's
   * includes its bias) with the name of that layer's weight tensor; may return a replacement.
   * fisher differentiates against a zero added here.
   */
  atLayerOutput?: (y: tf.Tensor, weightName: string) => tf.Tensor;
  /**
   * Called with the tensor every convolution and linear layer reads (after any ReLU or pooling in
   * front of it), with the name of that layer's weight tensor and, for a convolution, its stride and
   * zero padding (each side). The NTK's batched method builds per-sample weight gradients from it.
   */
  atLayerInput?: (x: tf.Tensor, weightName: string, conv?: ConvGeometry) => void;
}

export interface ConvGeometry {
  stride: number;
  pad: number;
}

export interface Network {
  /** The architecture's string encoding. */
  arch: string;
  specs: ParamSpec[];
  /** Shape of one input sample, e.g. [32, 32, 3] (NHWC) or [1] for a 1-D MLP. */
  inputShape: readonly number[];
  classes: number;
  /** Logits [batch, classes]. */
  forward(x: tf.Tensor, params: ParamTensors, opts: ForwardOptions): tf.Tensor2D;
  /** False for tensors that cannot affect the output (autodiff sees no path; their gradient is 0). */
  reachesOutput(spec: ParamSpec): boolean;
  /** Set when the output cannot depend on the input at all, e.g. "no path from input to output". */
  deadReason?: string;
  /**
   * Set when forward reports, for every conv and linear weight (each applied once per pass), the
   * layer's input to atLayerInput and its output to atLayerOutput, and its 'eval' BatchNorm also
   * takes a γ of shape [batch, 1, 1, channels] and its LayerNorm (over the last axis of [batch,
   * tokens, channels]) a γ of shape [batch, 1, channels] (one copy per sample). Then, with samples
   * independent, one backward pass gives every per-sample gradient: the NTK's batched method
   * (kernels/ntk.ts).
   */
  perSampleLayers?: boolean;
}

/** Fresh parameter tensors for a network; the caller disposes them. */
export function initParams(net: Network, scheme: InitScheme, seed: number): Map<string, tf.Tensor> {
  return new Map(
    net.specs.map((spec) => [spec.name, tf.tensor(initialValues(spec, scheme, seed), spec.shape)]),
  );
}

export function getParam(params: ParamTensors, name: string): tf.Tensor {
  const t = params.get(name);
  if (!t) throw new Error(`missing parameter ${name}`);
  return t;
}

export function disposeParams(params: ParamTensors): void {
  for (const t of params.values()) t.dispose();
}
