/**
 * Every architecture of a search space as one integer, so the Explorer, its share links and its
 * plots treat all spaces alike: a candidate is (space, index). Each space declares its codec in its
 * folder (nb201/nb201Codec.ts, vit/vitCodec.ts, mlp/mlpCodec.ts); the seeded samples are the
 * spaces' own samplers, so a view draws exactly what `npm run score` and the validation scripts draw.
 */
import type { ParseResult } from '../util/parseResult';

export interface CandidateCodec<S extends string = string> {
  space: S;
  /** Number of architectures; indices run from 0 to size − 1 (below 2^53 for every space). */
  size: number;
  /** Canonical architecture text of an index (throws on an index outside the space). */
  archOf(index: number): string;
  /** The index of architecture text in this space, or why it is not one of its architectures. */
  indexOf(text: string): ParseResult<number>;
  /** `count` indices drawn reproducibly from `seed` by the space's own sampler. */
  sample(count: number, seed: number): number[];
}

export function checkIndex(index: number, size: number, space: string): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`${space} has no architecture ${index} (indices 0 to ${size - 1})`);
  }
}
