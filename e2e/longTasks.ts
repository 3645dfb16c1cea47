/** Main-thread tasks over 50 ms (the Long Tasks API), for the responsiveness test and the bench. */
import type { Page } from '@playwright/test';

export interface LongTask {
  start: number;
  duration: number;
}

/** Records every long task from page load on (call before page.goto). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks that started at or after `since` (the page's performance.now()). */
export function longTasksSince(page: Page, since: number): Promise<LongTask[]> {
  return page.evaluate(
    (t0) => (window as unknown as { __longTasks: LongTask[] }).__longTasks.filter((t) => t.start >= t0),
    since,
  );
}
