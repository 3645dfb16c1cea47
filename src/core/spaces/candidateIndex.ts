/**
 * Every architecture of a search space as one integer, so the Explorer, its share links and its
 * plots treat all spaces alike: a candidate is (space, index). NB201's index is its base-5 cell
 * index; a ViT's and an MLP's are mixed-radix codes of their choices (below 2^53 for every space).
 * The seeded samples are the spaces' own samplers (vitSample, mlpSample, nb201Sample), so a view
 * draws exactly what `npm run score` and the validation scripts draw.
 */

import {
  MLP_ACTIVATIONS,
  MLP_SPACE,
  type MlpArch,
  type MlpMapping,
  mlpFromString,
  mlpSample,
  mlpToString,
} from './mlp';
import {
  NB201_CELL_COUNT,
  nb201FromIndex,
  nb201FromString,
  nb201Sample,
  nb201ToIndex,
  nb201ToString,
  type ParseResult,
} from './nb201';
import type { SpaceId } from './spaceIds';
import { VIT_SPACES, type VitArch, type VitSpaceId, vitFromString, vitSample, vitToString } from './vit';

export interface CandidateCodec {
  space: SpaceId;
  /** Number of architectures; indices run from 0 to size − 1. */
  size: number;
  /** Canonical architecture text of an index (throws on an index outside the space). */
  archOf(index: number): string;
  /** The index of architecture text in this space, or why it is not one of its architectures. */
  indexOf(text: string): ParseResult<number>;
  /** `count` indices drawn reproducibly from `seed` by the space's own sampler. */
  sample(count: number, seed: number): number[];
}

function checkIndex(index: number, size: number, space: string): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`${space} has no architecture ${index} (indices 0 to ${size - 1})`);
  }
}

const nb201Codec: CandidateCodec = {
  space: 'nb201',
  size: NB201_CELL_COUNT,
  archOf(index) {
    checkIndex(index, NB201_CELL_COUNT, 'nb201');
    return nb201ToString(nb201FromIndex(index));
  },
  indexOf(text) {
    const parsed = nb201FromString(text);
    return parsed.ok ? { ok: true, value: nb201ToIndex(parsed.value) } : parsed;
  },
  sample: (count, seed) => nb201Sample(count, seed).map(nb201ToIndex),
};

/**
 * ViT: depths in the space's order, each a block of |embed| · P^depth codes (P = |mlp| · |heads|
 * per layer); within a block the embedding choice is the leading digit, then one base-P digit per
 * layer, first layer first.
 */
function vitCodec(space: SpaceId, vitSpace: VitSpaceId): CandidateCodec {
  const s = VIT_SPACES[vitSpace];
  const perLayer = s.mlpRatio.length * s.heads.length;
  const blockSizes = s.depth.map((d) => s.embed.length * perLayer ** d);
  const size = blockSizes.reduce((a, b) => a + b, 0);
  const archOf = (index: number): string => {
    checkIndex(index, size, space);
    let rest = index;
    let block = 0;
    while (rest >= (blockSizes[block] ?? 0)) rest -= blockSizes[block++] ?? 0;
    const depth = s.depth[block] ?? 0;
    const digits: number[] = [];
    for (let l = 0; l < depth; l++) {
      digits.unshift(rest % perLayer);
      rest = Math.floor(rest / perLayer);
    }
    const arch: VitArch = {
      space: vitSpace,
      embed: s.embed[rest] ?? Number.NaN,
      mlpRatio: digits.map((d) => s.mlpRatio[Math.floor(d / s.heads.length)] ?? Number.NaN),
      heads: digits.map((d) => s.heads[d % s.heads.length] ?? Number.NaN),
    };
    return vitToString(arch);
  };
  const indexOfArch = (arch: VitArch): ParseResult<number> => {
    if (arch.space !== vitSpace) {
      return { ok: false, error: `that architecture is from ${arch.space}, not ${vitSpace}` };
    }
    const block = s.depth.indexOf(arch.mlpRatio.length);
    const embed = s.embed.indexOf(arch.embed);
    if (block < 0 || embed < 0) return { ok: false, error: `not an architecture of ${s.label}` };
    let code = embed;
    for (let l = 0; l < arch.mlpRatio.length; l++) {
      const m = s.mlpRatio.indexOf(arch.mlpRatio[l] ?? Number.NaN);
      const h = s.heads.indexOf(arch.heads[l] ?? Number.NaN);
      if (m < 0 || h < 0) return { ok: false, error: `layer ${l + 1} is not a choice of ${s.label}` };
      code = code * perLayer + m * s.heads.length + h;
    }
    const offset = blockSizes.slice(0, block).reduce((a, b) => a + b, 0);
    return { ok: true, value: offset + code };
  };
  return {
    space,
    size,
    archOf,
    indexOf(text) {
      const parsed = vitFromString(text);
      return parsed.ok ? indexOfArch(parsed.value) : parsed;
    },
    sample(count, seed) {
      return vitSample(vitSpace, count, seed).map((arch) => {
        const index = indexOfArch(arch);
        if (!index.ok) throw new Error(`vitSample drew an architecture outside ${vitSpace}: ${index.error}`);
        return index.value;
      });
    },
  };
}

/** Gaussian mappings' seeds as mlpSample draws them: 0 to 999. */
const MLP_GAUSSIAN_SEEDS = 1000;

/** The MLP lab space's mapping choices in code order: none, basic, positional levels, gaussian (σ, m, seed). */
function mlpMappingCount(): number {
  const sp = MLP_SPACE;
  return 2 + sp.levels.length + sp.sigma.length * sp.features.length * MLP_GAUSSIAN_SEEDS;
}

function mlpMappingOf(code: number): MlpMapping {
  const sp = MLP_SPACE;
  if (code === 0) return { kind: 'none' };
  if (code === 1) return { kind: 'basic' };
  if (code < 2 + sp.levels.length) return { kind: 'positional', levels: sp.levels[code - 2] ?? Number.NaN };
  let rest = code - 2 - sp.levels.length;
  const seed = rest % MLP_GAUSSIAN_SEEDS;
  rest = Math.floor(rest / MLP_GAUSSIAN_SEEDS);
  const features = sp.features[rest % sp.features.length] ?? Number.NaN;
  const sigma = sp.sigma[Math.floor(rest / sp.features.length)] ?? Number.NaN;
  return { kind: 'gaussian', sigma, features, seed };
}

function mlpMappingCode(m: MlpMapping): number {
  const sp = MLP_SPACE;
  switch (m.kind) {
    case 'none':
      return 0;
    case 'basic':
      return 1;
    case 'positional': {
      const i = sp.levels.indexOf(m.levels);
      return i < 0 ? -1 : 2 + i;
    }
    case 'gaussian': {
      const si = sp.sigma.indexOf(m.sigma);
      const fi = sp.features.indexOf(m.features);
      if (si < 0 || fi < 0 || !Number.isInteger(m.seed) || m.seed < 0 || m.seed >= MLP_GAUSSIAN_SEEDS)
        return -1;
      return 2 + sp.levels.length + (si * sp.features.length + fi) * MLP_GAUSSIAN_SEEDS + m.seed;
    }
  }
}

/** MLP: digits depth, width, activation, mapping (most significant first). */
function mlpCodec(): CandidateCodec {
  const sp = MLP_SPACE;
  const mappings = mlpMappingCount();
  const size = sp.depth.length * sp.width.length * sp.activation.length * mappings;
  const indexOfArch = (arch: MlpArch): ParseResult<number> => {
    const d = sp.depth.indexOf(arch.depth);
    const w = sp.width.indexOf(arch.width);
    const a = sp.activation.indexOf(arch.activation);
    const m = mlpMappingCode(arch.mapping);
    if (arch.inputDim !== sp.inputDim || arch.outputs !== sp.outputs || d < 0 || w < 0 || a < 0 || m < 0) {
      return {
        ok: false,
        error: `not an architecture of the MLP lab space (depth ${sp.depth.join('/')}, width ${sp.width.join('/')}, ${sp.inputDim}-D input, ${sp.outputs} output)`,
      };
    }
    return { ok: true, value: ((d * sp.width.length + w) * sp.activation.length + a) * mappings + m };
  };
  return {
    space: 'mlp',
    size,
    archOf(index) {
      checkIndex(index, size, 'mlp');
      const m = index % mappings;
      let rest = Math.floor(index / mappings);
      const a = rest % sp.activation.length;
      rest = Math.floor(rest / sp.activation.length);
      const w = rest % sp.width.length;
      const d = Math.floor(rest / sp.width.length);
      return mlpToString({
        inputDim: sp.inputDim,
        depth: sp.depth[d] ?? Number.NaN,
        width: sp.width[w] ?? Number.NaN,
        activation: sp.activation[a] ?? MLP_ACTIVATIONS[0],
        mapping: mlpMappingOf(m),
        outputs: sp.outputs,
      });
    },
    indexOf(text) {
      const parsed = mlpFromString(text);
      return parsed.ok ? indexOfArch(parsed.value) : parsed;
    },
    sample(count, seed) {
      return mlpSample(count, seed).map((arch) => {
        const index = indexOfArch(arch);
        if (!index.ok)
          throw new Error(`mlpSample drew an architecture outside the lab space: ${index.error}`);
        return index.value;
      });
    },
  };
}

const CODECS: Record<SpaceId, CandidateCodec> = {
  nb201: nb201Codec,
  'autoformer-tiny': vitCodec('autoformer-tiny', 'autoformer-tiny'),
  'autoformer-small': vitCodec('autoformer-small', 'autoformer-small'),
  'autoformer-base': vitCodec('autoformer-base', 'autoformer-base'),
  'vit-browser': vitCodec('vit-browser', 'browser'),
  mlp: mlpCodec(),
};

export function candidateCodec(space: SpaceId): CandidateCodec {
  return CODECS[space];
}
