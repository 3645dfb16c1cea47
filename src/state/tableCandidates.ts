/**
 * A ground-truth table's own architectures as the view's candidates: with published ViT tables a
 * seeded sample almost never hits a trained architecture (AutoFormer-Ti has ~10^9), so the view
 * scores the table's rows instead. Rows past the view's limit are left out and counted.
 *
 * A table spanning several spaces (OoD-ViT-NAS: AutoFormer-Ti, -S and -B) gives the rows of one
 * space: the view's own when the table has it, else the table's first; the other rows are counted.
 */
import type { GroundTruthSpace, GroundTruthTable } from '../core/groundtruth';
import type { SpaceId } from '../core/spaces/architecture';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { spaceOfTable } from '../core/spaces/registry';
import { switchSpace, VIEW_STATE_LIMITS, type ViewState } from './viewState';

/** The view's space for a table's space (tables name the browser ViT space "browser"). */
export function viewSpaceOf(space: GroundTruthSpace): SpaceId {
  return spaceOfTable(space);
}

/** Every view space a table's rows are in (one, unless the table spans several). */
export function viewSpacesOf(table: GroundTruthTable): SpaceId[] {
  return (table.spaces ?? [table.space]).map(viewSpaceOf);
}

export interface TableCandidates {
  view: ViewState;
  /** Rows not added because the view holds at most VIEW_STATE_LIMITS.added.max candidates. */
  leftOut: number;
  /** Rows of the table's other spaces, not added (0 for a table of one space). */
  otherSpaces: number;
}

/** The view showing (up to the limit) the table's architectures, in table order, and nothing sampled. */
export function viewOfTable(view: ViewState, table: GroundTruthTable): TableCandidates {
  const spaces = viewSpacesOf(table);
  const space = spaces.includes(view.space) ? view.space : viewSpaceOf(table.space);
  const codec = candidateCodec(space);
  const indices: number[] = [];
  const seen = new Set<number>();
  let otherSpaces = 0;
  for (const arch of table.rows.keys()) {
    const index = codec.indexOf(arch);
    if (!index.ok) otherSpaces++;
    else if (!seen.has(index.value)) {
      seen.add(index.value);
      indices.push(index.value);
    }
  }
  const max = VIEW_STATE_LIMITS.added.max;
  return {
    view: { ...switchSpace(view, space), sampleSize: 0, added: indices.slice(0, max) },
    leftOut: Math.max(0, indices.length - max),
    otherSpaces: spaces.length > 1 ? otherSpaces : 0,
  };
}
