import { describe, expect, it } from 'vitest';
import { charsThatFit, textWidth, wrapText } from './textWrap';

describe('wrapText', () => {
  it('breaks at spaces, greedily, never past the limit', () => {
    expect(wrapText('NAS-Bench-201 · quick fidelity · seed 201', 16)).toEqual([
      'NAS-Bench-201 ·',
      'quick fidelity ·',
      'seed 201',
    ]);
  });

  it('keeps a line that fits exactly, and collapses runs of white space', () => {
    expect(wrapText('abc  def\n ghi', 7)).toEqual(['abc def', 'ghi']);
  });

  it('cuts a word longer than a line into full pieces', () => {
    expect(wrapText('x |nor_conv_3x3~0|+|none~0|', 10)).toEqual(['x', '|nor_conv_', '3x3~0|+|no', 'ne~0|']);
  });

  it('counts characters, not UTF-16 units, and gives nothing for blank text', () => {
    expect(wrapText('𝜌𝜌𝜌 𝜏', 4)).toEqual(['𝜌𝜌𝜌', '𝜏']);
    expect(wrapText('   ', 10)).toEqual([]);
  });
});

describe('text width estimates', () => {
  it('uses 0.58 em per character', () => {
    expect(textWidth('abcd', 10)).toBeCloseTo(23.2, 10);
    expect(charsThatFit(58, 10)).toBe(10);
    expect(charsThatFit(1, 10)).toBe(1);
  });
});
