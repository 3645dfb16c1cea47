/**
 * A heat map on a canvas: x = iteration (0 to `total`, so it fills in as a run goes), one row per
 * series (row 0 at the bottom), colour = a value in [0, 1] (heatMapGeometry.ts), with a colour legend.
 * Labels are HTML/SVG around the canvas so they stay sharp; the canvas keeps one backing pixel per
 * device pixel.
 */
import { useEffect, useRef } from 'react';
import { columnEdges, heatColour, heatGradientCss, rowEdges } from './heatMapGeometry';
import { formatTick } from './numberFormat';
import { useDevicePixelRatio } from './useDevicePixelRatio';

export interface HeatColumn {
  /** Updates done when the values were read. */
  iteration: number;
  /** One value per row, in row order (NaN = missing). */
  values: ArrayLike<number>;
}

export interface HeatMapProps {
  /** Row labels, row 0 at the bottom. */
  rows: readonly string[];
  columns: readonly HeatColumn[];
  /** Iterations the x axis spans. */
  total: number;
  width: number;
  height: number;
  xLabel?: string;
  yLabel?: string;
  /** Legend caption, e.g. "normalised magnitude". */
  legend?: string;
  title?: string;
  testId?: string;
}

const MARGIN = { left: 56, right: 20, top: 6, bottom: 34 };

export function HeatMap({
  rows,
  columns,
  total,
  width,
  height,
  xLabel = 'iteration',
  yLabel = '',
  legend = 'value',
  title,
  testId = 'heat-map',
}: HeatMapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const ratio = useDevicePixelRatio();
  const innerWidth = Math.max(1, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(1, height - MARGIN.top - MARGIN.bottom);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const w = Math.round(innerWidth * ratio);
    const h = Math.round(innerHeight * ratio);
    canvas.width = w;
    canvas.height = h;
    ctx.fillStyle = '#f4f5f8';
    ctx.fillRect(0, 0, w, h);
    const xs = columnEdges(
      columns.map((c) => c.iteration),
      total,
      w,
    );
    const ys = rowEdges(rows.length, h);
    columns.forEach((column, i) => {
      const [x0, x1] = xs[i]!;
      if (x1 <= x0) return;
      ys.forEach(([y0, y1], j) => {
        const [r, g, b] = heatColour(column.values[j] ?? Number.NaN);
        ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
      });
    });
  }, [columns, rows.length, total, innerWidth, innerHeight, ratio]);

  const rowCentres = rowEdges(rows.length, innerHeight).map(([a, b]) => (a + b) / 2);
  // At most ~every 14 px a row label, so many rows do not overprint.
  const labelEvery = Math.max(1, Math.ceil((14 * rows.length) / innerHeight));
  const xTicks = total > 0 ? [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * total)) : [];
  const last = columns.at(-1)?.iteration ?? 0;

  return (
    <figure
      className="heat-map"
      data-testid={testId}
      data-columns={columns.length}
      data-rows={rows.length}
      data-last-iteration={last}
      aria-label={`${title ? `${title}: ` : ''}heat map of ${legend} by ${yLabel || 'row'} (${rows.join(', ')}) and ${xLabel}, ${columns.length} columns up to ${xLabel} ${last} of ${total}`}
      role="img"
      style={{ width, margin: 0, display: 'inline-block', verticalAlign: 'top' }}
    >
      {title && <figcaption className="heat-map-title">{title}</figcaption>}
      <div style={{ position: 'relative', width, height }}>
        <canvas
          ref={canvasRef}
          style={{
            position: 'absolute',
            left: MARGIN.left,
            top: MARGIN.top,
            width: innerWidth,
            height: innerHeight,
          }}
        />
        <svg
          width={width}
          height={height}
          aria-hidden="true"
          style={{ position: 'absolute', left: 0, top: 0 }}
        >
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`} fontSize={11} fill="#3b4357">
            <rect width={innerWidth} height={innerHeight} fill="none" stroke="#9aa1b2" />
            {rows.map((label, j) =>
              j % labelEvery === 0 ? (
                <text key={label} x={-5} y={rowCentres[j]} dy="0.35em" textAnchor="end">
                  {label}
                </text>
              ) : null,
            )}
            {xTicks.map((t) => (
              <g key={t} transform={`translate(${(t / total) * innerWidth},${innerHeight})`}>
                <line y2={4} stroke="#9aa1b2" />
                <text y={15} textAnchor="middle">
                  {formatTick(t)}
                </text>
              </g>
            ))}
            <text x={innerWidth / 2} y={innerHeight + 30} textAnchor="middle">
              {xLabel}
            </text>
            {yLabel && (
              <text transform={`translate(${-44},${innerHeight / 2}) rotate(-90)`} textAnchor="middle">
                {yLabel}
              </text>
            )}
          </g>
        </svg>
      </div>
      <div className="heat-map-legend" style={{ marginLeft: MARGIN.left, width: Math.min(220, innerWidth) }}>
        <div style={{ height: 10, background: heatGradientCss(), border: '1px solid #9aa1b2' }} />
        <div className="heat-map-legend-labels">
          <span>0</span>
          <span>{legend}</span>
          <span>1</span>
        </div>
      </div>
    </figure>
  );
}
