/** The charts the views use; pure helpers are imported from their own files. */

export type { ScaleKind } from './axisScale';
export { CorrelationMatrix, type CorrelationMatrixProps } from './CorrelationMatrix';
export { type HeatColumn, HeatMap, type HeatMapProps } from './HeatMap';
export { LineChart, type LineChartProps, type LineSeries, type ReferenceLine, type XY } from './LineChart';
export {
  type PlotPoint,
  type PointId,
  ScatterPlot,
  type ScatterPlotHandle,
  type ScatterPlotProps,
} from './ScatterPlot';
export { SpectrumChart, type SpectrumChartProps, type SpectrumSeries } from './SpectrumChart';
export { scatterToPng } from './scatterCanvas';
export { computeScatterLayout, selectedPositions } from './scatterLayout';
export { scatterToSvg } from './scatterSvg';
