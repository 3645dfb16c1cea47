/**
 * Downloads of an exported plot (browser only): the SVG document as it is, and a PNG drawn from it
 * at twice its CSS size through an <img> and a canvas, both offered through an <a download> click.
 */
import { type PlotDocument, plotFileName, scaledPlotSvg } from './plotExport';
import { download } from './tableExport';

/** Device pixels per CSS pixel of the PNG: sharp on a slide, and on a page printed at 300 dpi up to ~6 cm wide per 100 px. */
export const PNG_SCALE = 2;

const svgBlob = (text: string) => new Blob([text], { type: 'image/svg+xml;charset=utf-8' });

export function downloadPlotSvg(doc: PlotDocument, title: string): void {
  download(plotFileName(title, 'svg'), svgBlob(doc.svg));
}

/** The document drawn at `scale` device pixels per CSS pixel, as a PNG. */
export async function plotToPng(doc: PlotDocument, scale = PNG_SCALE): Promise<Blob> {
  const url = URL.createObjectURL(svgBlob(scaledPlotSvg(doc, scale)));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the browser could not draw the exported SVG'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(doc.width * scale);
    canvas.height = Math.round(doc.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw to a canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((png) => (png ? resolve(png) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPlotPng(doc: PlotDocument, title: string): Promise<void> {
  download(plotFileName(title, 'png'), await plotToPng(doc));
}
