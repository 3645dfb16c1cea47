import { describe, expect, it } from 'vitest';
import { composeChart } from './chartPieces';
import { findAll, parseXml, textOf } from './xmlForTests';

const AXES = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><line x2="200"/></svg>';

describe('composeChart', () => {
  it('crops to the pieces’ bounding box and keeps their places relative to it', () => {
    const drawing = composeChart([
      { kind: 'svg', markup: AXES, x: 110, y: 50, width: 200, height: 100 },
      { kind: 'svg', markup: AXES, x: 330, y: 50, width: 200, height: 100 },
      {
        kind: 'text',
        text: 'v₁ & v₂',
        x: 110,
        y: 30,
        width: 60,
        height: 16,
        fontSize: 13,
        bold: true,
        ink: '#1d2b53',
        centred: false,
      },
      {
        kind: 'text',
        text: 'image',
        x: 330,
        y: 30,
        width: 96,
        height: 16,
        fontSize: 12,
        bold: false,
        ink: '#000',
        centred: true,
      },
    ])!;
    expect([drawing.width, drawing.height]).toEqual([420, 120]);
    const root = parseXml(drawing.svg);
    expect(root.attributes).toMatchObject({ width: '420', height: '120', viewBox: '0 0 420 120' });
    const groups = findAll(root, (e) => e.name === 'g').map((e) => e.attributes.transform);
    expect(groups).toEqual(['translate(0,20)', 'translate(220,20)']);
    const [left, centred] = findAll(root, (e) => e.name === 'text');
    expect(textOf(left!)).toBe('v₁ & v₂');
    // Top of the text box at 0, its baseline one font size lower.
    expect(left!.attributes).toMatchObject({ x: '0', y: '13', 'font-weight': '600' });
    // A centred caption over a 96 px image at x = 330 − 110: anchored at its middle.
    expect(centred!.attributes).toMatchObject({ x: String(220 + 48), 'text-anchor': 'middle', y: '12' });
  });

  it('puts canvas images under the SVG layers, whatever the order they came in', () => {
    const drawing = composeChart([
      { kind: 'svg', markup: AXES, x: 0, y: 0, width: 200, height: 100 },
      {
        kind: 'image',
        href: 'data:image/png;base64,AAAA',
        x: 56,
        y: 6,
        width: 120,
        height: 60,
        pixelated: false,
      },
    ])!;
    const root = parseXml(drawing.svg);
    const kinds = root.children.flatMap((c) => (typeof c === 'string' ? [] : [c.name]));
    expect(kinds).toEqual(['image', 'g']);
    expect(findAll(root, (e) => e.name === 'image')[0]!.attributes).toMatchObject({
      x: '56',
      y: '6',
      width: '120',
      'xlink:href': 'data:image/png;base64,AAAA',
    });
    expect(root.attributes['xmlns:xlink']).toBe('http://www.w3.org/1999/xlink');
  });

  it('has nothing to draw when no piece has an area', () => {
    expect(composeChart([])).toBeNull();
    expect(composeChart([{ kind: 'svg', markup: AXES, x: 0, y: 0, width: 0, height: 100 }])).toBeNull();
  });
});
