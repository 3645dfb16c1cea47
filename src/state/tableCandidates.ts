/**
 * A ground-truth table's own architectures as the view's candidates: with published ViT tables a
 * seeded sample almost never hits a trained architecture (AutoFormer-Ti has ~10^9), so the view
 * scores the table's rows instead. Rows past the view's limit are left out and counted.
 */
import type { GroundTruthSpace, GroundTruthTable } from '../core/groundtruth';
import type { SpaceId } from '../core/spaces/architecture';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { switchSpace, VIEW_STATE_LIMITS, type ViewState } from './viewState';

/** The view's space for a table's space (tables name the browser ViT space "browser"). */
export function viewSpaceOf(space: GroundTruthSpace): SpaceId {
  return space === 'browser' ? 'vit-browser' : space;
}

export interface TableCandidates {
  view: ViewState;
  /** Rows not added because the view holds at most VIEW_STATE_LIMITS.added.max candidates. */
  leftOut: number;
}

/** The view showing (up to the limit) the table's architectures, in table order, and nothing sampled. */
export function viewOfTable(view: ViewState, table: GroundTruthTable): TableCandidates {
  const space = viewSpaceOf(table.space);
  const codec = candidateCodec(space);
  const indices: number[] = [];
  for (const arch of table.rows.keys()) {
    const index = codec.indexOf(arch);
    if (index.ok && !indices.includes(index.value)) indices.push(index.value);
  }
  const max = VIEW_STATE_LIMITS.added.max;
  return {
    view: { ...switchSpace(view, space), sampleSize: 0, added: indices.slice(0, max) },
    leftOut: Math.max(0, indices.length - max),
  };
}
