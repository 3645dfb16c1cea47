import { describe, expect, it } from 'vitest';
import { countText } from './chartCounts';

describe('countText', () => {
  it('says what one chart holds', () => {
    expect(countText([{ points: 20 }])).toBe('n = 20 points');
    expect(countText([{ points: 1, series: 1 }])).toBe('n = 1 point');
    expect(countText([{ points: 300, series: 3 }])).toBe('n = 300 points in 3 series');
    expect(countText([{ series: 2 }])).toBe('n = 2 series');
    expect(countText([{ rows: 4, columns: 101 }])).toBe('n = 4 rows × 101 columns');
    expect(countText([{ size: 3 }])).toBe('n = 3 × 3 matrix');
  });

  it('counts the panels of small multiples and their points together', () => {
    expect(countText([{ points: 64 }, { points: 64, series: 2 }, { points: 0 }])).toBe(
      'n = 3 panels, 128 points in all',
    );
    expect(countText([{ size: 2 }, { size: 2 }])).toBe('n = 2 panels');
  });

  it('has nothing to say without a chart or a count', () => {
    expect(countText([])).toBeNull();
    expect(countText([{}])).toBeNull();
  });
});
