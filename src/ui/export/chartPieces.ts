/**
 * A chart as the page shows it, put together from its parts: SVG layers, canvas layers (the heat
 * map's cells, the lecture's images) as embedded PNG images, and small captions of the panels in a
 * grid of small multiples, each at its place on the page. Pure: chartSnapshot.ts reads the parts
 * off the page.
 */
import { escapeXml } from '../charts/xmlText';

interface Box {
  /** Position and size in CSS pixels, relative to any common origin. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export type ChartPiece =
  | (Box & { kind: 'svg'; markup: string })
  | (Box & { kind: 'image'; href: string; pixelated: boolean })
  | (Box & {
      kind: 'text';
      text: string;
      fontSize: number;
      bold: boolean;
      ink: string;
      /** Centred text sits at the middle of its box. */
      centred: boolean;
    });

export interface ChartDrawing {
  svg: string;
  width: number;
  height: number;
}

const num = (v: number) => String(Math.round(v * 100) / 100);

function pieceSvg(piece: ChartPiece, dx: number, dy: number): string {
  const x = num(piece.x - dx);
  const y = num(piece.y - dy);
  switch (piece.kind) {
    case 'svg':
      return `<g transform="translate(${x},${y})">\n${piece.markup}\n</g>`;
    case 'image':
      return `<image x="${x}" y="${y}" width="${num(piece.width)}" height="${num(piece.height)}" preserveAspectRatio="none"${piece.pixelated ? ' image-rendering="optimizeSpeed" style="image-rendering:pixelated"' : ''} xlink:href="${escapeXml(piece.href)}"/>`;
    case 'text': {
      const anchor = piece.centred
        ? ` x="${num(piece.x - dx + piece.width / 2)}" text-anchor="middle"`
        : ` x="${x}"`;
      return `<text${anchor} y="${num(piece.y - dy + piece.fontSize)}" font-size="${num(piece.fontSize)}"${piece.bold ? ' font-weight="600"' : ''} fill="${escapeXml(piece.ink)}">${escapeXml(piece.text)}</text>`;
    }
  }
}

/**
 * One <svg> holding every piece at its place, cropped to their bounding box; images first, then SVG
 * layers, then text, so a canvas under its axes stays under them. Null when nothing has an area.
 */
export function composeChart(pieces: readonly ChartPiece[]): ChartDrawing | null {
  const shown = pieces.filter((p) => p.width > 0 && p.height > 0);
  if (shown.length === 0) return null;
  const left = Math.min(...shown.map((p) => p.x));
  const top = Math.min(...shown.map((p) => p.y));
  const width = Math.ceil(Math.max(...shown.map((p) => p.x + p.width)) - left);
  const height = Math.ceil(Math.max(...shown.map((p) => p.y + p.height)) - top);
  const order: ChartPiece['kind'][] = ['image', 'svg', 'text'];
  const layered = order.flatMap((kind) => shown.filter((p) => p.kind === kind));
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    ...layered.map((p) => pieceSvg(p, left, top)),
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}
