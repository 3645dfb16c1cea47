/**
 * How much an NTK score moves between initialisations: ntk_cond keeps log10 κ of each init
 * (details.log10KappaPerInit) and scores their mean. On ViTs one init is not a stable ranking
 * (docs/validation.md), so the table shows each value and their range beside the mean.
 */
import type { ProxyOutput } from '../../core/proxies/types';

export interface InitSpread {
  values: number[];
  /** Largest minus smallest log10 κ. */
  range: number;
  /** Sample standard deviation (n − 1); NaN for one init. */
  sd: number;
}

export function initSpread(details: ProxyOutput['details']): InitSpread | null {
  const raw = details.log10KappaPerInit;
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every(Number.isFinite)) return null;
  const values = [...raw];
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd =
    values.length < 2
      ? Number.NaN
      : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  return { values, range: Math.max(...values) - Math.min(...values), sd };
}

/** "3.19, 3.28, 3.16 (range 0.12)"; one init: its value alone. */
export function formatInitSpread(spread: InitSpread): string {
  const list = spread.values.map((v) => v.toFixed(2)).join(', ');
  return spread.values.length < 2 ? list : `${list} (range ${spread.range.toFixed(2)})`;
}
