/** Parts of the proxy-versus-accuracy scatter (ProxyVsAccuracy.tsx): the axis-scale choice and the card shown on hover. */
import type { SpaceId } from '../../core/spaces/architecture';
import { SPACES } from '../../core/spaces/registry';
import type { ScaleKind } from '../charts';
import { fmt } from '../correlationText';
import { CandidateDrawing } from './CandidateDrawing';

import type { ScoredPoint } from './scoredPoint';

const SCALES: readonly ScaleKind[] = ['linear', 'log', 'symlog'];

export function ScaleSelect({
  value,
  onChange,
  testId,
}: {
  value: ScaleKind;
  onChange(kind: ScaleKind): void;
  testId: string;
}) {
  return (
    <label>
      axis{' '}
      <select
        value={value}
        onChange={(e) => onChange(e.currentTarget.value as ScaleKind)}
        data-testid={testId}
      >
        {SCALES.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The hovered cell: its drawing and every score the view has for it. */

export function HoverCard({
  space,
  id,
  x,
  y,
  points,
  truth,
}: {
  space: SpaceId;
  id: number;
  x: number;
  y: number;
  points: ScoredPoint[];
  truth: number | undefined;
}) {
  const scores = points.find((p) => p.id === id)?.scores ?? {};
  return (
    <div className="hover-card" data-testid="pva-hover" data-cell={id} style={{ left: x + 14, top: y + 14 }}>
      <strong>
        {SPACES[space].unit.one} {id}
      </strong>
      <CandidateDrawing space={space} index={id} width={160} labels />
      <ul>
        {Object.entries(scores).map(([p, v]) => (
          <li key={p}>
            {p}: {fmt(v ?? Number.NaN)}
          </li>
        ))}
        {truth !== undefined && <li>ground truth: {fmt(truth)}</li>}
      </ul>
    </div>
  );
}
