import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  DARK_TEXT,
  divergingColour,
  LIGHT_TEXT,
  MISSING_FILL,
  relativeLuminance,
  seriesColour,
  textColourOn,
} from './colourMaps';

describe('divergingColour', () => {
  it('maps −1, 0, +1 to the RdBu end and middle colours, and clamps beyond', () => {
    expect(divergingColour(-1)).toBe('#2166ac');
    expect(divergingColour(0)).toBe('#f7f7f7');
    expect(divergingColour(1)).toBe('#b2182b');
    expect(divergingColour(-3)).toBe('#2166ac');
    expect(divergingColour(7)).toBe('#b2182b');
  });

  it('halfway between the first two stops is their channel mean', () => {
    // (0x21+0x67)/2 = 68 = 0x44, (0x66+0xa9)/2 = 135.5 → 136 = 0x88, (0xac+0xcf)/2 = 189.5 → 190 = 0xbe
    expect(divergingColour(-5 / 6)).toBe('#4488be');
  });

  it('NaN gets the missing-value fill', () => {
    expect(divergingColour(Number.NaN)).toBe(MISSING_FILL);
  });
});

describe('text contrast', () => {
  it('WCAG luminance and contrast of reference colours', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 12);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2158605, 6);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 12);
  });

  it('dark text on pale cells, white text on saturated ends', () => {
    expect(textColourOn(divergingColour(0))).toBe(DARK_TEXT);
    expect(textColourOn(divergingColour(-1))).toBe(LIGHT_TEXT);
    expect(textColourOn(divergingColour(1))).toBe(LIGHT_TEXT);
  });
});

describe('seriesColour', () => {
  it('cycles through eight distinct colours', () => {
    const first = Array.from({ length: 8 }, (_, i) => seriesColour(i));
    expect(new Set(first).size).toBe(8);
    expect(seriesColour(9)).toBe(seriesColour(1));
  });
});
