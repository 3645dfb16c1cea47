/**
 * A plot with its export buttons underneath. The chart inside is read off the page when a button
 * is pressed (export/chartSnapshot.ts), so any chart, or a grid of them, exports without changes;
 * `vector` hands over a chart's own SVG instead (the scatter's points are a canvas on the page).
 */
import { type ReactNode, useRef } from 'react';
import type { ChartDrawing } from '../export/chartPieces';
import { snapshotChart } from '../export/chartSnapshot';
import type { PlotExportMeta } from '../export/plotExport';
import { PlotExportButtons } from './PlotExportButtons';

export interface ExportablePlotProps {
  plotId: string;
  meta(): PlotExportMeta;
  vector?: () => ChartDrawing | null;
  children: ReactNode;
}

export function ExportablePlot({ plotId, meta, vector, children }: ExportablePlotProps) {
  const box = useRef<HTMLDivElement>(null);
  const snapshot = () => (box.current ? snapshotChart(box.current, vector?.() ?? null) : null);
  return (
    <div
      ref={box}
      className="exportable-plot"
      data-plot-id={plotId}
      style={{ display: 'inline-block', verticalAlign: 'top', maxWidth: '100%' }}
    >
      {children}
      <PlotExportButtons plotId={plotId} meta={meta} snapshot={snapshot} />
    </div>
  );
}
