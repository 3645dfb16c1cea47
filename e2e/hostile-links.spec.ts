import { expect, test } from '@playwright/test';
import LZString from 'lz-string';

const { compressToEncodedURIComponent } = LZString;

import { mulberry32 } from '../src/core/util/prng';
import { decodeViewState, encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';

/** 200 broken links, each with something the decoder must refuse (so each must show the notice). */
function brokenLinks(): string[] {
  const rng = mulberry32(2024);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const valid = encodeViewState({ ...DEFAULT_VIEW_STATE, seed: 9, sampleSize: 5 });
  const payloads: unknown[] = [
    { __proto__: { polluted: 1 }, n: 5 },
    JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}'),
    { n: -5 },
    { n: 1e12 },
    { s: 'abc' },
    { p: ['synflow', 'rm -rf', '<img src=x onerror=alert(1)>'] },
    { f: '<script>alert(1)</script>' },
    { zzz: 1, yyy: 2 },
    [1, 2, 3],
    null,
    42,
    'string',
  ];
  const links: string[] = [];
  for (let i = 0; i < 200; i++) {
    const kind = i % 5;
    if (kind === 0) {
      // Truncated or mutated valid link.
      const cut = valid.slice(0, 3 + Math.floor(rng() * (valid.length - 3)));
      const at = Math.floor(rng() * cut.length);
      links.push(
        `${cut.slice(0, at)}${pick(['%', '~', '!', "'", '<', 'é', '%00', '..'])}${cut.slice(at + 1)}`,
      );
    } else if (kind === 1) {
      links.push(`v1.${compressToEncodedURIComponent(JSON.stringify(pick(payloads)))}`);
    } else if (kind === 2) {
      links.push(`v${Math.floor(rng() * 90) + 2}.${valid.slice(3)}`);
    } else if (kind === 3) {
      let garbage = '';
      const len = Math.floor(rng() * 300);
      for (let k = 0; k < len; k++) garbage += String.fromCharCode(33 + Math.floor(rng() * 90));
      links.push(encodeURIComponent(garbage) || 'x');
    } else {
      links.push(`v1.${'A'.repeat(20_000 + Math.floor(rng() * 50_000))}`);
    }
  }
  return links;
}

test('200 random or mutated links never break the page', async ({ page }) => {
  test.setTimeout(600_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  let noticed = 0;
  for (const [i, link] of brokenLinks().entries()) {
    if (i % 4 === 0) {
      // A fresh page load from the link (a query of its own makes it a load, not a hash change;
      // every fourth link, so each of the five kinds is opened both ways)...
      await page.goto(`/?link=${i}#${link}`);
    } else {
      // ...or the link pasted over the hash of a running page.
      await page.evaluate((hash) => {
        location.hash = hash;
      }, link);
    }
    // A mutation can land on a still-valid link; the notice must show exactly when the decoder
    // dropped something, and the generator must make nearly all of them broken.
    const expectNotice = decodeViewState(link).notices.length > 0;
    if (expectNotice) noticed++;
    await expect(page.getByTestId('url-notice'), `link ${i}: ${link.slice(0, 60)}`).toHaveCount(
      expectNotice ? 1 : 0,
    );
    // A working view: the table has rows (or, for a sample size of 0, says there are none) and the
    // controls hold valid values.
    const cells = Number(await page.getByTestId('input-cells').inputValue());
    expect(cells >= 0 && cells <= 1000, `link ${i}`).toBe(true);
    await expect(page.getByTestId(cells === 0 ? 'no-candidates' : 'result-row').first()).toBeVisible();
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
    expect(await page.locator('img, script:not([type="module"])').count(), `link ${i}`).toBe(0);
  }
  expect(errors).toEqual([]);
  expect(noticed).toBeGreaterThanOrEqual(190);
});

test('a link asking for thousands of jobs starts nothing until the user says yes', async ({ page }) => {
  // 1 000 cells × 3 proxies at a seed no shipped set holds: 3 000 jobs, past the 2 000 that need a yes.
  const view = {
    ...DEFAULT_VIEW_STATE,
    sampleSize: 1000,
    seed: 31337,
    proxies: ['params', 'flops', 'synflow'],
  };
  await page.goto(`/#${encodeViewState(view as typeof DEFAULT_VIEW_STATE)}`);
  const ask = page.getByTestId('link-run-ask');
  await expect(ask).toHaveAttribute('data-jobs', '3000');
  // Long enough for the 150 ms debounce and a run to have dispatched jobs, had one started.
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-dispatched', '0');
  await page.getByTestId('link-run-start').click();
  await expect(ask).toHaveCount(0);
  await expect
    .poll(async () => Number(await page.getByTestId('run-status').getAttribute('data-dispatched')))
    .toBeGreaterThan(0);
  await page.getByTestId('cancel').click();
  // A small link runs at once, without asking.
  await page.goto(`/#${encodeViewState({ ...DEFAULT_VIEW_STATE, sampleSize: 3, seed: 31337 })}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished');
  await expect(ask).toHaveCount(0);
});
