/**
 * The parameter counts of a job's space at its fidelity (each space counts its own:
 * SearchSpace.paramCounts): all 15 625 NB201 cells, or a seeded sample of SIZE_SAMPLE networks of a
 * ViT or MLP space at the job's resolution and classes. reg_swap centres its size regulariser on
 * them (proxies/swapRegulariser.ts).
 */
import type { ParseResult } from '../util/parseResult';
import type { Fidelity } from './fidelity';
import { SPACES } from './registry';
import { isSpaceId } from './spaceIds';
import type { SpaceParamCounts } from './spaceSize';

/** The job's space as the regulariser sees it (ProxyInput.space). */
export interface SizeSpace {
  id: string;
  fidelity: Fidelity;
  /** Output classes in place of the space's own (ScoreJob.classes; ViTs only). */
  classes?: number;
  /** The space's own counter (a registry the caller brought); without it, the app's space `id` counts. */
  count?: () => ParseResult<SpaceParamCounts>;
}

export function spaceParamCounts(size: SizeSpace): ParseResult<SpaceParamCounts> {
  if (size.count) return size.count();
  if (!isSpaceId(size.id)) return { ok: false, error: `${size.id} is not one of the app's spaces` };
  return SPACES[size.id].paramCounts(size.fidelity, size.classes);
}
