/** Cells of the Explorer's results table (ResultsTable.tsx): a candidate's facts, its row label and text, the combo's cell. */
import type { SpaceId } from '../../core/spaces/architecture';
import { candidateCodec } from '../../core/spaces/candidateIndex';
import { SPACES } from '../../core/spaces/registry';
import { candidateFacts, candidateFactsTitle } from './cellFacts';

/** Canonical class, parameters and FLOPs of the candidate's network. */
export function FactsLines({ space, index }: { space: SpaceId; index: number }) {
  let lines: string[];
  try {
    lines = candidateFacts(space, index).lines;
  } catch (error) {
    return <div className="meta error-text">{error instanceof Error ? error.message : String(error)}</div>;
  }
  return (
    <div className="meta cell-facts" title={candidateFactsTitle(space)}>
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

/** Arch text of a row, or '' for an index outside the space (the drawing says why). */

export function archText(space: SpaceId, index: number): string {
  try {
    return candidateCodec(space).archOf(index);
  } catch {
    return '';
  }
}

export function rowLabel(space: SpaceId, index: number, arch: string): string {
  return SPACES[space].rowLabel(index, arch);
}

/**
 * A candidate's combo; "–" where one of its components has no score (it is not ranked). Its own data
 * attributes (not data-proxy/data-state, which mark the proxies' scores that tests count).
 */
export function ComboCell({ value }: { value: number }) {
  return Number.isNaN(value) ? (
    <td data-testid="combo-cell" data-ranked="false" title="Not ranked: a component has no score for it">
      <span className="pending">–</span>
    </td>
  ) : (
    <td data-testid="combo-cell" data-ranked="true" data-combo={String(value)}>
      <span className="value">{value.toFixed(3)}</span>
    </td>
  );
}
