/**
 * The lecture on a published table: Auto-Prox's AutoFormer-Ti subnets (trained from scratch on
 * CIFAR-100) imported through the lecture's own "Import a table…" button and the Explorer's
 * column-mapping dialog. The lecture's networks are exactly the CSV's first n AutoFormer-Ti rows with
 * a cifar100_scratch value (read here with papaparse and the core's Auto-Prox reader), with those
 * accuracies; its link, opened in a fresh context without the table, says which table to import.
 * The NTKs themselves take minutes per network here: they are not waited for, and scoring is stopped.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { vitFromAutoProxJson, vitToString } from '../src/core/spaces/vit/vit';
import { defaultLectureState } from '../src/state/lectureState';
import { decodeLectureState, encodeLectureState } from '../src/state/lectureUrl';
import { importThroughButton } from './readPage';
import { autoProxCsvFile } from './testFiles';

// Auto-Prox's table in its published layout, written from the rows that ship (e2e/testFiles.ts).
const AUTOPROX_CSV = autoProxCsvFile();
const TABLE = 'vit_autoprox_gt';
const COLUMN = 'cifar100_scratch';
const N = 3;

/** The CSV's first n AutoFormer-Ti rows with a cifar100_scratch value: our ViT text and that value. */
function firstTinyRows(n: number): { arch: string; acc: number }[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(AUTOPROX_CSV, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  if (parsed.errors.length > 0) throw new Error(`${AUTOPROX_CSV}: ${parsed.errors[0]!.message}`);
  const rows: { arch: string; acc: number }[] = [];
  for (const row of parsed.data) {
    if (row.space !== 'AutoFormer-Ti') continue;
    const text = (row[COLUMN] ?? '').trim();
    const acc = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(acc)) continue;
    const arch = vitFromAutoProxJson('autoformer-tiny', row.arch_json ?? '');
    if (!arch.ok) throw new Error(`${AUTOPROX_CSV}: arch_json ${row.arch_json}: ${arch.error}`);
    rows.push({ arch: vitToString(arch.value), acc });
    if (rows.length === n) break;
  }
  if (rows.length < n)
    throw new Error(`${AUTOPROX_CSV} has fewer than ${n} AutoFormer-Ti rows with ${COLUMN}`);
  return rows;
}

test('an imported Auto-Prox table is the lecture’s source, and its link names the table to import', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const expected = firstTinyRows(N);
  // Seed 1: the shipped pre-scored lecture set (seed 0) would answer every job from the cache.
  await page.goto(`/#${encodeLectureState({ ...defaultLectureState(), seed: 1 })}`);
  await expect(page.getByTestId('lecture-view')).toBeVisible();
  await page.getByTestId('lec-source-select').selectOption('table');
  // No table yet: the lecture asks for one, and scores nothing.
  await expect(page.getByTestId('lec-table-problem')).toContainText('Import a table…');
  await expect(page.getByTestId('lec-row')).toHaveCount(0);

  await importThroughButton(page, 'lec-import', AUTOPROX_CSV);
  await expect(page.getByTestId('gt-mapping')).toHaveCount(0, { timeout: 60_000 });
  await page.getByTestId('lec-table-select').selectOption(TABLE);
  // The default column of this table is its first, cifar100_scratch; chosen here all the same.
  await expect(page.getByTestId('lec-column-select')).toHaveValue(COLUMN);
  await page.getByTestId('lec-column-select').selectOption(COLUMN);
  // One space (the PiT-Ti rows are skipped on import): no space to choose.
  await expect(page.getByTestId('lec-space-select')).toHaveCount(0);
  await page.getByTestId('lec-n').fill(String(N));

  const rows = page.getByTestId('lec-row');
  await expect(rows).toHaveCount(N);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      arch: (tr as HTMLElement).dataset.arch ?? '',
      acc: Number((tr as HTMLElement).dataset.acc),
    })),
  );
  expect(shown).toEqual(expected);
  const info = page.getByTestId('lec-table-info');
  await expect(info).toHaveAttribute('data-table', TABLE);
  await expect(info).toHaveAttribute('data-column', COLUMN);
  await expect(info).toHaveAttribute('data-space', 'autoformer-tiny');
  await expect(info).toHaveAttribute('data-shown', String(N));
  // The table's header, the explanation and the live-training section name what is shown.
  await expect(page.locator('[data-testid="lec-table"] th').nth(3)).toHaveText(`${COLUMN} (${TABLE})`);
  await expect(page.getByTestId('lec-train')).toHaveCount(0);
  await expect(page.getByTestId('lec-train-na')).toContainText('does not apply');
  await expect(page.getByTestId('lec-explain')).toContainText(
    `AutoFormer-Ti networks of the table "${TABLE}"`,
  );

  // Scoring runs (minutes per network here): stop it.
  await page.getByTestId('lec-cancel').click({ timeout: 60_000 });
  await expect(page.getByTestId('lec-run')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('lec-resume')).toBeVisible();

  // The lecture link, opened outside presentation mode, in a context that has no tables.
  await page.locator('.lec-copy summary').click();
  await page.getByLabel('open in presentation mode').uncheck();
  const copy = page.getByTestId('lec-copy-link');
  await copy.click();
  const url = (await copy.getAttribute('data-url')) ?? '';
  const decoded = decodeLectureState(new URL(url).hash);
  expect(decoded.notices).toEqual([]);
  expect(decoded.state).toMatchObject({
    source: 'table',
    table: TABLE,
    column: COLUMN,
    n: N,
    present: false,
  });

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(url);
    const needed = other.getByTestId('lec-table-needed');
    await expect(needed).toHaveAttribute('data-table', TABLE, { timeout: 60_000 });
    await expect(needed).toHaveText(
      `This lecture compares against the column "${COLUMN}" of the table "${TABLE}", which is not loaded here: import that file with "Import a table…" under Networks to see the plots (links never carry the table itself).`,
    );
    await expect(other.getByTestId('lec-notice')).toHaveCount(0);
    await expect(other.getByTestId('lec-row')).toHaveCount(0);
    await expect(other.getByTestId('lec-scatter-empty-ntk')).toContainText('No accuracy yet');
    await expect(other.getByTestId('lec-scatter-empty-vintk')).toContainText('No accuracy yet');
    await expect(other.getByTestId('lec-table-select')).toHaveValue(TABLE);
    await expect(other.getByTestId('lec-errors')).toHaveCount(0);
  } finally {
    await fresh.close();
  }
});
