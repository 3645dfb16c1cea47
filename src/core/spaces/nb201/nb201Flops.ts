/**
 * FLOPs of the NAS-Bench-201 network by NB201's counting rules (D-X-Y/AutoDL-Projects
 * xautodl/utils/flop_benchmark.py, get_model_infos): per sample, every Conv2d counts
 * k_h·k_w·C_in·C_out multiply-adds per output position (plus C_out per position for a bias), every
 * Linear in·out (plus out for its bias); BatchNorm, ReLU, pooling and additions count nothing.
 * Every conv as built is counted, also those on edges whose output never reaches the cell output.
 *
 * Pure functions of the parameter specs (nb201ParamSpecs.ts) and the input resolution, so the
 * flops proxy needs no tfjs. Spatial sizes follow the network (nb201Network.ts): the stem and
 * stage-0 cells run at the input resolution; each reduction block's first conv (3x3, stride 2,
 * padding 1) sets the next stage's size, which its other convs and that stage's cells keep.
 */
import type { ParamSpec } from '../../nn/paramSpec';

/** Output side of a k×k conv with stride s and padding p (PyTorch's floor rule). */
export function convOutputSide(side: number, k: number, stride: number, padding: number): number {
  return Math.floor((side + 2 * padding - k) / stride) + 1;
}

/** Feature-map side of each stage: [stage 0, stage 1, stage 2]. */
export function nb201StageSides(resolution: number): number[] {
  const sides = [resolution];
  for (let s = 1; s < 3; s++) sides.push(convOutputSide(sides[s - 1]!, 3, 2, 1));
  return sides;
}

/** The stage a parameter belongs to, from its name; undefined for the classifier and unknown names. */
function stageOf(name: string): number | undefined {
  if (name.startsWith('stem.')) return 0;
  const match = /^s(\d)\./.exec(name);
  return match ? Number(match[1]) : undefined;
}

export interface Nb201FlopCount {
  /** Multiply-adds of one sample. */
  total: number;
  conv: number;
  linear: number;
}

/**
 * FLOPs of one sample through the NB201 network with these specs at this input resolution;
 * undefined when a conv's name does not place it in the NB201 skeleton.
 */
export function nb201Flops(specs: readonly ParamSpec[], resolution: number): Nb201FlopCount | undefined {
  const sides = nb201StageSides(resolution);
  let conv = 0;
  let linear = 0;
  for (const spec of specs) {
    if (spec.role === 'conv' || spec.role === 'conv_bias') {
      const stage = stageOf(spec.name);
      if (stage === undefined) return undefined;
      const positions = sides[stage]! ** 2;
      const perPosition =
        spec.role === 'conv' ? spec.shape.reduce((a, b) => a * b, 1) : spec.shape[spec.shape.length - 1]!;
      conv += perPosition * positions;
    } else if (spec.role === 'linear_weight') {
      linear += spec.shape[0]! * spec.shape[1]!;
    } else if (spec.role === 'linear_bias') {
      linear += spec.shape[0]!;
    }
  }
  return { total: conv + linear, conv, linear };
}
