/**
 * How many workers score at once. `?workers=N` (1–8) in the page address sets it; otherwise one
 * per core but one, at most four: the page keeps a core. On 2 cores, 2 workers scored the
 * Explorer's ntk_cond 2.1x as fast as 1 with no long task (bench/browserWorkers.ts); the lecture's
 * responsiveness test failed once with 2 (72 ms tasks) but also once with 1, so the evidence is not
 * settled and all cores stay an opt-in for now.
 */
export const MAX_WORKERS = 8;

export function workerCount(search: string, cores: number | undefined): number {
  const asked = new URLSearchParams(search).get('workers');
  const n = asked === null ? Number.NaN : Number(asked);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS) return n;
  return Math.max(1, Math.min(4, (cores ?? 2) - 1));
}

/** The page's worker count (location and navigator when there are any: tests run without). */
export function pageWorkerCount(): number {
  return workerCount(globalThis.location?.search ?? '', globalThis.navigator?.hardwareConcurrency);
}
