/**
 * What the table says about each candidate besides its scores: its canonical class, and the
 * parameters and FLOPs (multiply-adds of one sample) of its network.
 * - NB201: the isomorphism class (the class's smallest cell index) and the NB201 network at paper
 *   fidelity by NB201's counting rules, so these match the benchmark's own table (nb201.csv).
 * - ViT: every architecture is its own class; the network at its space's published resolution and
 *   class count (vitParamSpecs.ts, vitFlops.ts).
 * - MLP: every architecture is its own class; FLOPs are Σ in·out over the linear layers plus the
 *   input mapping's projection Bv (rows of B · input dimension); biases and sin/cos not counted.
 */

import { linearSpecs, paramSize } from '../../core/nn/paramSpec';
import type { SpaceId } from '../../core/spaces/architecture';
import { candidateCodec } from '../../core/spaces/candidateIndex';
import { FIDELITY_PRESETS } from '../../core/spaces/fidelity';
import { type MlpArch, type MlpMapping, mlpFromString } from '../../core/spaces/mlp/mlp';
import { mlpLayerSizes } from '../../core/spaces/mlp/mlpParamSpecs';
import { type Nb201Cell, nb201FromIndex, nb201ToIndex } from '../../core/spaces/nb201/nb201';
import { nb201CanonicalCell } from '../../core/spaces/nb201/nb201Canonical';
import { nb201Flops } from '../../core/spaces/nb201/nb201Flops';
import { nb201ParamSpecs } from '../../core/spaces/nb201/nb201ParamSpecs';
import { SPACES } from '../../core/spaces/registry';
import type { SpaceFamily } from '../../core/spaces/spaceIds';
import { VIT_SPACES, type VitArch, vitFromString } from '../../core/spaces/vit/vit';
import { vitFlops } from '../../core/spaces/vit/vitFlops';
import { vitParamSpecs } from '../../core/spaces/vit/vitParamSpecs';
import type { ParseResult } from '../../core/util/parseResult';

export interface CellFacts {
  canonical: number;
  params: number;
  flops: number;
}

export interface CandidateFacts {
  /** What the table prints, one line each. */
  lines: string[];
  params: number;
  /** Multiply-adds of one sample. */
  flops: number;
  /** NB201's isomorphism class; absent where an architecture is its own class (ViT, MLP). */
  canonical?: number;
}

const knownCells = new Map<number, CellFacts>();

export function cellFacts(cell: Nb201Cell): CellFacts {
  const index = nb201ToIndex(cell);
  const cached = knownCells.get(index);
  if (cached) return cached;
  const paper = FIDELITY_PRESETS.paper;
  const specs = nb201ParamSpecs(cell, paper);
  const facts = {
    canonical: nb201ToIndex(nb201CanonicalCell(cell)),
    params: specs.reduce((sum, s) => sum + paramSize(s), 0),
    flops: nb201Flops(specs, paper.resolution)?.total ?? Number.NaN,
  };
  knownCells.set(index, facts);
  return facts;
}

/** A count with an SI prefix: "38", "4.16 k", "5.72 M", "1.25 G" (number and prefix apart). */
function si(n: number): { value: string; prefix: string } {
  if (!Number.isFinite(n)) return { value: '?', prefix: '' };
  for (const [scale, prefix] of [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (Math.abs(n) >= scale) return { value: (n / scale).toFixed(2), prefix };
  }
  return { value: String(n), prefix: '' };
}

/** "5.72 M params, 1.25 GFLOPs". */
export function formatParamsFlops(params: number, flops: number): string {
  const p = si(params);
  const f = si(flops);
  return `${p.value}${p.prefix ? ` ${p.prefix}` : ''} params, ${f.value} ${f.prefix}FLOPs`;
}

function nb201Facts(cell: Nb201Cell): CandidateFacts {
  const f = cellFacts(cell);
  return {
    lines: [
      `class ${f.canonical} · NB201 network: ${(f.params / 1e6).toFixed(3)} M params, ${(f.flops / 1e6).toFixed(1)} MFLOPs`,
    ],
    params: f.params,
    flops: f.flops,
    canonical: f.canonical,
  };
}

/** ViT at its space's published resolution and class count. */
export function vitFacts(arch: VitArch): CandidateFacts {
  const space = VIT_SPACES[arch.space];
  const fid = { resolution: space.resolution, classes: space.classes };
  const params = vitParamSpecs(arch, fid).reduce((sum, s) => sum + paramSize(s), 0);
  const flops = vitFlops(arch, fid).total;
  return {
    lines: [`own class · ViT network at ${space.resolution} px:`, formatParamsFlops(params, flops)],
    params,
    flops,
  };
}

function mappingText(m: MlpMapping): string {
  switch (m.kind) {
    case 'none':
      return 'no mapping';
    case 'basic':
      return 'basic Fourier';
    case 'positional':
      return `positional L=${m.levels}`;
    case 'gaussian':
      return `Gaussian σ=${m.sigma}, m=${m.features}`;
  }
}

export function mlpFacts(arch: MlpArch): CandidateFacts {
  const sizes = mlpLayerSizes(arch);
  const params = sizes
    .slice(1)
    .flatMap((outputs, l) => linearSpecs(`fc${l}`, sizes[l]!, outputs))
    .reduce((sum, s) => sum + paramSize(s), 0);
  // γ(v) = [sin 2πBv, cos 2πBv]: Bv costs (rows of B) · inputDim, and B has mappedDim / 2 rows.
  const mapping = arch.mapping.kind === 'none' ? 0 : (sizes[0]! / 2) * arch.inputDim;
  const flops = sizes.slice(1).reduce((sum, outputs, l) => sum + sizes[l]! * outputs, mapping);
  return {
    lines: [`own class · MLP with ${mappingText(arch.mapping)}:`, formatParamsFlops(params, flops)],
    params,
    flops,
  };
}

const OWN_CLASS =
  'canonical class: the architecture itself (each {kind} architecture is its own class); parameters and multiply-adds of ';

function parsedOrThrow<T>(parsed: ParseResult<T>, text: string): T {
  if (!parsed.ok) throw new Error(`${text} does not parse: ${parsed.error}`);
  return parsed.value;
}

/** Each family's facts: the hover text that says what they count, and the facts of one candidate. */
const FACTS: Readonly<
  Record<SpaceFamily, { title: string; of(text: string, index: number): CandidateFacts }>
> = {
  nb201: {
    title:
      'isomorphism class (smallest equivalent cell index); parameters and multiply-adds of the NB201 network',
    of: (_text, index) => nb201Facts(nb201FromIndex(index)),
  },
  vit: {
    title: `${OWN_CLASS.replace('{kind}', 'ViT')}the ViT at its published resolution (weights and attention products; biases, LayerNorm and softmax not counted)`,
    of: (text) => vitFacts(parsedOrThrow(vitFromString(text), text)),
  },
  mlp: {
    title: `${OWN_CLASS.replace('{kind}', 'MLP')}the MLP (linear layers and the input mapping’s projection; biases, sin/cos and activations not counted)`,
    of: (text) => mlpFacts(parsedOrThrow(mlpFromString(text), text)),
  },
};

/** The title (hover text) of a space's facts lines. */
export function candidateFactsTitle(space: SpaceId): string {
  return FACTS[SPACES[space].family].title;
}

const MEMO_LIMIT = 50_000;
const known = new Map<string, CandidateFacts>();

/**
 * Facts of candidate `index` of `space`, memoised. Throws a RangeError for an index outside the
 * space (candidateCodec's message).
 */
export function candidateFacts(space: SpaceId, index: number): CandidateFacts {
  const key = `${space}:${index}`;
  const cached = known.get(key);
  if (cached) return cached;
  // archOf checks the index, with the codec's message.
  const facts = FACTS[SPACES[space].family].of(candidateCodec(space).archOf(index), index);
  if (known.size >= MEMO_LIMIT) known.clear();
  known.set(key, facts);
  return facts;
}
