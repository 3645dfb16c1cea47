/** A parameter tensor of a network as built: name, shape (tfjs layout) and what kind of weight it is. */
export type ParamRole =
  | 'conv'
  | 'conv_bias'
  | 'bn_gamma'
  | 'bn_beta'
  | 'ln_gamma'
  | 'ln_beta'
  | 'linear_weight'
  | 'linear_bias'
  /** Learned token and position embeddings of a transformer. */
  | 'embedding';

export interface ParamSpec {
  name: string;
  /** conv: [kh, kw, cin, cout]; linear: [in, out]; BatchNorm and bias: [channels]. */
  shape: number[];
  role: ParamRole;
  /** Inputs feeding one output unit, for fan-in based initialisation. */
  fanIn: number;
  /** Outputs one input unit feeds, for fan-out based initialisation. */
  fanOut: number;
  /** For NB201 cell ops: the index of the cell edge this tensor belongs to. */
  edge?: number;
}

export function paramSize(spec: ParamSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1);
}

/** "Weights" in the proxy papers' sense: conv and linear weight tensors (not biases, not BatchNorm). */
export function isWeight(spec: ParamSpec): boolean {
  return spec.role === 'conv' || spec.role === 'linear_weight';
}

export function convSpec(name: string, k: number, cin: number, cout: number): ParamSpec {
  return { name, shape: [k, k, cin, cout], role: 'conv', fanIn: cin * k * k, fanOut: cout * k * k };
}

export function batchNormSpecs(name: string, channels: number): ParamSpec[] {
  return [
    { name: `${name}.gamma`, shape: [channels], role: 'bn_gamma', fanIn: 1, fanOut: 1 },
    { name: `${name}.beta`, shape: [channels], role: 'bn_beta', fanIn: 1, fanOut: 1 },
  ];
}

export function layerNormSpecs(name: string, channels: number): ParamSpec[] {
  return [
    { name: `${name}.gamma`, shape: [channels], role: 'ln_gamma', fanIn: 1, fanOut: 1 },
    { name: `${name}.beta`, shape: [channels], role: 'ln_beta', fanIn: 1, fanOut: 1 },
  ];
}

export function linearSpecs(name: string, inputs: number, outputs: number): ParamSpec[] {
  return [
    {
      name: `${name}.weight`,
      shape: [inputs, outputs],
      role: 'linear_weight',
      fanIn: inputs,
      fanOut: outputs,
    },
    { name: `${name}.bias`, shape: [outputs], role: 'linear_bias', fanIn: inputs, fanOut: outputs },
  ];
}
