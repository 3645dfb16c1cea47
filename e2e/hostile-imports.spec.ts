/**
 * Issue 16, item 1: files that took the tab down or were accepted are refused in the data worker,
 * with the line and the limit, while the page stays responsive and the tables already loaded stay.
 */
import { expect, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';

const file = (name: string, text: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

test('hostile imports are refused with a reason and lose nothing already loaded', async ({ page }) => {
  await page.goto(`/#${encodeViewState({ ...DEFAULT_VIEW_STATE, sampleSize: 2 })}`);
  // A good table first: it must survive every refusal below.
  const good = [
    'arch,acc',
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|,93.1',
  ];
  await page.getByTestId('gt-file').setInputFiles(file('good.csv', good.join('\n')));
  await page.getByTestId('gt-map-import').click();
  await expect(page.locator('[data-testid="gt-table"][data-name="good"]')).toHaveCount(1);

  const hostile = [
    {
      name: 'items.json',
      text: JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ [`k${i}`]: i }))),
      reason: /more than 1000 different fields/,
    },
    {
      name: 'deep.json',
      text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      reason: /nest deeper than 64 levels/,
    },
    {
      name: 'wide.csv',
      text: `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n`,
      reason: /10000 columns; the import limit is 1000/,
    },
  ];
  for (const h of hostile) {
    await page.getByTestId('gt-file').setInputFiles(file(h.name, h.text));
    await expect(page.getByTestId('gt-error')).toContainText(h.reason);
    // The page answers at once, and the good table is still there.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await expect(page.locator('[data-testid="gt-table"][data-name="good"]')).toHaveCount(1);
    await expect(page.getByTestId('gt-mapping')).toHaveCount(0);
  }
});
