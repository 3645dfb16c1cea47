/**
 * Number text for chart ticks, tooltips and matrix cells. Very small and very large magnitudes use
 * powers of ten with superscript exponents (10⁻⁷, 2.5×10⁴³) rather than "1e-7", and negative numbers
 * use the minus sign U+2212, as typeset axes do.
 */

const MINUS = '\u2212';
const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

function superscript(exponent: number): string {
  return [...String(exponent)].map((ch) => SUPERSCRIPT[ch] ?? ch).join('');
}

/** "1.2500" → "1.25", "3.000" → "3". */
function trimZeros(digits: string): string {
  return digits.includes('.') ? digits.replace(/\.?0+$/, '') : digits;
}

/** Magnitudes outside [1e-3, 1e5) are written as m×10ᵏ. */
const SMALL = 1e-3;
const LARGE = 1e5;

/**
 * A short, exact-looking label for a tick value or a measured number, with up to `significant` digits.
 * 0 → "0", 0.30000000000000004 → "0.3", 1e-7 → "10⁻⁷", 2.5e43 → "2.5×10⁴³", −1500 → "−1500".
 */
export function formatTick(value: number, significant = 4): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
  if (value === 0) return '0';
  const sign = value < 0 ? MINUS : '';
  const magnitude = Math.abs(value);
  if (magnitude >= SMALL && magnitude < LARGE) {
    const text = trimZeros(magnitude.toPrecision(significant));
    // toPrecision switches to exponent form for integers wider than `significant` digits.
    const plain = text.includes('e') ? String(Math.round(magnitude)) : text;
    return sign + plain;
  }
  const [mantissaText = '1', exponentText = '0'] = magnitude.toExponential(significant - 1).split('e');
  const mantissa = trimZeros(mantissaText);
  const power = `10${superscript(Number(exponentText))}`;
  return sign + (mantissa === '1' ? power : `${mantissa}×${power}`);
}

/** ±10ᵏ written as a power even for k = 0, 1, 2 (10⁰, 10¹, 10²), for axes ticked at whole decades. */
export function formatPowerOfTen(value: number): string {
  if (value === 0) return '0';
  const k = Math.round(Math.log10(Math.abs(value)));
  return `${value < 0 ? MINUS : ''}10${superscript(k)}`;
}

/** A correlation coefficient in a cell: two decimals, "−" for negatives, "–" (en dash) when missing. */
export function formatCorrelation(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const text = Math.abs(value).toFixed(2);
  return (value < 0 && text !== '0.00' ? MINUS : '') + text;
}
