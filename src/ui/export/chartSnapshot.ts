/**
 * Reads a chart off the page for export (browser only): its SVG layers, serialised with the text
 * styles the page computes for them written onto the copy; its canvas layers as PNG images; the
 * panel captions of a grid of small multiples; its legend, its notes (points not shown) and the
 * counts it carries on data-* attributes. The parts keep their places on the page (chartPieces.ts).
 */
import { type ChartCounts, countText } from './chartCounts';
import { type ChartDrawing, type ChartPiece, composeChart } from './chartPieces';
import type { LegendEntry } from './plotExport';

export interface ChartSnapshot {
  drawing: ChartDrawing;
  legend: LegendEntry[];
  notes: string[];
  /** "n = …" from the chart's own counts, or null. */
  count: string | null;
}

/** Marks the export controls, which are never part of the picture. */
export const EXPORT_CONTROLS_ATTRIBUTE = 'data-plot-export';

const LEGEND = '[data-testid$="-legend"]';
const NOTE = '[data-testid$="-note"]';
const COUNTED = '[data-point-count],[data-series-count],[data-rows][data-columns],[data-size]';

const inPicture = (el: Element) => el.closest(`[${EXPORT_CONTROLS_ATTRIBUTE}]`) === null;

/**
 * Fonts and fills of text come from inheritance and the style sheet as much as from attributes;
 * the copy gets the computed values, so the file reads as the page does without either.
 */
function serialise(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = svg.querySelectorAll('text');
  const copies = copy.querySelectorAll('text');
  originals.forEach((text, i) => {
    const target = copies[i];
    if (!target) return;
    const style = getComputedStyle(text);
    target.style.fontFamily = style.fontFamily;
    target.style.fontSize = style.fontSize;
    target.style.fontWeight = style.fontWeight;
    target.style.fill = style.fill;
  });
  // Page layout (position: absolute over a canvas) means nothing in a file.
  copy.removeAttribute('style');
  return new XMLSerializer().serializeToString(copy);
}

function pieces(container: HTMLElement): ChartPiece[] {
  const origin = container.getBoundingClientRect();
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
  };
  const images = [...container.querySelectorAll('canvas')]
    .filter(inPicture)
    .flatMap((canvas): ChartPiece[] => {
      if (canvas.width === 0 || canvas.height === 0) return [];
      const pixelated = getComputedStyle(canvas).imageRendering === 'pixelated';
      return [{ kind: 'image', href: canvas.toDataURL('image/png'), pixelated, ...box(canvas) }];
    });
  const layers = [...container.querySelectorAll('svg')]
    .filter(
      (svg) => inPicture(svg) && svg.parentElement?.closest('svg') == null && svg.closest(LEGEND) === null,
    )
    .map((svg): ChartPiece => ({ kind: 'svg', markup: serialise(svg), ...box(svg) }));
  // One chart's caption is the exported title; several are the panels' own titles.
  const captions = [...container.querySelectorAll('figcaption')].filter(inPicture);
  const texts =
    captions.length < 2
      ? []
      : captions.map((caption): ChartPiece => {
          const style = getComputedStyle(caption);
          return {
            kind: 'text',
            text: caption.textContent?.trim() ?? '',
            fontSize: Number.parseFloat(style.fontSize) || 12,
            bold: Number(style.fontWeight) >= 600,
            ink: style.color,
            centred: style.textAlign === 'center',
            ...box(caption),
          };
        });
  return [...images, ...layers, ...texts];
}

function legend(container: HTMLElement): LegendEntry[] {
  return [...container.querySelectorAll(`${LEGEND} li`)].filter(inPicture).flatMap((item) => {
    const swatch = item.querySelector('svg');
    const label = item.textContent?.trim() ?? '';
    if (!swatch || label === '') return [];
    const size = swatch.getBoundingClientRect();
    return [{ label, swatchSvg: serialise(swatch), swatchWidth: size.width, swatchHeight: size.height }];
  });
}

function counts(container: HTMLElement): ChartCounts[] {
  const number = (text: string | undefined) => (text === undefined || text === '' ? undefined : Number(text));
  return [...container.querySelectorAll<HTMLElement | SVGElement>(COUNTED)]
    .filter((el) => {
      const outer = el.parentElement?.closest(COUNTED);
      return inPicture(el) && (outer == null || !container.contains(outer));
    })
    .map((root) => {
      const d = root.dataset;
      const parts = [...root.querySelectorAll<HTMLElement | SVGElement>('[data-point-count]')];
      const points =
        number(d.pointCount) ??
        (parts.length > 0
          ? parts.reduce((sum, p) => sum + (number(p.dataset.pointCount) ?? 0), 0)
          : undefined);
      const grid = d.rows !== undefined && d.columns !== undefined;
      return {
        points,
        series: number(d.seriesCount),
        rows: grid ? number(d.rows) : undefined,
        columns: grid ? number(d.columns) : undefined,
        size: number(d.size),
      };
    });
}

/** The chart inside `container` as it is drawn now; `vector` replaces the drawing (the scatter's own SVG). */
export function snapshotChart(
  container: HTMLElement,
  vector: ChartDrawing | null = null,
): ChartSnapshot | null {
  const drawing = vector ?? composeChart(pieces(container));
  if (!drawing) return null;
  const notes = [...container.querySelectorAll(NOTE)]
    .filter(inPicture)
    .map((note) => note.textContent?.trim() ?? '')
    .filter((text) => text !== '');
  return { drawing, legend: legend(container), notes, count: countText(counts(container)) };
}
