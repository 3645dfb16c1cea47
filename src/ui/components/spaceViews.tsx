/**
 * How each family of search spaces is shown: the UI's side of src/core/spaces/registry.ts. Views ask
 * here (by the space's family) instead of branching on the space's name.
 */
import type { ReactElement } from 'react';
import type { ProxyId } from '../../core/proxies/ids';
import { mlpFromString } from '../../core/spaces/mlp/mlp';
import { nb201FromIndex } from '../../core/spaces/nb201/nb201';
import { SPACES } from '../../core/spaces/registry';
import type { SpaceFamily, SpaceId } from '../../core/spaces/spaceIds';
import { vitFromString } from '../../core/spaces/vit/vit';
import { CellGraph, OpLegend } from './CellGraph';
import { DrawableCell } from './DrawableCell';
import { MlpLayers } from './MlpLayers';
import { PublishedScores } from './PublishedScores';
import type { ScoredPoint } from './scoredPoint';
import { VitBlocks } from './VitBlocks';

export interface DrawingProps {
  /** The candidate's canonical architecture text and its index in the space. */
  text: string;
  index: number;
  labels?: boolean;
  width?: number;
}

export interface SpaceView {
  Drawing(props: DrawingProps): ReactElement;
  /** The Explorer's selected candidate, where the space lets the user edit it (else Drawing). */
  Editable?(props: { cell: number; onDraw(cell: number): void }): ReactElement;
  /** Shown under the Explorer's plots: what the drawings' colours mean. */
  Legend?(): ReactElement;
  /** Published per-candidate scores beside ours (NB201's shipped tables). */
  Published?(props: { points: ScoredPoint[]; proxies: ProxyId[] }): ReactElement | null;
}

function cannotDraw(text: string, error: string): ReactElement {
  return (
    <span className="error-text">
      cannot draw {text}: {error}
    </span>
  );
}

export const SPACE_VIEWS: Readonly<Record<SpaceFamily, SpaceView>> = {
  nb201: {
    Drawing: ({ index, labels, width }) => (
      <CellGraph cell={nb201FromIndex(index)} labels={labels} width={width} />
    ),
    Editable: DrawableCell,
    Legend: OpLegend,
    Published: PublishedScores,
  },
  vit: {
    Drawing({ text, labels, width }) {
      const parsed = vitFromString(text);
      return parsed.ok ? (
        <VitBlocks arch={parsed.value} labels={labels} width={width} />
      ) : (
        cannotDraw(text, parsed.error)
      );
    },
  },
  mlp: {
    Drawing({ text, labels, width }) {
      const parsed = mlpFromString(text);
      return parsed.ok ? (
        <MlpLayers arch={parsed.value} labels={labels} width={width} />
      ) : (
        cannotDraw(text, parsed.error)
      );
    },
  },
};

export function spaceView(space: SpaceId): SpaceView {
  return SPACE_VIEWS[SPACES[space].family];
}
