/** A lab chart with its export buttons; the exported file names the panel and settings that made it. */
import type { ReactNode } from 'react';
import { useLabStore } from '../../state/labState';
import { ExportablePlot } from '../components/ExportablePlot';
import { labProvenance } from '../export/plotCaptions';
import type { ColourBar } from '../export/plotExport';

export interface LabPlotProps {
  plotId: string;
  title: string;
  /** "n = …" where the chart's own count would mislead (e.g. a heat map's rows are frequencies). */
  n?: string;
  /** Lines after the lab's settings, e.g. the iteration a run had reached. */
  extra?: readonly string[];
  colourBar?: ColourBar;
  children: ReactNode;
}

export function LabPlot({ plotId, title, n, extra = [], colourBar, children }: LabPlotProps) {
  return (
    <ExportablePlot
      plotId={plotId}
      meta={() => ({
        title,
        n: n ?? null,
        colourBar: colourBar ?? null,
        provenance: [...labProvenance(useLabStore.getState().lab), ...extra],
      })}
    >
      {children}
    </ExportablePlot>
  );
}
