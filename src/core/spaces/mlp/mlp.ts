/**
 * The MLP search space for the spectral lab: coordinate networks on 1-D or 2-D inputs, optionally
 * behind a Fourier-feature input mapping (Tancik et al., NeurIPS 2020;
 * tancik/fourier-feature-networks): γ(v) = [sin 2πBv, cos 2πBv].
 * - none: γ(v) = v.
 * - basic: B = I, γ(v) = [sin 2πv, cos 2πv].
 * - positional: rows 2^j e_d for j < levels and each input dimension d (frequencies 1, 2, 4, …).
 * - gaussian: B ~ N(0, σ²), `features` rows, drawn from `seed` (fixed, not trained).
 * `depth` counts hidden layers of `width` units; the network has depth + 1 linear layers.
 */

import type { ParseResult } from '../../util/parseResult';
import { deriveSeed, mulberry32, normal } from '../../util/prng';

export const MLP_ACTIVATIONS = ['relu', 'tanh', 'gelu', 'sin'] as const;
export type MlpActivation = (typeof MLP_ACTIVATIONS)[number];

export type MlpMapping =
  | { kind: 'none' }
  | { kind: 'basic' }
  | { kind: 'positional'; levels: number }
  | { kind: 'gaussian'; sigma: number; features: number; seed: number };

export interface MlpArch {
  inputDim: 1 | 2;
  /** Hidden layers. */
  depth: number;
  width: number;
  activation: MlpActivation;
  mapping: MlpMapping;
  outputs: number;
}

export const MLP_LIMITS = {
  depth: [1, 16],
  width: [1, 4096],
  outputs: [1, 1024],
  levels: [1, 16],
  features: [1, 4096],
  sigma: [1e-3, 1e4],
} as const satisfies Record<string, readonly [number, number]>;

function mappingToString(m: MlpMapping): string {
  switch (m.kind) {
    case 'none':
    case 'basic':
      return m.kind;
    case 'positional':
      return `pos-l${m.levels}`;
    case 'gaussian':
      // σ ≥ 1e-3, so String() never writes an exponent (it would for values below 1e-6).
      return `gauss-s${m.sigma}-m${m.features}-seed${m.seed}`;
  }
}

/** e.g. "mlp:in1:d3:w256:relu:o1:gauss-s10-m256-seed0", "mlp:in2:d4:w128:tanh:o3:pos-l8". */
export function mlpToString(arch: MlpArch): string {
  return `mlp:in${arch.inputDim}:d${arch.depth}:w${arch.width}:${arch.activation}:o${arch.outputs}:${mappingToString(arch.mapping)}`;
}

function inRange(value: number, [lo, hi]: readonly [number, number]): boolean {
  return value >= lo && value <= hi;
}

/** The first problem with an architecture, or null. */
export function mlpProblem(arch: MlpArch): string | null {
  const intIn = (v: number, range: readonly [number, number]) => Number.isInteger(v) && inRange(v, range);
  if (arch.inputDim !== 1 && arch.inputDim !== 2)
    return `input dimension must be 1 or 2, got ${arch.inputDim}`;
  if (!intIn(arch.depth, MLP_LIMITS.depth)) return `depth must be an integer in [1, 16], got ${arch.depth}`;
  if (!intIn(arch.width, MLP_LIMITS.width)) return `width must be an integer in [1, 4096], got ${arch.width}`;
  if (!intIn(arch.outputs, MLP_LIMITS.outputs)) return `outputs must be an integer in [1, 1024]`;
  if (!MLP_ACTIVATIONS.includes(arch.activation)) return `unknown activation "${arch.activation}"`;
  const m = arch.mapping;
  if (m.kind === 'positional' && !intIn(m.levels, MLP_LIMITS.levels)) {
    return `positional levels must be an integer in [1, 16], got ${m.levels}`;
  }
  if (m.kind === 'gaussian') {
    if (!(Number.isFinite(m.sigma) && inRange(m.sigma, MLP_LIMITS.sigma))) {
      return `σ must be in [0.001, 10000], got ${m.sigma}`;
    }
    if (!intIn(m.features, MLP_LIMITS.features)) return `features must be an integer in [1, 4096]`;
    if (!(Number.isInteger(m.seed) && m.seed >= 0 && m.seed <= 0xffffffff)) {
      return 'the mapping seed must be an integer in [0, 2^32)';
    }
  }
  return null;
}

const STRING_SHAPE = /^mlp:in(\d+):d(\d+):w(\d+):([a-z]+):o(\d+):([a-z0-9.-]+)$/;

function mappingFromString(text: string): MlpMapping | null {
  if (text === 'none' || text === 'basic') return { kind: text };
  const pos = /^pos-l(\d+)$/.exec(text);
  if (pos) return { kind: 'positional', levels: Number(pos[1]) };
  const gauss = /^gauss-s(\d+(?:\.\d+)?)-m(\d+)-seed(\d+)$/.exec(text);
  if (gauss) {
    return { kind: 'gaussian', sigma: Number(gauss[1]), features: Number(gauss[2]), seed: Number(gauss[3]) };
  }
  return null;
}

export function mlpFromString(text: string): ParseResult<MlpArch> {
  const match = STRING_SHAPE.exec(text.trim());
  if (!match) {
    return { ok: false, error: 'not an MLP string of the form mlp:in1:d3:w256:relu:o1:none' };
  }
  const activation = match[4]!;
  if (!(MLP_ACTIVATIONS as readonly string[]).includes(activation)) {
    return { ok: false, error: `unknown activation "${activation.slice(0, 10)}" (relu, tanh, gelu, sin)` };
  }
  const mapping = mappingFromString(match[6]!);
  if (!mapping) {
    return {
      ok: false,
      error: `unknown input mapping "${match[6]!.slice(0, 30)}" (none, basic, pos-l8, gauss-s10-m256-seed0)`,
    };
  }
  const arch: MlpArch = {
    inputDim: Number(match[1]) as 1 | 2,
    depth: Number(match[2]),
    width: Number(match[3]),
    activation: activation as MlpActivation,
    outputs: Number(match[5]),
    mapping,
  };
  const problem = mlpProblem(arch);
  return problem ? { ok: false, error: problem } : { ok: true, value: arch };
}

/**
 * The mapping's frequency matrix B (rows = features, columns = input dimensions, row-major), or
 * null for 'none'. γ(v) = [sin 2πBv, cos 2πBv] has 2·rows entries.
 */
export function mappingMatrix(mapping: MlpMapping, inputDim: number): Float64Array | null {
  switch (mapping.kind) {
    case 'none':
      return null;
    case 'basic': {
      const b = new Float64Array(inputDim * inputDim);
      for (let d = 0; d < inputDim; d++) b[d * inputDim + d] = 1;
      return b;
    }
    case 'positional': {
      const b = new Float64Array(mapping.levels * inputDim * inputDim);
      for (let j = 0; j < mapping.levels; j++) {
        for (let d = 0; d < inputDim; d++) b[(j * inputDim + d) * inputDim + d] = 2 ** j;
      }
      return b;
    }
    case 'gaussian': {
      const rng = mulberry32(deriveSeed(mapping.seed, 'fourier-features'));
      const b = new Float64Array(mapping.features * inputDim);
      for (let i = 0; i < b.length; i++) b[i] = normal(rng) * mapping.sigma;
      return b;
    }
  }
}

/** Width of the mapped input that the first linear layer sees. */
export function mappedDim(mapping: MlpMapping, inputDim: number): number {
  switch (mapping.kind) {
    case 'none':
      return inputDim;
    case 'basic':
      return 2 * inputDim;
    case 'positional':
      return 2 * mapping.levels * inputDim;
    case 'gaussian':
      return 2 * mapping.features;
  }
}

/** γ(v) for n points v (row-major [n, inputDim]): row-major [n, mappedDim], sines then cosines. */
export function mapInputs(
  mapping: MlpMapping,
  inputDim: number,
  v: ArrayLike<number>,
  n: number,
): Float64Array {
  const b = mappingMatrix(mapping, inputDim);
  if (!b) return Float64Array.from({ length: n * inputDim }, (_, i) => v[i]!);
  const m = b.length / inputDim;
  const out = new Float64Array(n * 2 * m);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      let proj = 0;
      for (let d = 0; d < inputDim; d++) proj += b[k * inputDim + d]! * v[i * inputDim + d]!;
      out[i * 2 * m + k] = Math.sin(2 * Math.PI * proj);
      out[i * 2 * m + m + k] = Math.cos(2 * Math.PI * proj);
    }
  }
  return out;
}

/** What a seeded sample draws from: each choice uniformly. */
export interface MlpSpace {
  inputDim: 1 | 2;
  depth: readonly number[];
  width: readonly number[];
  activation: readonly MlpActivation[];
  mapping: readonly MlpMapping['kind'][];
  levels: readonly number[];
  sigma: readonly number[];
  features: readonly number[];
  outputs: number;
}

/** Our lab space (not a published benchmark): sizes a browser can train in seconds. */
export const MLP_SPACE: MlpSpace = {
  inputDim: 1,
  depth: [1, 2, 3, 4, 5, 6],
  width: [32, 64, 128, 256],
  activation: MLP_ACTIVATIONS,
  mapping: ['none', 'basic', 'positional', 'gaussian'],
  levels: [4, 6, 8, 10],
  sigma: [1, 4, 10, 32],
  features: [64, 128, 256],
  outputs: 1,
};

/** `count` architectures drawn independently and uniformly per choice, reproducibly from `seed`. */
export function mlpSample(count: number, seed: number, space: MlpSpace = MLP_SPACE): MlpArch[] {
  const rng = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  return Array.from({ length: Math.max(0, Math.floor(count)) }, () => {
    const depth = pick(space.depth);
    const width = pick(space.width);
    const activation = pick(space.activation);
    const kind = pick(space.mapping);
    const mapping: MlpMapping =
      kind === 'positional'
        ? { kind, levels: pick(space.levels) }
        : kind === 'gaussian'
          ? { kind, sigma: pick(space.sigma), features: pick(space.features), seed: Math.floor(rng() * 1000) }
          : { kind };
    return { inputDim: space.inputDim, depth, width, activation, mapping, outputs: space.outputs };
  });
}
