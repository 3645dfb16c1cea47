/**
 * A table in OoD-ViT-NAS's AutoFormer layout (architecture spread over four columns, three supernets in one
 * file) imported through the mapping dialog; its AutoFormer-Ti rows become the view's candidates,
 * the first of them are scored with params only (the run is then cancelled), and the ρ shown equals
 * the ρ of the exported numbers computed here.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { spearmanHere } from './spearmanHere';
import { oodLayoutCsvFile } from './testFiles';

/** The default view by its link ('/' alone opens the prepared first view, first-visit.spec.ts). */
const DEFAULT_LINK = `/#${encodeViewState(DEFAULT_VIEW_STATE)}`;

// OoD-ViT-NAS's layout, made by the test (its real file may never ship: e2e/testFiles.ts).
const OOD_CSV = oodLayoutCsvFile();
const TABLE = 'vit_oodvitnas_autoformer';
const ACCURACY = 'imagenet_top1_supernet_inherited';
/** The view holds at most this many candidates (VIEW_STATE_LIMITS.added.max). */
const VIEW_MAX = 1000;
/** Values scored before the run is cancelled. */
const SCORED = 150;

interface OodRow {
  supernet: string;
  embed_dim: string;
  mlp_ratio_json: string;
  num_heads_json: string;
  [column: string]: string;
}

function oodRows(): OodRow[] {
  return Papa.parse<OodRow>(readFileSync(OOD_CSV, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** Our ViT text of a tiny-supernet row, written out here from its cells (not with the app's parser). */
function tinyKey(r: OodRow): string {
  const list = (json: string) => (JSON.parse(json) as number[]).join(',');
  return `vit:ti:e${r.embed_dim}:m${list(r.mlp_ratio_json)}:h${list(r.num_heads_json)}`;
}

test('OoD-ViT-NAS: four key columns imported, tiny rows scored with params, ρ shown = ρ of the numbers', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const rows = oodRows();
  const tiny = rows.filter((r) => r.supernet === 'tiny');
  expect(rows).toHaveLength(3003);
  expect(tiny).toHaveLength(1001);
  const truth = new Map(tiny.map((r) => [tinyKey(r), Number(r[ACCURACY])]));
  const layout = new Map(
    tiny.map((r) => [tinyKey(r), { params: Number(r.params_m) * 1e6, layers: Number(r.layer_num) }]),
  );
  expect(truth.size).toBe(1001);

  await page.goto(DEFAULT_LINK);
  // Only params: synflow is left off before anything ViT is scored.
  await page.getByTestId('proxy-synflow').uncheck();

  // The dialog: read, proposed with the OoD key kind, previewed with every row.
  const picked = Date.now();
  await page.getByTestId('gt-file').setInputFiles(OOD_CSV);
  const dialog = page.getByTestId('gt-mapping');
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  const opened = Date.now();
  await expect(dialog.getByTestId('gt-map-summary')).toHaveAttribute('data-rows', '3003');
  await expect(dialog.getByTestId('gt-map-kind')).toHaveValue('vit-ood-columns');
  await expect(dialog.getByTestId('gt-map-key')).toHaveCount(0);
  const keyColumns = dialog.getByTestId('gt-map-key-columns');
  await expect(keyColumns).toContainText('supernet, embed_dim, mlp_ratio_json, num_heads_json');
  await expect(keyColumns).toContainText('layer_num is checked');
  for (const column of ['supernet', 'embed_dim', 'mlp_ratio_json', 'num_heads_json', 'layer_num']) {
    await expect(dialog.locator(`[data-testid="gt-map-value"][data-column="${column}"]`)).toBeDisabled();
  }
  for (const column of ['params_m', 'flops_m', ACCURACY, 'imagenet_c_gaussian_noise_sev1']) {
    await expect(dialog.locator(`[data-testid="gt-map-value"][data-column="${column}"]`)).toBeChecked();
  }
  await expect(dialog.getByTestId('gt-map-name')).toHaveValue(TABLE);
  const preview = dialog.getByTestId('gt-map-preview');
  await expect(preview).toHaveAttribute('data-rows', '3003');
  await expect(dialog.getByTestId('gt-map-notes')).toContainText(
    'rows from 3 search spaces: AutoFormer-Ti 1001, AutoFormer-S 1001, AutoFormer-B 1001',
  );
  console.log(`dialog: ${await dialog.getByTestId('gt-map-summary').innerText()}`);
  console.log(`dialog: ${await keyColumns.innerText()}`);
  console.log(`dialog: ${await preview.innerText()}`);

  const importClicked = Date.now();
  await dialog.getByTestId('gt-map-import').click();
  const listed = page.locator(`[data-testid="gt-table"][data-name="${TABLE}"]`);
  await expect(listed).toHaveAttribute('data-rows', '3003', { timeout: 60_000 });
  await expect(listed).toHaveAttribute('data-columns', '4');
  const done = Date.now();
  console.log(
    `import timing: file chosen → dialog open ${opened - picked} ms; Import → table listed ${done - importClicked} ms`,
  );

  // The tiny supernet's rows as candidates: the first VIEW_MAX in file order, one left out.
  await page.getByTestId('input-space').selectOption('autoformer-tiny');
  await page.getByTestId('pva-y').selectOption(`${TABLE}\u0000${ACCURACY}`);
  await page.getByTestId('pva-use-table').click();
  await expect(page.getByTestId('input-space')).toHaveValue('autoformer-tiny');
  await expect(page.getByTestId('pva-table-note')).toContainText(
    `the first ${VIEW_MAX} of the table's architectures were added, ${truth.size - VIEW_MAX} left out`,
  );
  // Scoring all 1 000 takes about 9 minutes here (each AutoFormer-Ti network is built in full), so
  // the run is cancelled once SCORED values have landed: the plot then holds the scored candidates.
  const status = page.getByTestId('run-status');
  await expect
    .poll(async () => Number(/^(\d+) \//.exec(await status.innerText())?.[1] ?? 0), { timeout: 400_000 })
    .toBeGreaterThanOrEqual(SCORED);
  await page.getByTestId('cancel').click();
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  // Nothing lands after Cancel; let any last render settle.
  await page.waitForTimeout(1500);
  await page.getByTestId('pva-x').selectOption('params');

  // The page's numbers, exported: every candidate, with its params once scored and the table's accuracy.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  const exported = Papa.parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const truthColumn = `${ACCURACY} (${TABLE})`;
  // The candidates are the tiny rows in file order, as many as the view holds.
  expect(exported.map((r) => r.arch)).toEqual([...truth.keys()].slice(0, VIEW_MAX));
  for (const r of exported) expect(Number(r[truthColumn]), r.arch).toBe(truth.get(r.arch!));
  const scored = exported.filter((r) => r.params !== '' && r.params !== undefined);
  expect(scored.length).toBeGreaterThanOrEqual(SCORED);
  expect(scored.length).toBeLessThan(VIEW_MAX);
  await expect(status).toContainText(`${scored.length} / ${VIEW_MAX} cells scored`);
  // Every tiny row has an accuracy, so n is the number of scored candidates.
  const measured = scored.filter((r) => Number.isFinite(truth.get(r.arch!)));
  expect(measured).toHaveLength(scored.length);
  const params = measured.map((r) => Number(r.params));
  // The file's params_m is counted by hand at 224 px (src/test/sourceLayouts.ts, which matches every
  // published count). Ours leaves out AutoFormer's relative-position tables (7 680 per layer), and the
  // Explorer builds the network at 64 px: 4×4 patches + the class token = 17 positions, not 197.
  for (const r of measured) {
    const file = layout.get(r.arch!)!;
    const embed = Number(/:e(\d+):/.exec(r.arch!)![1]);
    const ours = Number(r.params) + 7680 * file.layers + (197 - 17) * embed;
    expect(Math.abs(ours - file.params), r.arch).toBeLessThan(1);
  }
  const expected = spearmanHere(
    params,
    measured.map((r) => truth.get(r.arch!)!),
  );
  const stats = page.getByTestId('pva-stats');
  await expect(stats).toHaveAttribute('data-n', String(measured.length));
  expect(Math.abs(Number(await stats.getAttribute('data-rho')) - expected)).toBeLessThan(1e-9);
  await expect(stats).toContainText(`ρ = ${expected.toFixed(3)}`);
  console.log(`scored ${scored.length} of ${VIEW_MAX} candidates; ρ(params, top-1) = ${expected.toFixed(4)}`);
});
