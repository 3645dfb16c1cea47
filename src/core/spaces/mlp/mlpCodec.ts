/** MLP candidates as indices (candidateCodec.ts): mixed-radix codes of depth, width, activation and mapping. */
import type { ParseResult } from '../../util/parseResult';
import { type CandidateCodec, checkIndex } from '../candidateCodec';
import {
  MLP_ACTIVATIONS,
  MLP_SPACE,
  type MlpArch,
  type MlpMapping,
  mlpFromString,
  mlpSample,
  mlpToString,
} from './mlp';

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
export function mlpCodec(): CandidateCodec<'mlp'> {
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
