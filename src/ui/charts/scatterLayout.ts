/**
 * Everything about a scatter plot that follows from its props alone: the drawn points' pixel positions,
 * the scales and ticks, skip counts, and a bucket grid for hover and brush. The live chart, the SVG
 * export and the PNG export all draw from this one object, so they agree.
 */
import {
  type ContinuousScale,
  createAxisScale,
  DEFAULT_SYMLOG_CONSTANT,
  paddedDomain,
  type ScaleKind,
} from './axisScale';
import { spaceTicks, tickCountFor, tickLabelsFor, tickValuesFor } from './axisTicks';
import { type PixelRect, rectToDataRanges } from './brushGeometry';
import { type PlotPoint, selectPlottable } from './plottablePoints';
import { buildPointGrid, type PointGrid, pointIndicesInRect } from './pointGrid';
import { type Margin, SCATTER_STYLE } from './scatterStyle';

export type PointId = string | number;

export interface ScatterLayoutInput {
  points: readonly PlotPoint[];
  width: number;
  height: number;
  xScaleKind: ScaleKind;
  yScaleKind: ScaleKind;
  symlogConstant?: number;
  margin?: Margin;
}

export interface ScatterLayout {
  width: number;
  height: number;
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  xKind: ScaleKind;
  yKind: ScaleKind;
  xScale: ContinuousScale;
  yScale: ContinuousScale;
  xTicks: number[];
  yTicks: number[];
  /** Tick label text, index-aligned with xTicks / yTicks. */
  xTickLabels: string[];
  yTickLabels: string[];
  /** Ids of the drawn points; px/py are their positions inside the plot area (origin top-left). */
  ids: PointId[];
  px: Float64Array;
  py: Float64Array;
  grid: PointGrid;
  skipped: { nonFinite: number; nonPositiveOnLog: number };
}

export function computeScatterLayout(input: ScatterLayoutInput): ScatterLayout {
  const { points, width, height, xScaleKind: xKind, yScaleKind: yKind } = input;
  const c = input.symlogConstant ?? DEFAULT_SYMLOG_CONSTANT;
  const margin = input.margin ?? SCATTER_STYLE.margin;
  const innerWidth = Math.max(1, width - margin.left - margin.right);
  const innerHeight = Math.max(1, height - margin.top - margin.bottom);
  const plottable = selectPlottable(points, xKind, yKind);
  const drawn = Array.from(plottable.indices, (i) => points[i]!);
  const xDomain = paddedDomain(
    xKind,
    drawn.map((p) => p.x),
    c,
  );
  const yDomain = paddedDomain(
    yKind,
    drawn.map((p) => p.y),
    c,
  );
  const xScale = createAxisScale(xKind, xDomain, [0, innerWidth], c);
  const yScale = createAxisScale(yKind, yDomain, [innerHeight, 0], c);
  const px = Float64Array.from(drawn, (p) => xScale(p.x) ?? Number.NaN);
  const py = Float64Array.from(drawn, (p) => yScale(p.y) ?? Number.NaN);
  const xTicks = spaceTicks(
    tickValuesFor(xKind, xDomain, tickCountFor(innerWidth), c),
    (v) => xScale(v) ?? 0,
    SCATTER_STYLE.minTickGapX,
  );
  const yTicks = spaceTicks(
    tickValuesFor(yKind, yDomain, tickCountFor(innerHeight * 1.4), c),
    (v) => yScale(v) ?? 0,
    SCATTER_STYLE.minTickGapY,
  );
  return {
    width,
    height,
    margin,
    innerWidth,
    innerHeight,
    xKind,
    yKind,
    xScale,
    yScale,
    xTicks,
    yTicks,
    xTickLabels: tickLabelsFor(xKind, xTicks),
    yTickLabels: tickLabelsFor(yKind, yTicks),
    ids: drawn.map((p) => p.id),
    px,
    py,
    grid: buildPointGrid(px, py),
    skipped: { nonFinite: plottable.nonFinite, nonPositiveOnLog: plottable.nonPositiveOnLog },
  };
}

/** Positions in layout.ids of the selected points, ascending. */
export function selectedPositions(layout: ScatterLayout, selectedIds: Iterable<PointId>): number[] {
  const wanted = new Set(selectedIds);
  const positions: number[] = [];
  if (wanted.size === 0) return positions;
  layout.ids.forEach((id, k) => {
    if (wanted.has(id)) positions.push(k);
  });
  return positions;
}

/** Ids of the drawn points inside a plot-area rectangle, in input order. */
export function brushedIds(layout: ScatterLayout, rect: PixelRect): PointId[] {
  return pointIndicesInRect(layout.grid, rect).map((k) => layout.ids[k]!);
}

/** The rectangle's data intervals on both axes (for display and data- attributes). */
export function brushedRanges(layout: ScatterLayout, rect: PixelRect) {
  return rectToDataRanges(rect, layout.xScale, layout.yScale);
}

/** "xmin xmax ymin ymax" of a brush in data units, 6 significant digits, for a data- attribute. */
export function brushDomainAttribute(layout: ScatterLayout, rect: PixelRect | null): string {
  if (!rect) return '';
  const { x, y } = brushedRanges(layout, rect);
  return [...x, ...y].map((v) => Number(v.toPrecision(6))).join(' ');
}
