/**
 * Live training in the lecture: a lecture link that shortens the demo to 10 steps ("ts": 10) opens on
 * the live-training screen; one ticked ViT trains in the page's worker, its test-accuracy curve gets
 * a point every 5 steps, and the final accuracy and the curve equal the same job run independently
 * in Node (the shipped table's job, groundTruthJob, cut to 10 steps, seed 0, on wasm).
 */
import { expect, test } from '@playwright/test';
import { groundTruthJob } from '../src/core/train/groundTruthPlan';
import { defaultLectureState, type LectureState } from '../src/state/lectureState';
import { encodeLectureState } from '../src/state/lectureUrl';
import { trainCurveInNode } from './nodeScores';

const STEPS = 10;
const EVAL_EVERY = 5;
const LECTURE: LectureState = {
  ...defaultLectureState(),
  present: true,
  hide: ['sliders'],
  source: 'shipped',
  n: 2,
  screen: 4,
  trainSteps: STEPS,
};

test('a ViT trained live in the lecture draws its accuracy curve and ends where Node ends', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(`/#${encodeLectureState(LECTURE)}`);
  const view = page.getByTestId('lecture-view');
  await expect(view).toHaveAttribute('data-screen', '4');
  await expect(page.getByTestId('lec-notice')).toHaveCount(0);
  const section = page.getByTestId('lec-train');
  await expect(section).toHaveAttribute('data-steps', String(STEPS));
  await expect(section).toHaveAttribute('data-eval-every', String(EVAL_EVERY));
  await expect(page.getByTestId('lec-train-steps')).toHaveValue(String(STEPS));

  // Nothing ticked: a hint, and the button does nothing.
  await expect(page.getByTestId('lec-train-problem')).toContainText('Pick 1 to 4 networks');
  await expect(page.getByTestId('lec-train-start')).toBeDisabled();

  const pick = page.getByTestId('lec-train-pick').first();
  const arch = (await pick.getAttribute('data-arch')) ?? '';
  expect(arch).toMatch(/^vit:web:/);
  await pick.check();
  await expect(page.getByTestId('lec-train-problem')).toHaveCount(0);
  await page.getByTestId('lec-train-start').click();
  await expect(page.getByTestId('lec-train-label')).toContainText(`${STEPS} steps of AdamW`);
  await expect(page.getByTestId('lec-train-label')).toContainText('seed 0');

  const run = page.locator(`[data-testid="lec-train-run"][data-arch="${arch}"]`);
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  await expect(section).toHaveAttribute('data-status', 'finished');
  const shown = await run.evaluate((el) => {
    const d = (el as HTMLElement).dataset;
    return {
      accuracy: Number(d.accuracy),
      curve: JSON.parse(d.curve ?? '[]') as { step: number; accuracy: number }[],
      step: Number(d.step),
      backend: d.backend ?? '',
      verdict: d.verdict ?? '',
      ms: Number(d.ms),
    };
  });
  expect(shown.step).toBe(STEPS);
  expect(shown.curve.map((p) => p.step)).toEqual([5, 10]);
  expect(shown.curve.at(-1)!.accuracy).toBe(shown.accuracy);
  // A 10-step demo is not the table's 100-step protocol, and the page says so.
  expect(shown.verdict).toBe('other-length');
  await expect(run).toContainText('not comparable');
  await expect(page.getByTestId('lec-train-chart')).toHaveAttribute('data-point-count', '2');

  const node = trainCurveInNode(
    groundTruthJob('vit-browser', { arch, seed: 0 }, 'quick', { length: { steps: STEPS } }),
    EVAL_EVERY,
  );
  expect(node.steps).toBe(STEPS);
  // wasm in the page and in Node; the page may pick the SIMD build or not, so sums may differ in order.
  expect(
    Math.abs(shown.accuracy - node.testAccuracy),
    `page ${shown.accuracy}, Node ${node.testAccuracy}`,
  ).toBeLessThanOrEqual(0.01);
  expect(node.testAccuracyCurve?.map((p) => p.step)).toEqual([5, 10]);
  for (const [i, point] of (node.testAccuracyCurve ?? []).entries()) {
    expect(Math.abs(shown.curve[i]!.accuracy - point.accuracy)).toBeLessThanOrEqual(0.01);
  }
  console.log(
    `lecture live training e2e: ${arch}, ${STEPS} steps on ${shown.backend} in ${Math.round(shown.ms)} ms; ` +
      `page curve ${shown.curve.map((p) => p.accuracy).join(', ')}; Node ${node.testAccuracyCurve?.map((p) => p.accuracy).join(', ')}`,
  );
});
