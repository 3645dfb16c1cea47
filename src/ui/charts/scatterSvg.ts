/**
 * A scatter plot as one standalone SVG document: axes, ticks, titles and every drawn point as an SVG
 * circle (selected points again, on top), so the file needs neither the canvas nor the page's CSS.
 */
import type { ScatterLayout } from './scatterLayout';
import { SCATTER_STYLE as S } from './scatterStyle';
import { escapeXml } from './xmlText';

export interface ScatterExportOptions {
  xLabel: string;
  yLabel: string;
  /** Positions in layout.ids of points to draw highlighted (see selectedPositions). */
  selected?: readonly number[];
  title?: string;
}

/** Two decimals are well below a pixel and keep a 15 625-point file near 1 MB. */
const num = (v: number) => String(Math.round(v * 100) / 100);

function axesSvg(layout: ScatterLayout, xLabel: string, yLabel: string): string {
  const { innerWidth: w, innerHeight: h, xScale, yScale } = layout;
  const parts: string[] = [`<g stroke="${S.axisColour}" fill="none">`];
  parts.push(`<line x1="0" y1="${num(h)}" x2="${num(w)}" y2="${num(h)}"/>`);
  parts.push(`<line x1="0" y1="0" x2="0" y2="${num(h)}"/>`);
  for (const t of layout.xTicks) {
    const x = num(xScale(t) ?? 0);
    parts.push(`<line x1="${x}" y1="${num(h)}" x2="${x}" y2="${num(h + S.tickLength)}"/>`);
  }
  for (const t of layout.yTicks) {
    const y = num(yScale(t) ?? 0);
    parts.push(`<line x1="${-S.tickLength}" y1="${y}" x2="0" y2="${y}"/>`);
  }
  parts.push('</g>', `<g fill="${S.axisColour}" font-size="${S.fontSize}">`);
  for (const [i, t] of layout.xTicks.entries()) {
    const x = num(xScale(t) ?? 0);
    parts.push(
      `<text x="${x}" y="${num(h + S.xTickLabelOffset)}" text-anchor="middle">${escapeXml(layout.xTickLabels[i] ?? '')}</text>`,
    );
  }
  for (const [i, t] of layout.yTicks.entries()) {
    const y = num(yScale(t) ?? 0);
    parts.push(
      `<text x="${-S.yTickLabelOffset}" y="${y}" dy="0.32em" text-anchor="end">${escapeXml(layout.yTickLabels[i] ?? '')}</text>`,
    );
  }
  parts.push(
    `<text x="${num(w / 2)}" y="${num(h + S.xTitleOffset)}" text-anchor="middle" font-size="${S.labelFontSize}">${escapeXml(xLabel)}</text>`,
    `<text transform="rotate(-90)" x="${num(-h / 2)}" y="${-S.yTitleOffset}" text-anchor="middle" font-size="${S.labelFontSize}">${escapeXml(yLabel)}</text>`,
    '</g>',
  );
  return parts.join('\n');
}

function pointsSvg(layout: ScatterLayout, selected: readonly number[]): string {
  const parts: string[] = [`<g fill="${S.pointFill}" fill-opacity="${S.pointOpacity}">`];
  for (let k = 0; k < layout.px.length; k++) {
    parts.push(`<circle cx="${num(layout.px[k]!)}" cy="${num(layout.py[k]!)}" r="${S.pointRadius}"/>`);
  }
  parts.push('</g>', `<g fill="${S.selectedFill}" stroke="${S.selectedStroke}" stroke-width="1">`);
  for (const k of selected) {
    parts.push(`<circle cx="${num(layout.px[k]!)}" cy="${num(layout.py[k]!)}" r="${S.selectedRadius}"/>`);
  }
  parts.push('</g>');
  return parts.join('\n');
}

export function scatterToSvg(layout: ScatterLayout, options: ScatterExportOptions): string {
  const { width, height, margin } = layout;
  const title = options.title ?? `${options.yLabel} against ${options.xLabel}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(S.fontFamily)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g transform="translate(${margin.left},${margin.top})">`,
    axesSvg(layout, options.xLabel, options.yLabel),
    pointsSvg(layout, options.selected ?? []),
    '</g>',
    '</svg>',
  ].join('\n');
}
