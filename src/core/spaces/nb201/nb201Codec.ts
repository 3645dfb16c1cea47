/** NB201 candidates as indices (candidateCodec.ts): a cell is its base-5 index. */
import { type CandidateCodec, checkIndex } from '../candidateCodec';
import {
  NB201_CELL_COUNT,
  nb201FromIndex,
  nb201FromString,
  nb201Sample,
  nb201ToIndex,
  nb201ToString,
} from './nb201';

/** NB201: the cell's base-5 index (nb201.ts). */
export const nb201Codec: CandidateCodec<'nb201'> = {
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
