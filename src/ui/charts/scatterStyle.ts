/** Shared look of the scatter plot, so the live chart and its SVG and PNG exports match. */
export const SCATTER_STYLE = {
  margin: { top: 12, right: 18, bottom: 46, left: 66 },
  pointRadius: 2.2,
  pointFill: '#2f5bd3',
  pointOpacity: 0.55,
  selectedRadius: 4,
  selectedFill: '#e8590c',
  selectedStroke: '#1d2b53',
  hoverRadius: 6,
  axisColour: '#1d2b53',
  tickLength: 6,
  /** Baseline of x tick labels and of the x axis title, below the axis line. */
  xTickLabelOffset: 18,
  xTitleOffset: 38,
  /** Right edge of y tick labels left of the axis line; the y title sits this far left, rotated. */
  yTickLabelOffset: 9,
  yTitleOffset: 52,
  /** Closest tick labels may sit, centre to centre, along x and along y. */
  minTickGapX: 44,
  minTickGapY: 18,
  fontSize: 11,
  labelFontSize: 12,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  brushFill: 'rgba(255, 204, 77, 0.25)',
  brushStroke: '#b7791f',
} as const;

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}
