/**
 * A general line chart in SVG: several series of (x, y) points, each a line and/or markers, on
 * linear, log or symlog axes (visx, through ChartAxes), with optional reference lines and a legend.
 * Points an axis cannot show (NaN, infinite, ≤ 0 on a log axis) break the line and are counted in a
 * visible note. Used by the Spectral Lab's panels.
 */
import { Group } from '@visx/group';
import { LinePath } from '@visx/shape';
import { useId, useMemo } from 'react';
import { createAxisScale, isPlottableOn } from './axisScale';
import { ChartAxes } from './ChartAxes';
import { seriesColour } from './colourMaps';
import { axisDomain, lineChartTicks, plottableRuns, type XY } from './lineChartData';
import type { LineChartProps, LineSeries } from './lineChartProps';
import { SCATTER_STYLE as S } from './scatterStyle';

export type { XY } from './lineChartData';
export type { LineChartProps, LineSeries, ReferenceLine } from './lineChartProps';

const DEFAULT_MARKER_RADIUS = 2.6;
const LEGEND_STYLE = {
  listStyle: 'none',
  margin: '2px 0 0',
  padding: 0,
  display: 'flex',
  flexWrap: 'wrap',
  gap: '4px 14px',
  fontSize: 12,
} as const;

export function LineChart({
  series,
  width,
  height,
  xLabel = '',
  yLabel = '',
  xScale = 'linear',
  yScale = 'linear',
  xDomain,
  yDomain,
  references = [],
  legend,
  margin: marginOverride,
  title,
  emptyText = 'Nothing to draw yet',
  ariaLabel,
  testId = 'line-chart',
}: LineChartProps) {
  const clipId = `line-chart-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const margin = { ...S.margin, ...marginOverride };
  const innerWidth = Math.max(1, width - margin.left - margin.right);
  const innerHeight = Math.max(1, height - margin.top - margin.bottom);

  const prepared = useMemo(
    () => series.map((s) => ({ series: s, ...plottableRuns(s.points, xScale, yScale) })),
    [series, xScale, yScale],
  );
  const skipped = prepared.reduce((sum, p) => sum + p.skipped - (p.series.gaps ? p.missing : 0), 0);
  const drawnCount = prepared.reduce((sum, p) => sum + p.runs.reduce((n, run) => n + run.length, 0), 0);

  const xValues = prepared.flatMap((p) => p.runs.flatMap((run) => run.map((q) => q[0])));
  const yValues = prepared.flatMap((p) => p.runs.flatMap((run) => run.map((q) => q[1])));
  for (const r of references) (r.axis === 'x' ? xValues : yValues).push(r.value);
  const xDom = axisDomain(xScale, xValues, xDomain);
  const yDom = axisDomain(yScale, yValues, yDomain);
  const x = createAxisScale(xScale, xDom, [0, innerWidth]);
  const y = createAxisScale(yScale, yDom, [innerHeight, 0]);
  const xTicks = lineChartTicks(xScale, xDom, innerWidth);
  const yTicks = lineChartTicks(yScale, yDom, innerHeight * 1.4);
  const px = (v: number) => x(v) ?? 0;
  const py = (v: number) => y(v) ?? 0;
  const inX = (v: number) => v >= xDom[0] && v <= xDom[1] && isPlottableOn(xScale, v);
  const inY = (v: number) => v >= yDom[0] && v <= yDom[1] && isPlottableOn(yScale, v);

  const listed = series.map((s, i) => ({ s, i })).filter(({ s }) => s.inLegend !== false);
  const showLegend = legend ?? listed.length > 1;
  const colourOf = (s: LineSeries, i: number) => s.colour ?? seriesColour(i);
  const note =
    skipped > 0
      ? `${skipped} point${skipped === 1 ? '' : 's'} not shown (missing, infinite, or ≤ 0 on a log axis)`
      : null;
  const described =
    ariaLabel ??
    `${title ? `${title}: ` : ''}line chart of ${yLabel || 'y'} (${yScale} axis) against ${xLabel || 'x'} (${xScale} axis)` +
      (series.length > 0 ? `; series ${series.map((s) => s.label).join(', ')}` : '; no data') +
      (note ? `; ${note}` : '');

  return (
    <figure
      className="line-chart"
      role="img"
      aria-label={described}
      data-testid={testId}
      data-series-count={series.length}
      data-point-count={drawnCount}
      data-skipped-count={skipped}
      data-x-scale={xScale}
      data-y-scale={yScale}
      data-x-domain={`${xDom[0]} ${xDom[1]}`}
      data-y-domain={`${yDom[0]} ${yDom[1]}`}
      style={{ width, margin: 0, display: 'inline-block', verticalAlign: 'top' }}
    >
      {title && (
        <figcaption style={{ fontSize: 13, fontWeight: 600, margin: '0 0 2px', color: S.axisColour }}>
          {title}
        </figcaption>
      )}
      <svg width={width} height={height} aria-hidden="true">
        <Group left={margin.left} top={margin.top}>
          <ChartAxes
            xScale={x}
            yScale={y}
            xTicks={xTicks.values}
            yTicks={yTicks.values}
            xTickLabels={xTicks.labels}
            yTickLabels={yTicks.labels}
            xLabel={xLabel}
            yLabel={yLabel}
            innerHeight={innerHeight}
          />
          {references.map((r, i) => {
            const inside = r.axis === 'x' ? inX(r.value) : inY(r.value);
            if (!inside) return null;
            const colour = r.colour ?? S.axisColour;
            const vertical = r.axis === 'x';
            const at = vertical ? px(r.value) : py(r.value);
            return (
              <g key={`ref-${i}`} data-reference={r.axis} data-value={r.value}>
                <line
                  x1={vertical ? at : 0}
                  x2={vertical ? at : innerWidth}
                  y1={vertical ? 0 : at}
                  y2={vertical ? innerHeight : at}
                  stroke={colour}
                  strokeDasharray={r.dash ?? '4 3'}
                  strokeWidth={1}
                  opacity={0.7}
                />
                {r.label && (
                  <text
                    x={vertical ? at + 3 : innerWidth - 2}
                    y={vertical ? 10 : at - 3}
                    textAnchor={vertical ? 'start' : 'end'}
                    fontSize={S.fontSize}
                    fontFamily={S.fontFamily}
                    fill={colour}
                  >
                    {r.label}
                  </text>
                )}
              </g>
            );
          })}
          <defs>
            <clipPath id={clipId}>
              {/* A little room around the plot so markers on its edge stay whole. */}
              <rect x={-4} y={-4} width={innerWidth + 8} height={innerHeight + 8} />
            </clipPath>
          </defs>
          <g clipPath={`url(#${clipId})`}>
            {prepared.map(({ series: s, runs }, i) => {
              const colour = colourOf(s, i);
              const drawLine = s.line !== false;
              const markers = s.markers ?? (drawLine ? 'none' : 'filled');
              const radius = s.markerRadius ?? DEFAULT_MARKER_RADIUS;
              return (
                <g key={s.id} data-series-id={s.id} opacity={s.opacity ?? 1}>
                  {drawLine &&
                    runs.map((run, r) => (
                      <LinePath
                        key={r}
                        data={run as XY[]}
                        x={(p) => px(p[0])}
                        y={(p) => py(p[1])}
                        stroke={colour}
                        strokeWidth={s.strokeWidth ?? 1.8}
                        strokeDasharray={s.dash}
                        fill="none"
                      />
                    ))}
                  {markers !== 'none' &&
                    s.points.map((p, j) =>
                      isPlottableOn(xScale, p[0]) && isPlottableOn(yScale, p[1]) ? (
                        <circle
                          key={j}
                          cx={px(p[0])}
                          cy={py(p[1])}
                          r={radius}
                          fill={markers === 'filled' ? colour : '#fff'}
                          stroke={colour}
                          strokeWidth={markers === 'open' ? 1.5 : 0}
                        >
                          {s.pointTitles?.[j] && <title>{s.pointTitles[j]}</title>}
                        </circle>
                      ) : null,
                    )}
                </g>
              );
            })}
          </g>
          {drawnCount === 0 && (
            <text
              x={innerWidth / 2}
              y={innerHeight / 2}
              textAnchor="middle"
              fill="#5b6478"
              fontSize={13}
              fontFamily={S.fontFamily}
            >
              {emptyText}
            </text>
          )}
        </Group>
      </svg>
      {showLegend && listed.length > 0 && (
        <ul data-testid={`${testId}-legend`} style={LEGEND_STYLE}>
          {listed.map(({ s, i }) => {
            const colour = colourOf(s, i);
            const drawLine = s.line !== false;
            const markers = s.markers ?? (drawLine ? 'none' : 'filled');
            return (
              <li key={s.id} style={{ display: 'flex', alignItems: 'center', gap: 5 }}>
                <svg width={24} height={10} aria-hidden="true">
                  {drawLine && (
                    <line
                      x1={0}
                      y1={5}
                      x2={24}
                      y2={5}
                      stroke={colour}
                      strokeWidth={2}
                      strokeDasharray={s.dash}
                    />
                  )}
                  {markers !== 'none' && (
                    <circle
                      cx={12}
                      cy={5}
                      r={3}
                      fill={markers === 'filled' ? colour : '#fff'}
                      stroke={colour}
                      strokeWidth={markers === 'open' ? 1.5 : 0}
                    />
                  )}
                </svg>
                {s.label}
              </li>
            );
          })}
        </ul>
      )}
      {note && (
        <p data-testid={`${testId}-note`} style={{ margin: '2px 0 0', fontSize: 12, color: '#5b6478' }}>
          {note}
        </p>
      )}
    </figure>
  );
}
