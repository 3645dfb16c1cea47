/**
 * A toy search space, as a new space is written: one definition (spaceRegistry.ts's SearchSpace)
 * with its text, index codec, link code, builder and sizes. Its networks are the lab's coordinate
 * MLPs (1-D input, tanh, one output) of depth 1 to 3 and width 2, 4 or 8: nine in all, written
 * "toy:d<depth>:w<width>". Registered only by src/core/spaces/toySpace.test.ts, never by the app.
 */
import { type CandidateCodec, checkIndex } from '../core/spaces/candidateCodec';
import type { MlpArch } from '../core/spaces/mlp/mlp';
import { mlpParamSpecs } from '../core/spaces/mlp/mlpParamSpecs';
import { base36Link } from '../core/spaces/spaceParts';
import type { SearchSpace } from '../core/spaces/spaceRegistry';
import { paramsThousands } from '../core/spaces/spaceSize';
import type { ParseResult } from '../core/util/parseResult';
import { mulberry32 } from '../core/util/prng';

export const TOY_DEPTHS = [1, 2, 3] as const;
export const TOY_WIDTHS = [2, 4, 8] as const;
const SIZE = TOY_DEPTHS.length * TOY_WIDTHS.length;

function toyArch(depth: number, width: number): MlpArch {
  return { inputDim: 1, depth, width, activation: 'tanh', mapping: { kind: 'none' }, outputs: 1 };
}

/** The index of "toy:d<depth>:w<width>": depth is the leading digit, width the last. */
function toyIndex(text: string): ParseResult<number> {
  const match = /^toy:d(\d+):w(\d+)$/.exec(text.trim());
  const d = (TOY_DEPTHS as readonly number[]).indexOf(Number(match?.[1]));
  const w = (TOY_WIDTHS as readonly number[]).indexOf(Number(match?.[2]));
  if (!match || d < 0 || w < 0) {
    return { ok: false, error: `"${text.slice(0, 40)}" is not toy:d<1|2|3>:w<2|4|8>` };
  }
  return { ok: true, value: d * TOY_WIDTHS.length + w };
}

const toyCodec: CandidateCodec<'toy'> = {
  space: 'toy',
  size: SIZE,
  archOf(index) {
    checkIndex(index, SIZE, 'toy');
    const depth = TOY_DEPTHS[Math.floor(index / TOY_WIDTHS.length)];
    return `toy:d${depth}:w${TOY_WIDTHS[index % TOY_WIDTHS.length]}`;
  },
  indexOf: toyIndex,
  sample(count, seed) {
    const rng = mulberry32(seed);
    return Array.from({ length: count }, () => Math.floor(rng() * SIZE));
  },
};

function toyMlp(index: number): MlpArch {
  return toyArch(TOY_DEPTHS[Math.floor(index / TOY_WIDTHS.length)]!, TOY_WIDTHS[index % TOY_WIDTHS.length]!);
}

export const toySpace: SearchSpace<'toy'> = {
  id: 'toy',
  // Dense networks on coordinates: the proxies that take the MLP family take it.
  family: 'mlp',
  label: 'Toy',
  fullLabel: 'Toy (a test of the space registry)',
  ours: true,
  unit: { one: 'toy', many: 'toys', One: 'Toy', Many: 'Toys' },
  vit: null,
  tableSpace: null,
  input: 'grid',
  trainable: false,
  rowLabel: (index, arch) => `#${index} · ${arch}`,
  describeFidelity: (name) => `${name} (as written)`,
  readCandidate: toyIndex,
  wholeSpaceColumns: false,
  canonical(text) {
    const index = toyIndex(text);
    return index.ok ? { ok: true, value: toyCodec.archOf(index.value) } : index;
  },
  link: base36Link('toy', SIZE),
  candidates: toyCodec,
  async loadBuilder() {
    const { mlpNetwork } = await import('../core/spaces/mlp/mlpNetwork');
    return (text) => {
      const index = toyIndex(text);
      if (!index.ok) return index;
      return {
        ok: true,
        value: {
          arch: toyCodec.archOf(index.value),
          network: mlpNetwork(toyMlp(index.value)),
          fidelityNote: 'toy',
        },
      };
    };
  },
  paramCounts() {
    const counts = Float64Array.from({ length: SIZE }, (_, i) => paramsThousands(mlpParamSpecs(toyMlp(i))));
    return { ok: true, value: { counts, source: `all ${SIZE} toy networks` } };
  },
};
