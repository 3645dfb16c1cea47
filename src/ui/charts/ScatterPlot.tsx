/**
 * Scatter plot: visx axes in SVG over a canvas point layer, so 15 625 points stay smooth. Hover finds
 * the nearest point through a bucket grid; a rectangle drag brushes points, a click clears the brush.
 * The ref exposes SVG and PNG export of the same drawing.
 */
import { Group } from '@visx/group';
import { type Ref, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import type { ScaleKind } from './axisScale';
import { rectAttribute } from './brushGeometry';
import { ChartAxes } from './ChartAxes';
import { logSkipNote, nonFiniteNote, type PlotPoint } from './plottablePoints';
import { paintScatterPoints, scatterToPng } from './scatterCanvas';
import { brushDomainAttribute, computeScatterLayout, type PointId, selectedPositions } from './scatterLayout';
import { SCATTER_STYLE as S } from './scatterStyle';
import { scatterToSvg } from './scatterSvg';
import { useDevicePixelRatio } from './useDevicePixelRatio';
import { useScatterPointer } from './useScatterPointer';

export type { PlotPoint } from './plottablePoints';
export type { PointId } from './scatterLayout';

export interface ScatterPlotHandle {
  /** The chart as a standalone SVG document (points as circles). */
  exportSvg(): string;
  /** The chart as a PNG, at `pixelRatio` device pixels per CSS pixel (default 2). */
  exportPng(pixelRatio?: number): Promise<Blob>;
}

export interface ScatterPlotProps {
  points: readonly PlotPoint[];
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  xScale?: ScaleKind;
  yScale?: ScaleKind;
  /** Width c of the linear region of symlog axes, in data units (default 1). */
  symlogConstant?: number;
  selectedIds?: readonly PointId[] | ReadonlySet<PointId>;
  /** Called on pointer moves with the nearest point within hoverRadius, and once with null on leaving it. */
  onHover?: (id: PointId | null, clientX: number, clientY: number) => void;
  /** Called when a drag ends with the ids inside the rectangle (input order), or [] on a plain click. */
  onBrush?: (ids: PointId[]) => void;
  /** Hover picks points within this many pixels of the pointer (default 12). */
  hoverRadius?: number;
  testId?: string;
  ref?: Ref<ScatterPlotHandle>;
}

/** The previous array while the contents are unchanged, so effects keyed on it do not rerun. */
function useSameContents(next: number[]): number[] {
  const kept = useRef(next);
  const prev = kept.current;
  if (prev !== next && (prev.length !== next.length || prev.some((v, i) => v !== next[i])))
    kept.current = next;
  return kept.current;
}

export function ScatterPlot({
  points,
  width,
  height,
  xLabel,
  yLabel,
  xScale = 'linear',
  yScale = 'linear',
  symlogConstant,
  selectedIds,
  onHover,
  onBrush,
  hoverRadius = 12,
  testId = 'scatter-plot',
  ref,
}: ScatterPlotProps) {
  const layout = useMemo(
    () =>
      computeScatterLayout({ points, width, height, xScaleKind: xScale, yScaleKind: yScale, symlogConstant }),
    [points, width, height, xScale, yScale, symlogConstant],
  );
  // A parent that rebuilds an equal selectedIds array on each render must not cost a canvas repaint.
  const selected = useSameContents(
    useMemo(() => selectedPositions(layout, selectedIds ?? []), [layout, selectedIds]),
  );
  const dpr = useDevicePixelRatio();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { margin, innerWidth, innerHeight } = layout;
  const { hovered, brush, brushCount, handlers } = useScatterPointer(layout, {
    hoverRadius,
    onHover,
    onBrush,
    axesKey: `${xScale} ${yScale} ${width} ${height} ${symlogConstant}`,
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = Math.round(innerWidth * dpr);
    canvas.height = Math.round(innerHeight * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, innerWidth, innerHeight);
    paintScatterPoints(ctx, layout, selected, dpr);
  }, [layout, selected, dpr, innerWidth, innerHeight]);

  useImperativeHandle(
    ref,
    () => ({
      exportSvg: () => scatterToSvg(layout, { xLabel, yLabel, selected }),
      exportPng: (pixelRatio = 2) => scatterToPng(layout, { xLabel, yLabel, selected, pixelRatio }),
    }),
    [layout, xLabel, yLabel, selected],
  );

  const drawn = layout.ids.length;
  const notes = [
    nonFiniteNote(layout.skipped.nonFinite),
    logSkipNote(layout.skipped.nonPositiveOnLog),
  ].filter((n): n is string => n !== null);
  const hoveredInRange = hovered >= 0;
  const ariaLabel =
    `Scatter plot of ${drawn} points: ${yLabel} (${yScale} y axis) against ${xLabel} (${xScale} x axis)` +
    (notes.length > 0 ? `; ${notes.join('; ')}` : '');

  return (
    <div
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      data-point-count={drawn}
      data-total-count={points.length}
      data-skipped-nonfinite={layout.skipped.nonFinite}
      data-skipped-log={layout.skipped.nonPositiveOnLog}
      data-selected-count={selected.length}
      data-x-scale={xScale}
      data-y-scale={yScale}
      data-plot-rect={`${margin.left} ${margin.top} ${innerWidth} ${innerHeight}`}
      data-brush={rectAttribute(brush)}
      data-brush-domain={brushDomainAttribute(layout, brush)}
      data-brush-count={brushCount}
      data-hovered-id={hoveredInRange ? String(layout.ids[hovered]) : ''}
      style={{ display: 'inline-block', width }}
    >
      <div style={{ position: 'relative', width, height }}>
        <canvas
          ref={canvasRef}
          data-testid={`${testId}-canvas`}
          style={{
            position: 'absolute',
            left: margin.left,
            top: margin.top,
            width: innerWidth,
            height: innerHeight,
          }}
        />
        <svg
          width={width}
          height={height}
          style={{ position: 'absolute', left: 0, top: 0 }}
          aria-hidden="true"
        >
          <Group left={margin.left} top={margin.top}>
            <ChartAxes
              xScale={layout.xScale}
              yScale={layout.yScale}
              xTicks={layout.xTicks}
              yTicks={layout.yTicks}
              xTickLabels={layout.xTickLabels}
              yTickLabels={layout.yTickLabels}
              xLabel={xLabel}
              yLabel={yLabel}
              innerHeight={innerHeight}
            />
            {hoveredInRange && (
              <circle
                cx={layout.px[hovered]}
                cy={layout.py[hovered]}
                r={S.hoverRadius}
                fill="none"
                stroke={S.selectedStroke}
                strokeWidth={1.5}
                pointerEvents="none"
              />
            )}
            {brush && (
              <rect
                data-testid={`${testId}-brush`}
                x={brush.x0}
                y={brush.y0}
                width={brush.x1 - brush.x0}
                height={brush.y1 - brush.y0}
                fill={S.brushFill}
                stroke={S.brushStroke}
                strokeDasharray="4 3"
                pointerEvents="none"
              />
            )}
            <rect
              data-testid={`${testId}-overlay`}
              width={innerWidth}
              height={innerHeight}
              fill="transparent"
              style={{ cursor: 'crosshair', touchAction: 'none' }}
              {...handlers}
            />
          </Group>
        </svg>
      </div>
      {notes.length > 0 && (
        <p data-testid={`${testId}-note`} style={{ margin: '2px 0 0', fontSize: 12, color: '#5b6478' }}>
          {notes.join(' · ')}
        </p>
      )}
    </div>
  );
}
