/**
 * Ground truth in the Explorer: import the real NB201 table, plot a proxy against accuracy, check
 * the ρ shown against one computed here from the table and the scores read back from the page,
 * reject a damaged file without losing what was loaded, and brush cells from the plot into the table.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { importThroughDialog, readScores, waitForScores } from './readPage';
import { spearmanHere } from './spearmanHere';
import { nb201CsvFile } from './testFiles';

// NB201's table, written from the one that ships (e2e/testFiles.ts).
const NB201_CSV = nb201CsvFile();

function nb201Table(): Map<string, number> {
  const [header, ...lines] = readFileSync(NB201_CSV, 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const arch = columns.indexOf('arch');
  const acc = columns.indexOf('cifar10_test');
  return new Map(lines.map((l) => l.split(',')).map((f) => [f[arch]!, Number(f[acc])]));
}

test('imported NB201 accuracy against synflow: the ρ shown is the ρ of the numbers shown', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const table = nb201Table();
  const view = { ...DEFAULT_VIEW_STATE, sampleSize: 30, seed: 11 };
  await page.goto(`/#${encodeViewState(view)}`);
  await waitForScores(page, 60, 200_000);

  await importThroughDialog(page, NB201_CSV);
  await expect(page.locator('[data-testid="gt-table"][data-shipped="false"]')).toHaveAttribute(
    'data-rows',
    '15625',
    { timeout: 60_000 },
  );
  await page.getByTestId('pva-x').selectOption('synflow');
  await expect(page.getByTestId('pva-y')).toHaveValue(/cifar10_test$/);

  const scores = (await readScores(page)).filter((s) => s.proxy === 'synflow');
  expect(scores).toHaveLength(30);
  const finite = scores.filter((s) => Number.isFinite(s.value));
  const expected = spearmanHere(
    finite.map((s) => s.value),
    finite.map((s) => table.get(s.arch)!),
  );
  const stats = page.getByTestId('pva-stats');
  await expect(stats).toHaveAttribute('data-n', String(finite.length));
  const shown = Number(await stats.getAttribute('data-rho'));
  expect(Math.abs(shown - expected)).toBeLessThan(1e-9);
  await expect(stats).toContainText(`ρ = ${expected.toFixed(3)}`);

  // Export CSV round-trips: every shown score and the ground truth come back exactly.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  const header = csv[0]!.split(',');
  expect(header.slice(0, 2)).toEqual(['id', 'arch']);
  const col = (name: string) => header.findIndex((h) => h.startsWith(name));
  const exported = new Map(csv.slice(1).map((line) => [line.split(',')[1]!, line.split(',')]));
  expect(exported.size).toBe(30);
  for (const s of await readScores(page)) {
    const row = exported.get(s.arch)!;
    expect(Number(row[col(s.proxy)]), `${s.arch} ${s.proxy}`).toBe(s.value);
    expect(Number(row[col('cifar10_test')])).toBe(table.get(s.arch));
  }

  // The scatter exports as a standalone SVG with one circle per plotted cell; hovering one of them
  // shows that cell's drawing and scores.
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-svg-scatter').click(),
  ]);
  const svg = readFileSync((await svgDownload.path())!, 'utf8');
  const circles = [...svg.matchAll(/<circle[^>]*\bcx="([\d.]+)"[^>]*\bcy="([\d.]+)"/g)];
  expect(circles).toHaveLength(finite.length);
  const plotRoot = page.getByTestId('scatter-plot');
  await plotRoot.scrollIntoViewIfNeeded();
  const root = (await plotRoot.boundingBox())!;
  const [pl, pt, pw, ph] = (await plotRoot.getAttribute('data-plot-rect'))!.split(' ').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  // Sweep the plot area until the pointer is near a point.
  let hovered = false;
  for (let gy = 0; gy <= 12 && !hovered; gy++) {
    for (let gx = 0; gx <= 12 && !hovered; gx++) {
      await page.mouse.move(root.x + pl + (pw * gx) / 12, root.y + pt + (ph * gy) / 12);
      hovered = (await page.getByTestId('pva-hover').count()) > 0;
    }
  }
  expect(hovered).toBe(true);
  const hoveredCell = Number(await page.getByTestId('pva-hover').getAttribute('data-cell'));
  expect(finite.map((s) => s.cell)).toContain(hoveredCell);
  await expect(page.getByTestId('pva-hover')).toContainText('synflow');
  await page.mouse.move(0, 0);

  // A damaged file is refused with its line and reason; the loaded table stays.
  await importThroughDialog(page, {
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'arch,acc\n|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|,90\n<b>not a cell</b>,80\n',
    ),
  });
  await expect(page.getByTestId('gt-map-error')).toContainText('broken.csv was not imported (line 3)');
  await expect(page.getByTestId('gt-map-error')).toContainText('<b>not a cell</b>');
  await expect(page.locator('[data-testid="gt-table"][data-shipped="false"]')).toHaveCount(1);
  await page.getByTestId('gt-map-cancel').click();
  await expect(page.getByTestId('gt-mapping')).toHaveCount(0);

  // Brushing the whole plot marks every plotted cell in the table.
  const plot = page.getByTestId('scatter-plot');
  await plot.scrollIntoViewIfNeeded();
  const rect = (await plot.getAttribute('data-plot-rect'))!.split(' ').map(Number);
  const box = (await plot.boundingBox())!;
  const [left, top, width, height] = rect as [number, number, number, number];
  await page.mouse.move(box.x + left + 1, box.y + top + 1);
  await page.mouse.down();
  await page.mouse.move(box.x + left + width - 1, box.y + top + height - 1, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator('[data-testid="result-row"][data-brushed="true"]')).toHaveCount(finite.length);

  // The table is still there after a reload (IndexedDB).
  await page.reload();
  await expect(page.locator('[data-testid="gt-table"][data-shipped="false"]')).toHaveAttribute(
    'data-rows',
    '15625',
    { timeout: 60_000 },
  );
});

test('params of all 15 625 cells against CIFAR-10 test accuracy: ρ = 0.75, the published baseline', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const table = nb201Table();
  expect(table.size).toBe(15_625);
  await page.goto(`/#${encodeViewState({ ...DEFAULT_VIEW_STATE, sampleSize: 2 })}`);
  await importThroughDialog(page, NB201_CSV);
  await expect(page.locator('[data-testid="gt-table"][data-shipped="false"]')).toHaveAttribute(
    'data-rows',
    '15625',
    { timeout: 60_000 },
  );
  await page.getByTestId('pva-x').selectOption('params');
  await page.getByTestId('pva-whole').check();
  const stats = page.getByTestId('pva-stats');
  await expect(stats).toHaveAttribute('data-n', '15625', { timeout: 120_000 });
  await expect(page.getByTestId('scatter-plot')).toHaveAttribute('data-point-count', '15625');
  // NAS-Bench-201's published baseline (docs/science.md, the data README): params alone reach Spearman
  // 0.75 against CIFAR-10 test accuracy.
  expect(Number(await stats.getAttribute('data-rho')).toFixed(2)).toBe('0.75');
  await expect(stats).toContainText('ρ = 0.75');
});
