/**
 * Colours for the charts. The diverging map for correlations interpolates ColorBrewer's 7-class RdBu
 * scheme (Brewer, colorbrewer2.org): −1 blue, 0 near-white, +1 red. Series colours are the Okabe–Ito
 * palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable with common colour-vision
 * deficiencies. Text colour on a fill follows WCAG 2.1 relative luminance and contrast ratio.
 */

/** RdBu, from −1 (blue) to +1 (red). */
export const DIVERGING_STOPS = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];

/** Fill for a missing value (NaN), under a hatch. */
export const MISSING_FILL = '#d4d7de';

export const SERIES_COLOURS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#000000',
  '#f0e442',
];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** Piecewise-linear interpolation of the stops at t ∈ [0, 1] (clamped), in sRGB. */
function interpolateStops(stops: readonly string[], t: number): string {
  const clamped = Math.min(1, Math.max(0, t));
  const scaled = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const a = hexToRgb(stops[i]!);
  const b = hexToRgb(stops[i + 1]!);
  return rgbToHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** Fill for a value in [−1, 1] (clamped outside); NaN gets MISSING_FILL. */
export function divergingColour(value: number): string {
  if (Number.isNaN(value)) return MISSING_FILL;
  return interpolateStops(DIVERGING_STOPS, (value + 1) / 2);
}

/** WCAG 2.1 relative luminance of an sRGB colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export const DARK_TEXT = '#1d2b53';
export const LIGHT_TEXT = '#ffffff';

/** Dark or white text, whichever contrasts more with the fill. */
export function textColourOn(fill: string): string {
  return contrastRatio(fill, DARK_TEXT) >= contrastRatio(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}
