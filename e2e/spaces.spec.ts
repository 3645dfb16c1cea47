/**
 * The Explorer beyond NAS-Bench-201: the MLP space scored in workers (parameter counts checked
 * against the closed form), and the published AutoFormer-Ti table imported, its own architectures
 * scored, the ρ shown equal to the ρ of the numbers shown, and the view shared to a fresh context.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { importThroughDialog, readScores, waitForScores } from './readPage';
import { spearmanHere } from './spearmanHere';
import { autoProxCsvFile } from './testFiles';

/** The default view by its link ('/' alone opens the prepared first view, first-visit.spec.ts). */
const DEFAULT_LINK = `/#${encodeViewState(DEFAULT_VIEW_STATE)}`;

// Auto-Prox's table in its published layout, written from the rows that ship (e2e/testFiles.ts).
const AUTOPROX_CSV = autoProxCsvFile();

/** AutoFormer-Ti rows of Auto-Prox's table: arch_json → CIFAR-100 accuracy trained from scratch. */
function autoProxTiny(): { archJson: string; acc: number }[] {
  const rows: { archJson: string; acc: number }[] = [];
  for (const line of readFileSync(AUTOPROX_CSV, 'utf8').trim().split('\n').slice(1)) {
    // file,row,space,"{json with commas}",cifar100_scratch,…
    const m = /^[^,]*,[^,]*,([^,]*),"(.*)",([^,]*),/.exec(line);
    // An empty accuracy field is NaN (not 0).
    const acc = m?.[3] === '' ? Number.NaN : Number(m?.[3]);
    if (m && m[1] === 'AutoFormer-Ti') rows.push({ archJson: m[2]!.replaceAll('""', '"'), acc });
  }
  return rows;
}

/** Our ViT text for an Auto-Prox arch_json (written here, not with the app's parser). */
function vitText(archJson: string): string {
  const a = JSON.parse(archJson) as {
    hidden_dim: number;
    mlp_ratio: number[];
    num_heads: number[];
    depth: number;
  };
  const d = a.depth;
  return `vit:ti:e${a.hidden_dim}:m${a.mlp_ratio.slice(0, d).join(',')}:h${a.num_heads.slice(0, d).join(',')}`;
}

/** Parameters of our MLP text by the closed form: (in+1)·w + (d−1)(w+1)·w + (w+1)·out. */
function mlpParamsHere(text: string): number {
  const m = /^mlp:in(\d):d(\d+):w(\d+):\w+:o(\d+):(.*)$/.exec(text);
  if (!m) throw new Error(`not an MLP text: ${text}`);
  const [inputs, depth, width, outputs] = [1, 2, 3, 4].map((i) => Number(m[i]));
  const mapping = m[5]!;
  const mapped =
    mapping === 'none'
      ? inputs!
      : mapping === 'basic'
        ? 2 * inputs!
        : mapping.startsWith('pos-l')
          ? 2 * inputs! * Number(mapping.slice(5))
          : 2 * Number(/-m(\d+)-/.exec(mapping)![1]);
  return (mapped + 1) * width! + (depth! - 1) * (width! + 1) * width! + (width! + 1) * outputs!;
}

test('the MLP space: sampled layers drawn and scored in workers, params equal to the closed form', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(DEFAULT_LINK);
  await page.getByTestId('input-space').selectOption('mlp');
  await waitForScores(page, 40, 200_000);
  const scores = await readScores(page);
  const params = scores.filter((s) => s.proxy === 'params');
  expect(params).toHaveLength(20);
  for (const s of params) {
    expect(s.arch).toMatch(/^mlp:in1:/);
    expect(s.value, s.arch).toBe(mlpParamsHere(s.arch));
  }
  // Each row draws its layers.
  await expect(page.locator('[data-testid="result-row"] svg[role="img"]')).toHaveCount(20);
});

test('AutoFormer-Ti: the imported table’s architectures scored, ρ shown = ρ of the numbers shown, shared', async ({
  page,
  browser,
}) => {
  test.setTimeout(360_000);
  const truth = new Map(autoProxTiny().map((r) => [vitText(r.archJson), r.acc]));
  expect(truth.size).toBeGreaterThan(150);
  await page.goto(DEFAULT_LINK);
  await importThroughDialog(page, AUTOPROX_CSV);
  await expect(page.locator('[data-testid="gt-table"][data-shipped="false"]')).toHaveCount(1, {
    timeout: 60_000,
  });
  await page.getByTestId('pva-use-table').click();
  await expect(page.getByTestId('input-space')).toHaveValue('autoformer-tiny');
  await expect(page.getByTestId('pva-table-note')).toContainText(`${truth.size} architectures`);
  // Only params: the other default (synflow) is left off so the run stays short.
  await page.getByTestId('proxy-synflow').uncheck();
  await waitForScores(page, truth.size, 300_000);
  await page.getByTestId('pva-x').selectOption('params');
  const yChoice = await page.getByTestId('pva-y').inputValue();
  expect(yChoice).toMatch(/cifar100_scratch$/);

  const scores = (await readScores(page)).filter((s) => s.proxy === 'params');
  expect(new Set(scores.map((s) => s.arch))).toEqual(new Set(truth.keys()));
  // The second hundred rows (gt_autoformer_2) have no CIFAR-100 from-scratch accuracy.
  const measured = scores.filter((s) => Number.isFinite(truth.get(s.arch)));
  expect(measured.length).toBeGreaterThanOrEqual(100);
  const expected = spearmanHere(
    measured.map((s) => s.value),
    measured.map((s) => truth.get(s.arch)!),
  );
  const stats = page.getByTestId('pva-stats');
  await expect(stats).toHaveAttribute('data-n', String(measured.length));
  expect(Math.abs(Number(await stats.getAttribute('data-rho')) - expected)).toBeLessThan(1e-9);
  await expect(stats).toContainText(`ρ = ${expected.toFixed(3)}`);

  // A fresh context opening the link sees the same candidates and, once it has the table, the same ρ.
  const link = page.url();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('input-space')).toHaveValue('autoformer-tiny');
  await expect(other.getByTestId('gt-needed')).toBeVisible({ timeout: 60_000 });
  await waitForScores(other, truth.size, 300_000);
  const again = (await readScores(other)).filter((s) => s.proxy === 'params');
  expect(new Map(again.map((s) => [s.arch, s.value]))).toEqual(new Map(scores.map((s) => [s.arch, s.value])));
  await fresh.close();
});
