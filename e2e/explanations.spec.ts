/**
 * The "What am I looking at?" boxes: closing the Explorer's is remembered across a reload (per id,
 * in localStorage), the reopen button brings it back, and a browser that blocks storage altogether
 * still closes it for the session without an error on the page.
 */
import { expect, test } from '@playwright/test';

test('a closed explanation stays closed after a reload and comes back on request', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const box = page.getByTestId('explanation-explorer');
  const reopen = page.getByTestId('explain-explorer');
  await expect(box).toBeVisible();
  await expect(box).toContainText('Spearman ρ');
  await expect(reopen).toHaveCount(0);

  await box.getByRole('button', { name: 'Close explanation' }).click();
  await expect(box).toHaveCount(0);
  await expect(reopen).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('run-status')).toBeVisible();
  await expect(box).toHaveCount(0);
  await expect(reopen).toBeVisible();

  // Another page's explanation is its own: the lab's first panel still shows its box.
  await page.getByTestId('page-lab').click();
  await expect(page.getByTestId('explanation-lab-bias')).toBeVisible();
  await page.getByTestId('page-explorer').click();

  await page.getByTestId('explain-explorer').click();
  await expect(box).toBeVisible();
  await page.reload();
  await expect(box).toBeVisible();
  expect(errors).toEqual([]);
});

test('with storage blocked, closing works for the session and nothing throws', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const box = page.getByTestId('explanation-explorer');
  await expect(box).toBeVisible();
  await box.getByRole('button', { name: 'Close explanation' }).click();
  await expect(box).toHaveCount(0);
  await expect(page.getByTestId('explain-explorer')).toBeVisible();
  // Nothing could be stored: a reload shows the explanation again.
  await page.reload();
  await expect(box).toBeVisible();
  expect(errors).toEqual([]);
});
