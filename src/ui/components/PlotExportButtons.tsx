/**
 * "SVG" and "PNG" beside a plot: the picture as the page draws it, with its title, n, ρ and where its
 * data come from written into it (export/plotExport.ts), for a slide or a paper. The view's metadata
 * and the chart are read when a button is pressed, so the file shows what the page shows then.
 */
import { useState } from 'react';
import { type ChartSnapshot, EXPORT_CONTROLS_ATTRIBUTE } from '../export/chartSnapshot';
import { downloadPlotPng, downloadPlotSvg } from '../export/plotDownload';
import { captionLines, type PlotDocument, type PlotExportMeta, plotDocument } from '../export/plotExport';

export interface PlotExportButtonsProps {
  /** Stable id of the plot: the buttons are export-svg-<plotId> and export-png-<plotId>. */
  plotId: string;
  meta(): PlotExportMeta;
  /** The chart as drawn now; null when there is nothing to draw. */
  snapshot(): ChartSnapshot | null;
}

function exportedDocument(meta: PlotExportMeta, found: ChartSnapshot): PlotDocument {
  return plotDocument({
    chartSvg: found.drawing.svg,
    width: found.drawing.width,
    height: found.drawing.height,
    title: meta.title,
    caption: captionLines(meta, found),
    legend: meta.legend ?? found.legend,
    colourBar: meta.colourBar ?? null,
  });
}

export function PlotExportButtons({ plotId, meta, snapshot }: PlotExportButtonsProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exportAs = async (format: 'svg' | 'png') => {
    setProblem(null);
    setBusy(true);
    try {
      const found = snapshot();
      if (!found) {
        setProblem('Nothing is drawn yet to export.');
        return;
      }
      const m = meta();
      const doc = exportedDocument(m, found);
      if (format === 'svg') downloadPlotSvg(doc, m.title);
      else await downloadPlotPng(doc, m.title);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      setProblem(`The ${format.toUpperCase()} could not be made: ${why}.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      className="plot-export"
      {...{ [EXPORT_CONTROLS_ATTRIBUTE]: plotId }}
      style={{ display: 'flex', gap: 6, alignItems: 'center', justifyContent: 'flex-end', fontSize: 12 }}
    >
      <span className="meta">Export</span>
      <button
        type="button"
        data-testid={`export-svg-${plotId}`}
        title="Download this plot as SVG, with its title, n, ρ and data source written in"
        disabled={busy}
        onClick={() => void exportAs('svg')}
      >
        SVG
      </button>
      <button
        type="button"
        data-testid={`export-png-${plotId}`}
        title="Download this plot as PNG at twice its size on screen, with its title, n, ρ and data source written in"
        disabled={busy}
        onClick={() => void exportAs('png')}
      >
        PNG
      </button>
      {problem && (
        <span className="notice error" role="alert" data-testid={`export-problem-${plotId}`}>
          {problem}
        </span>
      )}
    </div>
  );
}
