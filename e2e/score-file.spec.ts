/**
 * Scores computed by the command line load into the browser: `npm run score` runs here on two
 * AutoFormer-Ti networks (a table's rows), its JSON lines are loaded through "Load scores…", and
 * the lecture on that table then shows all four scores from the file, none computed in the page.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { defaultLectureState } from '../src/state/lectureState';
import { encodeLectureState } from '../src/state/lectureUrl';

const ARCHS = readFileSync('scripts/data/prescored/autoformer-ti-archs.txt', 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('vit:'))
  .slice(0, 2);

test('a scores file from npm run score serves the lecture on an imported table', async ({ page }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'score-file-'));
  writeFileSync(join(dir, 'archs.txt'), `${ARCHS.join('\n')}\n`);
  const out = join(dir, 'scores.jsonl');
  // Seed 5 and one initialisation: jobs no shipped set holds.
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './scripts/node/register-tfjs-esm.mjs',
      'scripts/score.ts',
      '--space',
      'autoformer-tiny',
      '--archs',
      join(dir, 'archs.txt'),
      '--proxies',
      'ntk_cond,vintk',
      '--seed',
      '5',
      '--param',
      'ntk_cond.repeats=1',
      '--param',
      'vintk.repeats=1',
      '--out',
      out,
    ],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  expect(run.status, run.stderr).toBe(0);

  await page.goto('/');
  const table = ['arch,acc', `"${ARCHS[0]}",71.5`, `"${ARCHS[1]}",73.0`].join('\n');
  await page
    .getByTestId('gt-file')
    .setInputFiles({ name: 'two-vits.csv', mimeType: 'text/csv', buffer: Buffer.from(table) });
  await page.getByTestId('gt-map-import').click();
  await expect(page.locator('[data-testid="gt-table"][data-name="two-vits"]')).toHaveCount(1);
  await page.getByTestId('score-file-input').setInputFiles(out);
  await expect(page.getByTestId('score-file-result')).toHaveAttribute('data-added', '4');

  const lecture = {
    ...defaultLectureState(),
    source: 'table' as const,
    table: 'two-vits',
    column: 'acc',
    n: 2,
    seed: 5,
    repeats: 1,
    hf: 'vintk' as const,
  };
  await page.goto(`/#${encodeLectureState(lecture)}`);
  await expect(page.getByTestId('lec-prepared')).toHaveAttribute('data-imported', '4', { timeout: 60_000 });
  // The lecture's numbers are the file's, to the last digit.
  const records = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { arch: string; proxy: string; value: number });
  const scoreOf = (arch: string, proxy: string) =>
    records.find((r) => r.arch === arch && r.proxy === proxy)?.value;
  for (const arch of ARCHS) {
    const row = page.locator(`[data-testid="lec-row"][data-arch="${arch}"]`);
    expect(Number(await row.getAttribute('data-ntk'))).toBe(scoreOf(arch, 'ntk_cond'));
    expect(Number(await row.getAttribute('data-vintk'))).toBe(scoreOf(arch, 'vintk'));
  }
});
