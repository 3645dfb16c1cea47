import { describe, expect, it } from 'vitest';
import { computeScatterLayout, selectedPositions } from './scatterLayout';
import { SCATTER_STYLE } from './scatterStyle';
import { scatterToSvg } from './scatterSvg';

const points = [
  { id: 'a', x: 1, y: 10 },
  { id: 'b', x: 10, y: 20 },
  { id: 'c', x: 100, y: 40 },
  { id: 'd', x: 0, y: 5 }, // not on a log x axis
  { id: 'e', x: Number.NaN, y: 1 },
];

describe('scatterToSvg', () => {
  const layout = computeScatterLayout({
    points,
    width: 400,
    height: 300,
    xScaleKind: 'log',
    yScaleKind: 'linear',
  });
  const svg = scatterToSvg(layout, {
    xLabel: 'synflow <log>',
    yLabel: 'accuracy & "top-1"',
    selected: selectedPositions(layout, ['c', 'd']),
  });

  it('stands alone: namespace, size, and one circle per drawn point plus one per drawn selected point', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"')).toBe(true);
    expect(svg.match(/<circle /g)?.length).toBe(3 + 1);
    expect(svg.match(/<g[ >]/g)?.length).toBe(svg.match(/<\/g>/g)?.length);
  });

  it('places circles at the scales’ pixel positions (log x: 1, 10, 100 evenly spaced)', () => {
    const cx = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    const inner = 400 - SCATTER_STYLE.margin.left - SCATTER_STYLE.margin.right;
    // padded domain in decades: [0 − 0.08, 2 + 0.08] → pixel = (k + 0.08) / 2.16 · inner
    expect(cx[0]).toBeCloseTo((0.08 / 2.16) * inner, 1);
    expect(cx[1]).toBeCloseTo((1.08 / 2.16) * inner, 1);
    expect(cx[2]).toBeCloseTo((2.08 / 2.16) * inner, 1);
    expect(cx[3]).toBe(cx[2]); // selected 'c' drawn again on top
  });

  it('escapes axis titles and labels the log ticks as powers of ten', () => {
    expect(svg).toContain('synflow &lt;log&gt;');
    expect(svg).toContain('accuracy &amp; &quot;top-1&quot;');
    for (const label of ['10⁰', '10¹', '10²']) expect(svg).toContain(`>${label}</text>`);
  });
});
