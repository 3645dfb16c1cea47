/**
 * Panel 5's settings → the core's PrecondConfig (pure; the e2e test builds its Node reference with
 * it): n points on the circle and the hidden width from the lab, k' = the lab's flatten, and the
 * frequencies, loss threshold and step cap of the panel.
 */
import type { PrecondConfig } from '../../core/lab/precondGd';
import type { LabState } from '../../state/labState';

export const PRECOND_DEFAULT_FREQUENCIES: readonly number[] = [1, 2, 3, 4];
export const PRECOND_DEFAULT_THRESHOLD = 1e-3;
export const PRECOND_DEFAULT_CAP = 2500;
export const PRECOND_THRESHOLD_LIMITS = { min: 1e-8, max: 1 } as const;
export const PRECOND_CAP_LIMITS = { min: 10, max: 20_000 } as const;
/** More frequencies than this make a run too long to watch. */
export const PRECOND_MAX_FREQUENCIES = 12;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** "1, 2, 3 4" → [1, 2, 3, 4]: whole numbers ≥ 0, separated by commas or spaces, each once. */
export function parseFrequencies(text: string): Parsed<number[]> {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, problem: 'Give at least one frequency k, e.g. "1, 2, 3, 4".' };
  if (parts.length > PRECOND_MAX_FREQUENCIES)
    return {
      ok: false,
      problem: `Give at most ${PRECOND_MAX_FREQUENCIES} frequencies; got ${parts.length}.`,
    };
  const values: number[] = [];
  for (const part of parts) {
    const k = Number(part);
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(k))
      return { ok: false, problem: `"${part}" is not a whole number ≥ 0: frequencies are 0, 1, 2, …` };
    if (values.includes(k)) return { ok: false, problem: `k = ${k} is listed twice.` };
    values.push(k);
  }
  return { ok: true, value: values };
}

export function formatFrequencies(values: readonly number[]): string {
  return values.join(', ');
}

export function precondConfig(
  lab: LabState,
  frequencies: readonly number[],
  threshold: number,
  maxIterations: number,
): PrecondConfig {
  return {
    n: lab.points,
    width: lab.width,
    frequencies,
    flatten: lab.flatten,
    threshold,
    maxIterations,
    seed: lab.seed,
  };
}
