/** An NB201 cell drawn as its 4-node DAG, operations as coloured, labelled edges. */
import { NB201_EDGES, NB201_OPS, type Nb201Cell } from '../../core/spaces/nb201/nb201';

export const OP_STYLE: Record<(typeof NB201_OPS)[number], { color: string; short: string }> = {
  none: { color: '#c5c9d3', short: '∅' },
  skip_connect: { color: '#3b82f6', short: 'id' },
  nor_conv_1x1: { color: '#f59e0b', short: '1×1' },
  nor_conv_3x3: { color: '#dc2626', short: '3×3' },
  avg_pool_3x3: { color: '#16a34a', short: 'avg' },
};

interface Props {
  cell: Nb201Cell;
  width?: number;
  labels?: boolean;
  /** Makes the edges clickable (edge index 0..5 in NB201 order). */
  onEdgeClick?: (edge: number) => void;
}

export function CellGraph({ cell, width = 132, labels = false, onEdgeClick }: Props) {
  const height = width * 0.5;
  const x = (node: number) => 10 + (node * (width - 20)) / 3;
  const mid = height / 2;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={cell.map((op) => NB201_OPS[op]).join(', ')}
      className="cell-graph"
    >
      {NB201_EDGES.map(([from, to], e) => {
        const op = NB201_OPS[cell[e]!]!;
        const span = to - from;
        // Adjacent nodes: straight line; longer edges arc above (0→2, 0→3) or below (1→3).
        const bend = span === 1 ? 0 : (from === 1 ? 1 : -1) * span * (height / 7);
        const x1 = x(from);
        const x2 = x(to);
        const path = `M ${x1} ${mid} Q ${(x1 + x2) / 2} ${mid + bend * 2} ${x2} ${mid}`;
        return (
          <g key={`${from}-${to}`}>
            <path
              d={path}
              fill="none"
              stroke={OP_STYLE[op].color}
              strokeWidth={op === 'none' ? 1 : 2.2}
              strokeDasharray={op === 'none' ? '3 3' : undefined}
            >
              <title>{`${from}→${to}: ${op}`}</title>
            </path>
            {onEdgeClick && (
              // A wide transparent twin of the edge, and a handle at its middle, are easier to hit
              // than the thin visible line (a straight path alone has no height to click).
              // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; the group takes the role, focus and keys
              <g
                role="button"
                tabIndex={0}
                aria-label={`edge ${from} to ${to}: ${op}; change the operation`}
                style={{ cursor: 'pointer' }}
                onClick={() => onEdgeClick(e)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    onEdgeClick(e);
                  }
                }}
                data-testid={`edge-${e}`}
              >
                <path d={path} fill="none" stroke="transparent" strokeWidth={12} />
                <rect
                  x={(x1 + x2) / 2 - 12}
                  y={mid + bend - 9}
                  width={24}
                  height={14}
                  rx={4}
                  fill="rgba(255, 255, 255, 0.01)"
                  stroke={OP_STYLE[op].color}
                  strokeOpacity={0.35}
                />
                <title>{`${from}→${to}: ${op} (click to change)`}</title>
              </g>
            )}
            {labels && op !== 'none' && (
              <text
                x={(x1 + x2) / 2}
                y={mid + bend - 2}
                fontSize={9}
                textAnchor="middle"
                fill={OP_STYLE[op].color}
                pointerEvents="none"
              >
                {OP_STYLE[op].short}
              </text>
            )}
          </g>
        );
      })}
      {[0, 1, 2, 3].map((node) => (
        <g key={node}>
          <circle cx={x(node)} cy={mid} r={6} fill="#fff" stroke="#1d2b53" strokeWidth={1.5} />
          <text x={x(node)} y={mid + 3} fontSize={8} textAnchor="middle" fill="#1d2b53">
            {node}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function OpLegend() {
  return (
    <ul className="op-legend" aria-label="operation colours">
      {NB201_OPS.map((op) => (
        <li key={op}>
          <span className="swatch" style={{ background: OP_STYLE[op].color }} />
          {op}
        </li>
      ))}
    </ul>
  );
}
