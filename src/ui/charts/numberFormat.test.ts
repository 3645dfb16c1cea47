import { describe, expect, it } from 'vitest';
import { formatCorrelation, formatTick } from './numberFormat';

describe('formatTick', () => {
  it('writes tiny and huge magnitudes as powers of ten', () => {
    expect(formatTick(1e-7)).toBe('10⁻⁷');
    expect(formatTick(1e43)).toBe('10⁴³');
    expect(formatTick(2.5e43)).toBe('2.5×10⁴³');
    expect(formatTick(-3.2e-9)).toBe('−3.2×10⁻⁹');
    expect(formatTick(1e5)).toBe('10⁵');
    expect(formatTick(0.0005)).toBe('5×10⁻⁴');
  });

  it('writes ordinary numbers plainly, without floating-point noise', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(-1500)).toBe('−1500');
    expect(formatTick(12345)).toBe('12345');
    expect(formatTick(0.001)).toBe('0.001');
    expect(formatTick(42)).toBe('42');
  });

  it('names non-finite values', () => {
    expect(formatTick(Number.NaN)).toBe('NaN');
    expect(formatTick(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
});

describe('formatCorrelation', () => {
  it('two decimals, a real minus sign, and a dash for missing values', () => {
    expect(formatCorrelation(0.8349)).toBe('0.83');
    expect(formatCorrelation(-0.126)).toBe('−0.13');
    expect(formatCorrelation(-0.001)).toBe('0.00');
    expect(formatCorrelation(1)).toBe('1.00');
    expect(formatCorrelation(Number.NaN)).toBe('–');
  });
});
