/**
 * Issue 16, item 6: the built app under its content security policy. The preview server sends the
 * headers of scripts/deploy/securityHeaders.ts (so every other spec runs under them too); here each
 * page is opened, does real work (a WASM score in a proxy worker, a lab fit in the lab worker, the
 * lecture with its verdict) and no CSP violation is reported by the page.
 */
import { expect, type Page, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../scripts/deploy/securityHeaders';
import { defaultLabState } from '../src/state/labState';
import { encodeLabState } from '../src/state/labUrl';
import { defaultLectureState } from '../src/state/lectureState';
import { encodeLectureState } from '../src/state/lectureUrl';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { readScores, waitForScores } from './readPage';

/** Collects CSP violations: the document's securitypolicyviolation events and "Refused to" console lines. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])),
  ];
}

test('the preview server sends the CSP, COOP and COEP, and the page is cross-origin isolated', async ({
  page,
}) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['cross-origin-opener-policy']).toBe(SECURITY_HEADERS['Cross-Origin-Opener-Policy']);
  expect(headers['cross-origin-embedder-policy']).toBe(SECURITY_HEADERS['Cross-Origin-Embedder-Policy']);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  // An inline script is refused: the policy is in force, not only sent.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
    return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
  });
  expect(ran).toBe(false);
});

test('the Explorer scores on WASM in its workers under the CSP, with no violation', async ({ page }) => {
  const violations = await watchViolations(page);
  // A seed no pre-scored set uses, so the scores are computed here.
  const view = { ...DEFAULT_VIEW_STATE, sampleSize: 2, seed: 4242 };
  await page.goto(`/?backend=wasm#${encodeViewState(view)}`);
  await waitForScores(page, view.sampleSize * view.proxies.length, 150_000);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  const scores = await readScores(page);
  expect(scores.filter((s) => !s.cached).length).toBeGreaterThan(0);
  expect(scores.every((s) => s.backend === 'wasm' && Number.isFinite(s.value))).toBe(true);
  expect(await violations()).toEqual([]);
});

test('the lab fits on WASM in its worker under the CSP, with no violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto(`/#${encodeLabState({ ...defaultLabState(), panel: 'bias' })}`);
  await expect(page.getByTestId('lab-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(page.getByTestId('bias-run')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  expect(await violations()).toEqual([]);
});

test('the lecture opens with its verdict at scale under the CSP, with no violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto(`/#${encodeLectureState({ ...defaultLectureState(), source: 'shipped', n: 2 })}`);
  await expect(page.getByTestId('lecture-view')).toBeVisible();
  await expect(page.getByTestId('lec-ood-verdict-text')).not.toBeEmpty({ timeout: 60_000 });
  await expect(page.getByTestId('lec-rho-ntk')).toBeVisible({ timeout: 120_000 });
  expect(await violations()).toEqual([]);
});
