/** A space's candidate codec (candidateCodec.ts) from the app's registry. */
import type { CandidateCodec } from './candidateCodec';
import { SPACES } from './registry';
import type { SpaceId } from './spaceIds';

export type { CandidateCodec } from './candidateCodec';

export function candidateCodec(space: SpaceId): CandidateCodec<SpaceId> {
  return SPACES[space].candidates;
}
