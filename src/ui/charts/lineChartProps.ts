/** What LineChart.tsx draws: its series, reference lines and props. */
import type { ScaleKind } from './axisScale';
import type { XY } from './lineChartData';
import type { Margin } from './scatterStyle';

export interface LineSeries {
  /** Stable key (React key and data-series-id). */
  id: string;
  /** Legend text. */
  label: string;
  points: readonly XY[];
  /** Default: the Okabe–Ito palette by series index. */
  colour?: string;
  /** SVG stroke-dasharray, e.g. "6 3". */
  dash?: string;
  /** Draw the line through the points (default true). */
  line?: boolean;
  /** Markers at the points: default 'filled' when there is no line, else 'none'. */
  markers?: 'none' | 'filled' | 'open';
  markerRadius?: number;
  strokeWidth?: number;
  /** Default 1. */
  opacity?: number;
  /** Listed in the legend (default true). */
  inLegend?: boolean;
  /** NaN marks a gap on purpose (e.g. no value for this x): such points are not counted in the note. */
  gaps?: boolean;
  /** Hover text per point (an SVG <title> on each marker), index-aligned with points. */
  pointTitles?: readonly string[];
}

export interface ReferenceLine {
  /** A vertical line at x = value, or a horizontal one at y = value. */
  axis: 'x' | 'y';
  value: number;
  label?: string;
  colour?: string;
  /** Default "4 3". */
  dash?: string;
}

export interface LineChartProps {
  series: readonly LineSeries[];
  width: number;
  height: number;
  xLabel?: string;
  yLabel?: string;
  /** Default 'linear'. */
  xScale?: ScaleKind;
  yScale?: ScaleKind;
  /** Fixed axis ranges (what falls outside is clipped); default: the padded extent of what is drawn (reference lines included). */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  references?: readonly ReferenceLine[];
  /** Default: shown when more than one series is listed. */
  legend?: boolean;
  /** Overrides of the default margins (room for tick labels and axis titles). */
  margin?: Partial<Margin>;
  /** A short heading drawn above the plot. */
  title?: string;
  /** Shown in the middle of an empty chart. */
  emptyText?: string;
  /** Accessible description; default built from the labels and series. */
  ariaLabel?: string;
  testId?: string;
}
