/** ViT candidates as indices (candidateCodec.ts): mixed-radix codes of each layer's choices, block by depth. */
import type { ParseResult } from '../../util/parseResult';
import { type CandidateCodec, checkIndex } from '../candidateCodec';
import { VIT_SPACES, type VitArch, type VitSpaceId, vitFromString, vitSample, vitToString } from './vit';

/**
 * ViT: depths in the space's order, each a block of |embed| · P^depth codes (P = |mlp| · |heads|
 * per layer); within a block the embedding choice is the leading digit, then one base-P digit per
 * layer, first layer first.
 */
export function vitCodec<S extends string>(space: S, vitSpace: VitSpaceId): CandidateCodec<S> {
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
