import { describe, expect, it } from 'vitest';
import {
  captionLines,
  lineLegendEntry,
  PLOT_PAGE,
  plotDocument,
  plotFileName,
  scaledPlotSvg,
} from './plotExport';
import { findAll, parseXml, textOf, type XmlElement } from './xmlForTests';

const CHART =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><circle cx="10" cy="20" r="3"/><text x="5" y="9">x &amp; y</text></svg>';

const byClass = (root: XmlElement, name: string) => findAll(root, (e) => e.attributes.class === name);
const baseline = (e: XmlElement) => Number(e.attributes.y);

describe('the XML reader the tests rely on', () => {
  it('rejects what an XML parser rejects', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a>x < y</a>')).toThrow();
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a b=1/>')).toThrow();
    expect(() => parseXml('<a b="1" b="2"/>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(textOf(parseXml('<a>&lt;&#961;&#x3c4;&amp;</a>'))).toBe('<ρτ&');
  });
});

describe('plotDocument', () => {
  const title = 'synflow <vs> "accuracy" & ρ';
  const caption = ['n = 20 architectures', 'Spearman ρ = 0.712', 'NAS-Bench-201 · cifar10_test · seed 201'];
  const doc = plotDocument({ chartSvg: CHART, width: 400, height: 300, title, caption });
  const root = parseXml(doc.svg);

  it('is one well-formed SVG document, white, sized to the chart plus the padding', () => {
    expect(doc.svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attributes.width).toBe(String(400 + 2 * 16));
    expect(root.attributes.height).toBe(String(doc.height));
    expect(root.attributes.viewBox).toBe(`0 0 ${doc.width} ${doc.height}`);
    expect(root.attributes['font-family']).toContain('sans-serif');
    const background = root.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'rect');
    expect(background?.attributes).toMatchObject({ width: String(doc.width), fill: '#ffffff' });
  });

  it('writes the title and every caption line as text, escaped in the file and intact when read', () => {
    expect(doc.svg).toContain('synflow &lt;vs&gt; &quot;accuracy&quot; &amp; ρ');
    expect(doc.svg).not.toContain('<vs>');
    expect(byClass(root, 'plot-title').map(textOf)).toEqual([title]);
    expect(byClass(root, 'plot-caption').map(textOf)).toEqual(caption);
    expect(textOf(findAll(root, (e) => e.name === 'title')[0]!)).toBe(title);
  });

  it('keeps the chart as drawn, between the title above and the caption below', () => {
    const chart = byClass(root, 'plot-chart')[0]!;
    const [, x, y] = /translate\(([\d.]+),([\d.]+)\)/.exec(chart.attributes.transform ?? '')!.map(Number);
    expect(x).toBe(16);
    expect(findAll(chart, (e) => e.name === 'circle')).toHaveLength(1);
    expect(findAll(chart, (e) => e.name === 'text').map(textOf)).toEqual(['x & y']);
    expect(baseline(byClass(root, 'plot-title')[0]!)).toBeLessThan(y!);
    const captions = byClass(root, 'plot-caption').map(baseline);
    expect(captions[0]).toBeGreaterThan(y! + 300);
    expect(captions).toEqual([...captions].sort((a, b) => a - b));
    expect(doc.height).toBeGreaterThanOrEqual(captions.at(-1)! + PLOT_PAGE.padding);
  });

  it('centres a narrow chart in a page wide enough for its text', () => {
    const narrow = plotDocument({ chartSvg: CHART, width: 200, height: 150, title: 't', caption: [] });
    expect(narrow.width).toBe(360 + 32);
    const chart = byClass(parseXml(narrow.svg), 'plot-chart')[0]!;
    expect(chart.attributes.transform).toMatch(/^translate\(96,/);
  });

  it('wraps a long provenance line onto several lines that add up to it', () => {
    const long = Array.from({ length: 40 }, (_, k) => `word${k}`).join(' ');
    const wrapped = plotDocument({ chartSvg: CHART, width: 400, height: 300, title: 't', caption: [long] });
    const lines = byClass(parseXml(wrapped.svg), 'plot-caption').map(textOf);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(long);
    // 400 px at 12 px and 0.58 em per character: 57 characters.
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(57);
  });

  it('draws the legend entries and a colour bar with its stops and end labels', () => {
    const swatch = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="10"><line x2="24"/></svg>';
    const withKey = parseXml(
      plotDocument({
        chartSvg: CHART,
        width: 400,
        height: 300,
        title: 't',
        caption: ['n = 3'],
        legend: [
          { label: 'k=5', swatchSvg: swatch, swatchWidth: 24, swatchHeight: 10 },
          { label: 'k<10', swatchSvg: swatch, swatchWidth: 24, swatchHeight: 10 },
        ],
        colourBar: { stops: ['#000000', '#808080', '#ffffff'], low: '0', high: '1', label: 'magnitude' },
      }).svg,
    );
    expect(byClass(withKey, 'plot-legend').map(textOf)).toEqual(['k=5', 'k<10']);
    expect(byClass(withKey, 'plot-legend-swatch')).toHaveLength(2);
    const stops = findAll(withKey, (e) => e.name === 'stop').map((e) => e.attributes.offset);
    expect(stops).toEqual(['0', '0.5', '1']);
    const barTexts = findAll(withKey, (e) => e.name === 'text' && !e.attributes.class).map(textOf);
    expect(barTexts).toEqual(expect.arrayContaining(['0', 'magnitude', '1']));
    const legendY = baseline(byClass(withKey, 'plot-legend')[0]!);
    expect(baseline(byClass(withKey, 'plot-caption')[0]!)).toBeGreaterThan(legendY);
  });
});

describe('scaledPlotSvg', () => {
  it('doubles the pixel size of the root and nothing else', () => {
    const doc = plotDocument({ chartSvg: CHART, width: 400, height: 300, title: 't', caption: ['n = 1'] });
    const root = parseXml(scaledPlotSvg(doc, 2));
    expect(root.attributes.width).toBe(String(2 * doc.width));
    expect(root.attributes.height).toBe(String(2 * doc.height));
    expect(root.attributes.viewBox).toBe(`0 0 ${doc.width} ${doc.height}`);
    const chart = findAll(root, (e) => e.name === 'svg' && e !== root)[0]!;
    expect([chart.attributes.width, chart.attributes.height]).toEqual(['400', '300']);
  });
});

describe('lineLegendEntry', () => {
  it('is a 24 x 10 swatch: a line and a filled marker in the series colour', () => {
    const entry = lineLegendEntry('vit:web:a', '#0072b2');
    const swatch = parseXml(entry.swatchSvg);
    expect([swatch.attributes.width, swatch.attributes.height]).toEqual(['24', '10']);
    expect([entry.swatchWidth, entry.swatchHeight]).toEqual([24, 10]);
    expect(findAll(swatch, (e) => e.name === 'line')[0]!.attributes.stroke).toBe('#0072b2');
    expect(findAll(swatch, (e) => e.name === 'circle')[0]!.attributes.fill).toBe('#0072b2');
  });
});

describe('captionLines', () => {
  it('puts the view’s n first (else the chart’s count), then ρ, provenance and the chart’s notes', () => {
    expect(
      captionLines(
        { title: 't', n: 'n = 20 cells', rho: 'ρ = 0.5', provenance: ['NB201', ' '] },
        { count: 'n = 19 points', notes: ['1 point not shown'] },
      ),
    ).toEqual(['n = 20 cells', 'ρ = 0.5', 'NB201', '1 point not shown']);
    expect(captionLines({ title: 't' }, { count: 'n = 19 points', notes: [] })).toEqual(['n = 19 points']);
  });
});

describe('plotFileName', () => {
  it('is the title as lower-case ASCII words, Greek letters and subscripts spelled out', () => {
    expect(plotFileName('Spearman ρ between proxies and ground truth', 'svg')).toBe(
      'spearman-rho-between-proxies-and-ground-truth.svg',
    );
    expect(plotFileName('NTK eigenvalues λᵢ / λ₁', 'png')).toBe('ntk-eigenvalues-lambda-i-lambda-1.png');
    expect(plotFileName('Zürich: “quoted” test_acc (%)', 'svg')).toBe('zurich-quoted-test-acc.svg');
  });

  it('falls back to "plot" and stays short', () => {
    expect(plotFileName('', 'svg')).toBe('plot.svg');
    expect(plotFileName('→ ✓', 'png')).toBe('plot.png');
    expect(plotFileName('a'.repeat(200), 'svg')).toBe(`${'a'.repeat(80)}.svg`);
  });
});
