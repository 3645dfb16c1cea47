/**
 * Heat map of a symmetric matrix with values in [−1, 1] (rank correlations between proxies): diverging
 * RdBu fill, the value written in each cell, a hatched grey cell with "–" where the value is missing
 * (NaN), a tooltip per cell and an optional click handler that is also reachable by keyboard.
 */
import { type KeyboardEvent, useId } from 'react';
import { DIVERGING_STOPS, divergingColour, MISSING_FILL, textColourOn } from './colourMaps';
import { formatCorrelation } from './numberFormat';

export interface CorrelationMatrixProps {
  labels: readonly string[];
  /** values[i][j] for labels i (row) and j (column); missing entries and NaN read as "not available". */
  values: readonly (readonly number[])[];
  /** Width of the whole chart in pixels, labels included (default 440). */
  size?: number;
  /** What the numbers are, for the accessible name and tooltips (default "correlation"). */
  valueName?: string;
  onCellClick?: (rowLabel: string, colLabel: string) => void;
  /** A cell to outline, e.g. the pair whose scatter is shown. */
  highlighted?: { row: string; col: string } | null;
  testId?: string;
}

const INK = '#1d2b53';
const LABEL_FONT = 11;
const LEGEND_HEIGHT = 40;

/** Room for the longest label at about 6.2 px per character of an 11 px sans-serif font, capped. */
function labelGutter(labels: readonly string[]): number {
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  return Math.min(150, 10 + Math.ceil(longest * 6.2));
}

export function CorrelationMatrix({
  labels,
  values,
  size = 440,
  valueName = 'correlation',
  onCellClick,
  highlighted = null,
  testId = 'correlation-matrix',
}: CorrelationMatrixProps) {
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const gradientId = `${hatchId}-legend`;
  const n = labels.length;
  const gutter = labelGutter(labels);
  const cell = n > 0 ? Math.max(4, (size - gutter - 4) / n) : 0;
  const side = cell * n;
  const height = gutter + side + LEGEND_HEIGHT;
  const fontSize = Math.max(8, Math.min(13, cell * 0.32));
  const valueAt = (i: number, j: number) => values[i]?.[j] ?? Number.NaN;
  const legendWidth = Math.max(60, Math.min(side - 110, 220));
  const onKey = (e: KeyboardEvent, row: string, col: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onCellClick?.(row, col);
    }
  };
  const name = `${valueName} matrix of ${n} × ${n}: ${labels.join(', ')}`;

  return (
    <figure
      aria-label={name}
      data-testid={testId}
      data-size={n}
      style={{ display: 'inline-block', width: size, margin: 0 }}
    >
      <svg width={size} height={height}>
        <title>{name}</title>
        <defs>
          <pattern
            id={hatchId}
            width={6}
            height={6}
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width={6} height={6} fill={MISSING_FILL} />
            <line x1={0} y1={0} x2={0} y2={6} stroke="#9aa0ad" strokeWidth={2} />
          </pattern>
          <linearGradient id={gradientId}>
            {DIVERGING_STOPS.map((colour, k) => (
              <stop key={colour} offset={k / (DIVERGING_STOPS.length - 1)} stopColor={colour} />
            ))}
          </linearGradient>
        </defs>
        {labels.map((label, i) => (
          <g key={label} fill={INK} fontSize={LABEL_FONT}>
            <text x={gutter - 6} y={gutter + (i + 0.5) * cell} dy="0.32em" textAnchor="end">
              {label}
            </text>
            <text
              transform={`translate(${gutter + (i + 0.5) * cell}, ${gutter - 6}) rotate(-90)`}
              dy="0.32em"
              textAnchor="start"
            >
              {label}
            </text>
          </g>
        ))}
        {labels.map((row, i) =>
          labels.map((col, j) => {
            const v = valueAt(i, j);
            const missing = Number.isNaN(v);
            const fill = divergingColour(v);
            const text = formatCorrelation(v);
            const tip = `${row} vs ${col}: ${missing ? 'not available' : `${valueName} ${text}`}`;
            const isHighlighted = highlighted?.row === row && highlighted.col === col;
            const content = (
              <>
                <title>{tip}</title>
                <rect
                  x={gutter + j * cell}
                  y={gutter + i * cell}
                  width={cell}
                  height={cell}
                  fill={missing ? `url(#${hatchId})` : fill}
                  stroke={isHighlighted ? INK : '#ffffff'}
                  strokeWidth={isHighlighted ? 2 : 1}
                />
                {cell >= 16 && (
                  <text
                    x={gutter + (j + 0.5) * cell}
                    y={gutter + (i + 0.5) * cell}
                    dy="0.35em"
                    textAnchor="middle"
                    fontSize={fontSize}
                    fill={missing ? INK : textColourOn(fill)}
                    pointerEvents="none"
                  >
                    {text}
                  </text>
                )}
              </>
            );
            const key = `${row}\u0000${col}`;
            return onCellClick ? (
              // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; a focusable group with role="button" is the SVG idiom
              <g
                key={key}
                data-row={row}
                data-col={col}
                data-value={String(v)}
                role="button"
                tabIndex={0}
                aria-label={tip}
                onClick={() => onCellClick(row, col)}
                onKeyDown={(e) => onKey(e, row, col)}
                style={{ cursor: 'pointer' }}
              >
                {content}
              </g>
            ) : (
              <g key={key} data-row={row} data-col={col} data-value={String(v)}>
                {content}
              </g>
            );
          }),
        )}
        <g transform={`translate(${gutter}, ${gutter + side + 12})`} fill={INK} fontSize={10}>
          <rect width={legendWidth} height={9} fill={`url(#${gradientId})`} />
          {[-1, 0, 1].map((v) => (
            <text key={v} x={((v + 1) / 2) * legendWidth} y={22} textAnchor="middle">
              {formatCorrelation(v)}
            </text>
          ))}
          <rect x={legendWidth + 14} width={12} height={9} fill={`url(#${hatchId})`} />
          <text x={legendWidth + 30} y={8}>
            not available
          </text>
        </g>
      </svg>
    </figure>
  );
}
