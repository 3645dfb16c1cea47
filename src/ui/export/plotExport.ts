/**
 * One plot as a standalone SVG document, ready for a slide or a paper: the title on top, the chart
 * as the page draws it, its legend and colour bar, and caption lines (n, ρ, where the data come
 * from) below it, on white. Fonts are set here, on the document, because the page's CSS does not
 * travel with the file. Pure: plotDownload.ts serialises the live chart and makes the PNG.
 */
import { SCATTER_STYLE } from '../charts/scatterStyle';
import { escapeXml } from '../charts/xmlText';
import { charsThatFit, textWidth, wrapText } from './textWrap';

export interface LegendEntry {
  label: string;
  /** A standalone <svg> of the series' line or marker, drawn at swatchWidth x swatchHeight. */
  swatchSvg: string;
  swatchWidth: number;
  swatchHeight: number;
}

export interface ColourBar {
  /** Colours from the low end to the high end, evenly spaced. */
  stops: readonly string[];
  low: string;
  high: string;
  /** What the colour means, written between the two ends. */
  label: string;
}

/** What a view knows about one of its plots, beyond the drawing. */
export interface PlotExportMeta {
  title: string;
  /** e.g. "n = 20 architectures"; absent: the count read off the chart. */
  n?: string | null;
  /** e.g. "Spearman ρ = 0.712 [0.510, 0.850] · Kendall τ = …"; absent where the plot has none. */
  rho?: string | null;
  /** Where the data come from: space, ground truth, fidelity, seed, settings. */
  provenance?: readonly string[];
  /** Replaces the legend read off the chart (e.g. where the page lists the series elsewhere). */
  legend?: readonly LegendEntry[];
  colourBar?: ColourBar | null;
}

export interface PlotDocumentInput {
  /** The chart: one <svg> element's markup, drawn at width x height. */
  chartSvg: string;
  width: number;
  height: number;
  title: string;
  /** Lines under the chart; long ones wrap. */
  caption: readonly string[];
  legend?: readonly LegendEntry[];
  colourBar?: ColourBar | null;
}

export interface PlotDocument {
  svg: string;
  width: number;
  height: number;
}

export const PLOT_PAGE = {
  padding: 16,
  /** A narrow chart still gets this much room for its title and caption. */
  minContentWidth: 360,
  gap: 10,
  titleSize: 16,
  titleLine: 21,
  captionSize: 12,
  captionLine: 16,
  legendSize: 12,
  legendRow: 18,
  legendGap: 14,
  swatchGap: 5,
  colourBarWidth: 240,
  colourBarHeight: 10,
  ink: '#1d2b53',
  captionInk: '#3b4357',
  background: '#ffffff',
  fontFamily: SCATTER_STYLE.fontFamily,
} as const;

const P = PLOT_PAGE;
const num = (v: number) => String(Math.round(v * 100) / 100);

/** A legend entry for a series drawn as a line through filled markers, for views that list their series apart from the chart. */
export function lineLegendEntry(label: string, colour: string): LegendEntry {
  const c = escapeXml(colour);
  return {
    label,
    swatchWidth: 24,
    swatchHeight: 10,
    swatchSvg: `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="10"><line x1="0" y1="5" x2="24" y2="5" stroke="${c}" stroke-width="2"/><circle cx="12" cy="5" r="3" fill="${c}"/></svg>`,
  };
}

/** The caption under a plot: n (the view's, else the chart's count), ρ, provenance, then the chart's own notes. */
export function captionLines(
  meta: PlotExportMeta,
  found: { count: string | null; notes: readonly string[] },
): string[] {
  const lines = [meta.n ?? found.count, meta.rho, ...(meta.provenance ?? []), ...found.notes];
  return lines.filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}

function textLine(
  text: string,
  x: number,
  baseline: number,
  size: number,
  role: string,
  ink: string,
): string {
  const weight = role === 'plot-title' ? ' font-weight="600"' : '';
  return `<text class="${role}" x="${num(x)}" y="${num(baseline)}" font-size="${size}"${weight} fill="${ink}">${escapeXml(text)}</text>`;
}

/** Entries flow left to right and wrap onto new rows; returns the markup and the rows used. */
function legendSvg(
  entries: readonly LegendEntry[],
  top: number,
  width: number,
): { svg: string; rows: number } {
  const parts: string[] = [];
  let x = 0;
  let row = 0;
  for (const entry of entries) {
    const span = entry.swatchWidth + P.swatchGap + textWidth(entry.label, P.legendSize);
    if (x > 0 && x + span > width) {
      x = 0;
      row += 1;
    }
    const rowTop = top + row * P.legendRow;
    const swatchTop = rowTop + (P.legendRow - entry.swatchHeight) / 2;
    parts.push(
      `<g class="plot-legend-swatch" transform="translate(${num(P.padding + x)},${num(swatchTop)})">${entry.swatchSvg}</g>`,
      textLine(
        entry.label,
        P.padding + x + entry.swatchWidth + P.swatchGap,
        rowTop + P.legendRow / 2 + P.legendSize * 0.35,
        P.legendSize,
        'plot-legend',
        P.ink,
      ),
    );
    x += span + P.legendGap;
  }
  return { svg: parts.join('\n'), rows: entries.length > 0 ? row + 1 : 0 };
}

const COLOUR_BAR_ID = 'plot-export-colour-bar';

function colourBarSvg(bar: ColourBar, top: number, width: number): string {
  const last = Math.max(1, bar.stops.length - 1);
  const stops = bar.stops.map(
    (colour, k) => `<stop offset="${num(k / last)}" stop-color="${escapeXml(colour)}"/>`,
  );
  const labelTop = top + P.colourBarHeight + P.captionSize + 2;
  return [
    `<defs><linearGradient id="${COLOUR_BAR_ID}">${stops.join('')}</linearGradient></defs>`,
    `<rect class="plot-colour-bar" x="${P.padding}" y="${num(top)}" width="${num(width)}" height="${P.colourBarHeight}" fill="url(#${COLOUR_BAR_ID})" stroke="#9aa1b2"/>`,
    `<g font-size="${P.captionSize}" fill="${P.captionInk}">`,
    `<text x="${P.padding}" y="${num(labelTop)}" text-anchor="start">${escapeXml(bar.low)}</text>`,
    `<text x="${num(P.padding + width / 2)}" y="${num(labelTop)}" text-anchor="middle">${escapeXml(bar.label)}</text>`,
    `<text x="${num(P.padding + width)}" y="${num(labelTop)}" text-anchor="end">${escapeXml(bar.high)}</text>`,
    '</g>',
  ].join('\n');
}

export function plotDocument(input: PlotDocumentInput): PlotDocument {
  const content = Math.max(P.minContentWidth, Math.ceil(input.width));
  const width = content + 2 * P.padding;
  const parts: string[] = [];
  let y = P.padding;

  for (const line of wrapText(input.title, charsThatFit(content, P.titleSize))) {
    parts.push(textLine(line, P.padding, y + P.titleSize, P.titleSize, 'plot-title', P.ink));
    y += P.titleLine;
  }
  y += P.gap;
  const chartLeft = P.padding + (content - input.width) / 2;
  parts.push(
    `<g class="plot-chart" transform="translate(${num(chartLeft)},${num(y)})">\n${input.chartSvg}\n</g>`,
  );
  y += input.height;

  const legend = legendSvg(input.legend ?? [], y + P.gap, content);
  if (legend.rows > 0) {
    parts.push(legend.svg);
    y += P.gap + legend.rows * P.legendRow;
  }
  if (input.colourBar) {
    parts.push(colourBarSvg(input.colourBar, y + P.gap, Math.min(content, P.colourBarWidth)));
    y += P.gap + P.colourBarHeight + P.captionLine + 2;
  }
  const caption = input.caption.flatMap((line) => wrapText(line, charsThatFit(content, P.captionSize)));
  if (caption.length > 0) y += P.gap;
  for (const line of caption) {
    parts.push(textLine(line, P.padding, y + P.captionSize, P.captionSize, 'plot-caption', P.captionInk));
    y += P.captionLine;
  }
  const height = Math.ceil(y + P.padding);

  const svg = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(P.fontFamily)}">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<desc>${escapeXml(input.caption.join('\n'))}</desc>`,
    `<rect width="${width}" height="${height}" fill="${P.background}"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
  return { svg, width, height };
}

/**
 * The same document at `scale` device pixels per CSS pixel: only the root's pixel size changes (the
 * viewBox stays), so a browser draws it sharp at that size for the PNG.
 */
export function scaledPlotSvg(doc: PlotDocument, scale: number): string {
  const root = `width="${doc.width}" height="${doc.height}" viewBox=`;
  const width = Math.round(doc.width * scale);
  const height = Math.round(doc.height * scale);
  return doc.svg.replace(root, `width="${width}" height="${height}" viewBox=`);
}

/** Greek letters the plots use, spelled out so a file name keeps them. */
const GREEK: Record<string, string> = {
  α: 'alpha',
  γ: 'gamma',
  η: 'eta',
  θ: 'theta',
  Θ: 'theta',
  κ: 'kappa',
  λ: 'lambda',
  ρ: 'rho',
  σ: 'sigma',
  τ: 'tau',
};

/** A file name from the plot's title: lower-case ASCII words joined by "-", at most 80 characters. */
export function plotFileName(title: string, extension: 'svg' | 'png'): string {
  const spelled = [...title].map((c) => (GREEK[c] ? ` ${GREEK[c]} ` : c)).join('');
  const slug = spelled
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'plot'}.${extension}`;
}
