/** Any candidate (space, index) drawn the way its space is drawn: NB201 cell, ViT stack or MLP. */
import type { SpaceId } from '../../core/spaces/architecture';
import { candidateCodec } from '../../core/spaces/candidateIndex';
import { spaceView } from './spaceViews';

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
  const { Drawing } = spaceView(space);
  return <Drawing text={text} index={index} labels={labels} width={width} />;
}
