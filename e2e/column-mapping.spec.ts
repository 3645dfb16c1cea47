/**
 * The column-mapping dialog: import a file in NASLib's zero-cost JSON layout with a hand-picked set of value columns
 * and a new name; a CSV whose key column holds garbage is refused in the dialog with its line and
 * reason while the first table stays; Cancel (also over a name that would replace a table) and a
 * file with no key column change nothing.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { naslibZcJsonFile } from './testFiles';

// NASLib's zero-cost JSON layout, made from the shipped NB201 table (e2e/testFiles.ts).
const ZC_JSON = naslibZcJsonFile();

/** Architectures and columns of the NASLib file, counted here from the JSON itself. */
function zcShape(path: string): { archs: number; columns: number } {
  const source = JSON.parse(readFileSync(path, 'utf8')) as {
    nasbench201: Record<string, Record<string, Record<string, number>>>;
  };
  const datasets = Object.values(source.nasbench201);
  const archs = new Set(datasets.flatMap((d) => Object.keys(d)));
  // Every measure any architecture of a data set has (a source may leave one out for some cells).
  const measures = datasets.reduce(
    (n, d) => n + new Set(Object.values(d).flatMap((record) => Object.keys(record))).size,
    0,
  );
  // One key column plus one column per data set and measure.
  return { archs: archs.size, columns: 1 + measures };
}

async function openDialog(page: Page, files: Parameters<Page['setInputFiles']>[1]) {
  await page.getByTestId('gt-file').setInputFiles(files);
  const dialog = page.getByTestId('gt-mapping');
  await expect(dialog).toBeVisible();
  return dialog;
}

const cellA = '|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const cellB = '|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const GARBAGE_CSV = {
  name: 'garbage.csv',
  mimeType: 'text/csv',
  // Line 4's key is not a cell; the label column holds words (one of them HTML-looking).
  buffer: Buffer.from(`arch,acc,label\n${cellA},90,<b>bold</b>\n${cellB},80,plain\nnot a cell,70,x\n`),
};

test('choose columns and a name, refuse a garbage key with its line, cancel changes nothing', async ({
  page,
}) => {
  const zc = zcShape(ZC_JSON);
  await page.goto(`/#${encodeViewState({ ...DEFAULT_VIEW_STATE, sampleSize: 2 })}`);

  // 1. NASLib JSON: the dialog proposes the tuple key and every measure; keep three and rename.
  let dialog = await openDialog(page, ZC_JSON);
  await expect(dialog).toContainText('nb201_zc_naslib.json');
  await expect(dialog.getByTestId('gt-map-summary')).toHaveAttribute('data-rows', String(zc.archs));
  await expect(dialog.getByTestId('gt-map-summary')).toHaveAttribute('data-columns', String(zc.columns));
  await expect(dialog.getByTestId('gt-map-key')).toHaveValue('key');
  await expect(dialog.getByTestId('gt-map-kind')).toHaveValue('naslib-tuple');
  await expect(dialog.getByTestId('gt-map-name')).toHaveValue('nb201_zc_naslib');
  const values = dialog.getByTestId('gt-map-value');
  await expect(values).toHaveCount(zc.columns);
  await expect(dialog.locator('[data-testid="gt-map-value"]:checked')).toHaveCount(zc.columns - 1);
  await expect(dialog.locator('[data-testid="gt-map-value"][data-column="key"]')).toBeDisabled();
  const preview = dialog.getByTestId('gt-map-preview');
  await expect(preview).toHaveAttribute('data-rows', String(zc.archs));

  await dialog.getByTestId('gt-map-none').click();
  await expect(preview).toHaveAttribute('data-ok', 'false');
  for (const column of ['cifar10.val_accuracy', 'cifar10.synflow', 'ImageNet16-120.params']) {
    await dialog.locator(`[data-testid="gt-map-value"][data-column="${column}"]`).check();
  }
  await expect(dialog.getByTestId('gt-map-value-count')).toHaveText('3 value columns chosen');
  await expect(preview).toHaveAttribute('data-state', 'ready');
  await expect(preview).toHaveAttribute('data-rows', String(zc.archs));
  await dialog.getByTestId('gt-map-name').fill('zc three');
  await dialog.getByTestId('gt-map-import').click();
  await expect(page.getByTestId('gt-mapping')).toHaveCount(0);
  const listed = page.locator('[data-testid="gt-table"][data-shipped="false"]');
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAttribute('data-name', 'zc three');
  await expect(listed).toHaveAttribute('data-rows', String(zc.archs));
  await expect(listed).toHaveAttribute('data-columns', '3');
  await expect(listed).toContainText(`zc three · nb201 · ${zc.archs} rows · 3 columns`);
  const notesBefore = await page.getByTestId('gt-notes').count();

  // 2. A CSV whose key column holds garbage on line 4: refused in the dialog, the first table stays.
  dialog = await openDialog(page, GARBAGE_CSV);
  await expect(dialog.getByTestId('gt-map-key')).toHaveValue('arch');
  // File content is shown as text, never as HTML.
  await expect(dialog.locator('[data-testid="gt-map-column"][data-column="label"]')).toContainText(
    '<b>bold</b>',
  );
  await expect(dialog.locator('b')).toHaveCount(0);
  await expect(preview).toHaveAttribute('data-ok', 'false');
  await dialog.getByTestId('gt-map-import').click();
  const error = dialog.getByTestId('gt-map-error');
  await expect(error).toContainText('garbage.csv was not imported (line 4)');
  await expect(error).toContainText('key "not a cell" in column "arch"');
  await expect(dialog).toBeVisible();
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAttribute('data-name', 'zc three');
  // Choosing the word column as key moves the failure to the first data row.
  await dialog.getByTestId('gt-map-key').selectOption('label');
  await expect(error).toHaveCount(0);
  await expect(preview).toContainText('line 2: key "<b>bold</b>" in column "label"');
  await dialog.getByTestId('gt-map-import').click();
  await expect(error).toContainText('garbage.csv was not imported (line 2)');
  await dialog.getByTestId('gt-map-cancel').click();
  await expect(page.getByTestId('gt-mapping')).toHaveCount(0);
  await expect(page.getByTestId('gt-error')).toHaveCount(0);
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAttribute('data-columns', '3');

  // 3. Cancel over a name that would replace the table: told so, and nothing is replaced.
  dialog = await openDialog(page, ZC_JSON);
  await dialog.getByTestId('gt-map-name').fill('zc three');
  await expect(dialog.getByTestId('gt-map-replace')).toContainText(
    'A table named "zc three" is already loaded: importing replaces it.',
  );
  await dialog.getByTestId('gt-map-cancel').click();
  await expect(page.getByTestId('gt-mapping')).toHaveCount(0);
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAttribute('data-rows', String(zc.archs));
  await expect(listed).toHaveAttribute('data-columns', '3');
  await expect(page.getByTestId('gt-notes')).toHaveCount(notesBefore);
  await expect(page.getByTestId('gt-error')).toHaveCount(0);

  // 4. No recognisable key column: the dialog opens with nothing chosen and says why.
  dialog = await openDialog(page, {
    name: 'nokey.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,acc\nresnet,93\n'),
  });
  await expect(dialog.getByTestId('gt-map-problem')).toContainText('no column holds NB201 cell strings');
  await expect(dialog.getByTestId('gt-map-key')).toHaveValue('');
  await dialog.getByTestId('gt-map-import').click();
  await expect(dialog.getByTestId('gt-map-error')).toContainText(
    'choose the column that holds the architectures',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('gt-mapping')).toHaveCount(0);
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAttribute('data-name', 'zc three');
});
