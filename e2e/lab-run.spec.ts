/**
 * The lab's one run contract (src/ui/lab/useWorkerRun.ts), on both of its shapes in a real browser
 * with the real lab worker: a streamed fit (panel 1) and a debounced NTK run (panel 5). Cancel stops
 * the run and keeps what it reached; a new run starts over; a change of setting supersedes a run.
 */
import { expect, type Page, test } from '@playwright/test';
import { defaultLabState, type LabState } from '../src/state/labState';
import { encodeLabState } from '../src/state/labUrl';

function labLink(patch: Partial<LabState>): string {
  return `/#${encodeLabState({ ...defaultLabState(), ...patch })}`;
}

async function iterationOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('bias-run').getAttribute('data-iteration'));
}

test('a streamed fit cancelled midway says so, keeps its records, and runs again to the end', async ({
  page,
}) => {
  await page.goto(labLink({ panel: 'bias' }));
  const run = page.getByTestId('bias-run');
  await expect(run).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect.poll(() => iterationOf(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
  await page.getByTestId('bias-cancel').click();
  await expect(run).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 });
  const reached = await iterationOf(page);
  const total = Number(await run.getAttribute('data-total'));
  expect(reached).toBeGreaterThanOrEqual(20);
  expect(reached).toBeLessThan(total);
  // The records the run reached stay on the page (the last one is drawn).
  await expect(page.getByTestId('bias-last')).toHaveAttribute('data-iteration', String(reached));
  expect(Number(await run.getAttribute('data-seconds'))).toBeGreaterThan(0);

  await page.getByTestId('bias-start').click();
  await expect(run).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  expect(await iterationOf(page)).toBe(total);
});

test('an NTK run is superseded by a changed setting, and a cancelled one reads cancelled', async ({
  page,
}) => {
  await page.goto(labLink({ panel: 'precond' }));
  const run = page.getByTestId('precond-run');
  const seed = page.getByTestId('precond-seed');
  await expect(run).toHaveAttribute('data-state', 'computing', { timeout: 60_000 });
  // A new seed while the first run computes: that run is stopped and the new one runs to its end.
  await seed.fill('1');
  await seed.press('Enter');
  await expect(run).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  const rows = await page.getByTestId('precond-result').getAttribute('data-rows');
  // What is shown is seed 1's result, not the superseded seed-0 run's: a fresh page of seed 1 agrees.
  const fresh = await page.context().newPage();
  await fresh.goto(labLink({ panel: 'precond', seed: 1 }));
  await expect(fresh.getByTestId('precond-run')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  expect(await fresh.getByTestId('precond-result').getAttribute('data-rows')).toBe(rows);
  await fresh.goto(labLink({ panel: 'precond', seed: 0 }));
  await expect(fresh.getByTestId('precond-run')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  expect(await fresh.getByTestId('precond-result').getAttribute('data-rows')).not.toBe(rows);
  await fresh.close();

  await seed.fill('2');
  await seed.press('Enter');
  await expect(run).toHaveAttribute('data-state', 'computing', { timeout: 60_000 });
  await run.getByRole('button', { name: 'Cancel' }).click();
  await expect(run).toHaveAttribute('data-state', 'cancelled', { timeout: 60_000 });
  expect(Number(await run.getAttribute('data-wall-ms'))).toBeGreaterThan(0);
});
