/** Any candidate (space, index) drawn the way its space is drawn: NB201 cell, ViT stack or MLP. */
import type { SpaceId } from '../../core/spaces/architecture';
import { candidateCodec } from '../../core/spaces/candidateIndex';
import { mlpFromString } from '../../core/spaces/mlp';
import { nb201FromIndex } from '../../core/spaces/nb201';
import { vitFromString } from '../../core/spaces/vit';
import { CellGraph } from './CellGraph';
import { MlpLayers } from './MlpLayers';
import { VitBlocks } from './VitBlocks';

interface Props {
  space: SpaceId;
  index: number;
  labels?: boolean;
  width?: number;
}

export function CandidateDrawing({ space, index, labels, width }: Props) {
  let text: string;
  try {
    text = candidateCodec(space).archOf(index);
  } catch (error) {
    return <span className="error-text">{error instanceof Error ? error.message : String(error)}</span>;
  }
  if (space === 'nb201') return <CellGraph cell={nb201FromIndex(index)} labels={labels} width={width} />;
  if (space === 'mlp') {
    const parsed = mlpFromString(text);
    return parsed.ok ? (
      <MlpLayers arch={parsed.value} labels={labels} width={width} />
    ) : (
      <span className="error-text">
        cannot draw {text}: {parsed.error}
      </span>
    );
  }
  const parsed = vitFromString(text);
  return parsed.ok ? (
    <VitBlocks arch={parsed.value} labels={labels} width={width} />
  ) : (
    <span className="error-text">
      cannot draw {text}: {parsed.error}
    </span>
  );
}
