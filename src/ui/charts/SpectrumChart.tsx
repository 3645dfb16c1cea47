/**
 * Overlaid eigenspectra: λᵢ/λ₁ on a log y axis against the index i, one line per series, with a legend.
 * Used for the NTK eigenspectra of the selected cells.
 */
import { Group } from '@visx/group';
import { LinePath } from '@visx/shape';
import { useMemo } from 'react';
import { createAxisScale } from './axisScale';
import { tickCountFor, tickLabelsFor, tickValuesFor } from './axisTicks';
import { ChartAxes } from './ChartAxes';
import { SERIES_COLOURS, seriesColour } from './colourMaps';
import { SCATTER_STYLE as S } from './scatterStyle';
import { normaliseSpectrum, type SpectrumSeries, seriesDash, spectrumDomains } from './spectrumSeries';

export type { SpectrumSeries } from './spectrumSeries';

export interface SpectrumChartProps {
  series: readonly SpectrumSeries[];
  width: number;
  height: number;
  /** Scale of the index axis (default 'linear'); 'log' shows power-law decay as a straight line. */
  indexScale?: 'linear' | 'log';
  xLabel?: string;
  yLabel?: string;
  testId?: string;
}

/** Markers only where a line alone would be hard to read. */
const MARKER_LIMIT = 40;

export function SpectrumChart({
  series,
  width,
  height,
  indexScale = 'linear',
  xLabel = 'index i',
  yLabel = 'λᵢ / λ₁',
  testId = 'spectrum-chart',
}: SpectrumChartProps) {
  const spectra = useMemo(() => series.map((s) => normaliseSpectrum(s.eigenvalues)), [series]);
  const { margin } = S;
  const innerWidth = Math.max(1, width - margin.left - margin.right);
  const innerHeight = Math.max(1, height - margin.top - margin.bottom);
  const domains = spectrumDomains(spectra);
  const xScale = createAxisScale(indexScale, domains.index, [0, innerWidth]);
  const yScale = createAxisScale('log', domains.ratio, [innerHeight, 0]);
  const xTicks = tickValuesFor(indexScale, domains.index, tickCountFor(innerWidth)).filter(Number.isInteger);
  const yTicks = tickValuesFor('log', domains.ratio, tickCountFor(innerHeight * 1.4));
  const xTickLabels = tickLabelsFor(indexScale, xTicks);
  const yTickLabels = tickLabelsFor('log', yTicks);
  const dropped = spectra.reduce((sum, s) => sum + s.dropped, 0);
  const note =
    dropped > 0
      ? `${dropped} eigenvalue${dropped === 1 ? '' : 's'} ≤ 0 or non-finite not shown on the log axis`
      : null;
  const ariaLabel =
    series.length === 0
      ? 'Eigenspectrum chart with no series'
      : `Eigenspectra λᵢ/λ₁ on a log axis for ${series.length} series: ${series.map((s) => s.label).join(', ')}` +
        (note ? `; ${note}` : '');

  return (
    <div
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      data-series-count={series.length}
      data-dropped-count={dropped}
      style={{ display: 'inline-block', width }}
    >
      <svg width={width} height={height} aria-hidden="true">
        <Group left={margin.left} top={margin.top}>
          <ChartAxes
            xScale={xScale}
            yScale={yScale}
            xTicks={xTicks}
            yTicks={yTicks}
            xTickLabels={xTickLabels}
            yTickLabels={yTickLabels}
            xLabel={xLabel}
            yLabel={yLabel}
            innerHeight={innerHeight}
          />
          {spectra.map((spectrum, s) => {
            const colour = seriesColour(s);
            const points = spectrum.ratios.map((r, i) => [xScale(i + 1) ?? 0, yScale(r) ?? 0] as const);
            return (
              <g key={series[s]!.id} data-series-id={series[s]!.id} data-point-count={points.length}>
                <LinePath
                  data={points}
                  x={(p) => p[0]}
                  y={(p) => p[1]}
                  stroke={colour}
                  strokeWidth={1.8}
                  strokeDasharray={seriesDash(s, SERIES_COLOURS.length)}
                  fill="none"
                />
                {points.length <= MARKER_LIMIT &&
                  points.map(([x, y], i) => <circle key={i} cx={x} cy={y} r={2.2} fill={colour} />)}
              </g>
            );
          })}
          {series.length === 0 && (
            <text x={innerWidth / 2} y={innerHeight / 2} textAnchor="middle" fill="#5b6478" fontSize={13}>
              Select cells to compare their eigenspectra
            </text>
          )}
        </Group>
      </svg>
      {series.length > 0 && (
        <ul
          data-testid={`${testId}-legend`}
          style={{
            listStyle: 'none',
            margin: '2px 0 0',
            padding: 0,
            display: 'flex',
            flexWrap: 'wrap',
            gap: '4px 14px',
            fontSize: 12,
          }}
        >
          {series.map((s, i) => (
            <li key={s.id} style={{ display: 'flex', alignItems: 'center', gap: 5 }}>
              <svg width={22} height={8} aria-hidden="true">
                <line
                  x1={0}
                  y1={4}
                  x2={22}
                  y2={4}
                  stroke={seriesColour(i)}
                  strokeWidth={2}
                  strokeDasharray={seriesDash(i, SERIES_COLOURS.length)}
                />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
      {note && (
        <p data-testid={`${testId}-note`} style={{ margin: '2px 0 0', fontSize: 12, color: '#5b6478' }}>
          {note}
        </p>
      )}
    </div>
  );
}
