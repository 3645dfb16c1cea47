/**
 * Canvas drawing for the scatter plot: the point layer of the live chart (15 625 stamped sprites, no
 * per-point path building) and a full PNG export with axes laid out as in the SVG export.
 */
import type { ScatterLayout } from './scatterLayout';
import { SCATTER_STYLE as S } from './scatterStyle';
import type { ScatterExportOptions } from './scatterSvg';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function circlesPath(ctx: Context2D, layout: ScatterLayout, positions: readonly number[], radius: number) {
  ctx.beginPath();
  for (const k of positions) {
    const x = layout.px[k]!;
    const y = layout.py[k]!;
    ctx.moveTo(x + radius, y);
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
  }
}

type Sprite = HTMLCanvasElement | OffscreenCanvas;
const sprites = new Map<string, Sprite>();

/** One anti-aliased disc at device resolution, drawn once and stamped for every point. */
function discSprite(radius: number, fill: string, pixelRatio: number): Sprite {
  const key = `${radius}|${fill}|${pixelRatio}`;
  const cached = sprites.get(key);
  if (cached) return cached;
  const size = Math.ceil((2 * radius + 2) * pixelRatio);
  const sprite: Sprite =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(size, size)
      : document.createElement('canvas');
  sprite.width = size;
  sprite.height = size;
  const ctx = sprite.getContext('2d') as Context2D | null;
  if (ctx) {
    ctx.fillStyle = fill;
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, radius * pixelRatio, 0, 2 * Math.PI);
    ctx.fill();
  }
  sprites.set(key, sprite);
  return sprite;
}

/**
 * Draws the points with the plot area's top-left corner at the context's origin, which is scaled by
 * pixelRatio. Each point is a separate translucent stamp, so overlaps darken and show density (one
 * filled path would paint the union flat); selected points go on top as outlined discs.
 */
export function paintScatterPoints(
  ctx: Context2D,
  layout: ScatterLayout,
  selected: readonly number[],
  pixelRatio: number,
): void {
  const sprite = discSprite(S.pointRadius, S.pointFill, pixelRatio);
  const size = sprite.width / pixelRatio;
  const half = size / 2;
  ctx.save();
  ctx.globalAlpha = S.pointOpacity;
  for (let k = 0; k < layout.px.length; k++) {
    ctx.drawImage(sprite, layout.px[k]! - half, layout.py[k]! - half, size, size);
  }
  ctx.globalAlpha = 1;
  if (selected.length > 0) {
    ctx.fillStyle = S.selectedFill;
    ctx.strokeStyle = S.selectedStroke;
    ctx.lineWidth = 1;
    circlesPath(ctx, layout, selected, S.selectedRadius);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}

/** Axis lines, ticks, tick labels and titles, with the plot area's top-left corner at the origin. */
export function paintScatterAxes(
  ctx: Context2D,
  layout: ScatterLayout,
  xLabel: string,
  yLabel: string,
): void {
  const { innerWidth: w, innerHeight: h, xScale, yScale } = layout;
  ctx.save();
  ctx.strokeStyle = S.axisColour;
  ctx.fillStyle = S.axisColour;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, 0);
  ctx.lineTo(0, h);
  ctx.lineTo(w, h);
  for (const t of layout.xTicks) {
    const x = xScale(t) ?? 0;
    ctx.moveTo(x, h);
    ctx.lineTo(x, h + S.tickLength);
  }
  for (const t of layout.yTicks) {
    const y = yScale(t) ?? 0;
    ctx.moveTo(-S.tickLength, y);
    ctx.lineTo(0, y);
  }
  ctx.stroke();
  ctx.font = `${S.fontSize}px ${S.fontFamily}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  for (const [i, t] of layout.xTicks.entries()) {
    ctx.fillText(layout.xTickLabels[i] ?? '', xScale(t) ?? 0, h + S.xTickLabelOffset);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const [i, t] of layout.yTicks.entries()) {
    ctx.fillText(layout.yTickLabels[i] ?? '', -S.yTickLabelOffset, yScale(t) ?? 0);
  }
  ctx.font = `${S.labelFontSize}px ${S.fontFamily}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(xLabel, w / 2, h + S.xTitleOffset);
  ctx.translate(-S.yTitleOffset, h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
}

/** The whole chart (white background, axes, points) as a PNG at `pixelRatio` device pixels per CSS pixel. */
export async function scatterToPng(
  layout: ScatterLayout,
  options: ScatterExportOptions & { pixelRatio?: number },
): Promise<Blob> {
  const ratio = options.pixelRatio ?? 2;
  const w = Math.round(layout.width * ratio);
  const h = Math.round(layout.height * ratio);
  const draw = (ctx: Context2D) => {
    ctx.scale(ratio, ratio);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, layout.width, layout.height);
    ctx.translate(layout.margin.left, layout.margin.top);
    paintScatterAxes(ctx, layout, options.xLabel, options.yLabel);
    paintScatterPoints(ctx, layout, options.selected ?? [], ratio);
  };
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw to an offscreen canvas.');
    draw(ctx);
    return canvas.convertToBlob({ type: 'image/png' });
  }
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw to a canvas.');
  draw(ctx);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))), 'image/png'),
  );
}
