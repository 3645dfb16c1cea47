import type { ProxyId } from '../core/proxies/ids';
import { nb201Sample, nb201ToIndex } from '../core/spaces/nb201';

/** Search spaces the explorer can show; grows into a union as spaces are added. */
export const SPACE_IDS = ['nb201'] as const;
export type SpaceId = (typeof SPACE_IDS)[number];

export const FIDELITIES = ['quick', 'paper'] as const;
export type Fidelity = (typeof FIDELITIES)[number];

/** Everything a share link restores. Changing its shape means bumping URL_STATE_VERSION (url.ts). */
export interface ViewState {
  space: SpaceId;
  /** Number of architectures sampled; integer in VIEW_STATE_LIMITS.sampleSize. */
  sampleSize: number;
  /** Sampling seed; unsigned 32-bit integer. */
  seed: number;
  fidelity: Fidelity;
  /** Implemented proxies, deduplicated, in display order; never empty. */
  proxies: ProxyId[];
  /** NB-201 cell index, or null when nothing is selected. */
  selected: number | null;
  /** Cells the user added (pasted or drawn), shown after the sample; NB-201 indices, no duplicates. */
  added: number[];
  /** The ground-truth column the plots compare against, by table name; the table itself never travels. */
  truth: { table: string; column: string } | null;
}

export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

export const VIEW_STATE_LIMITS = {
  sampleSize: { min: 1, max: 1000 },
  seed: { min: 0, max: 2 ** 32 - 1 },
  /** NB-201 has 5^6 = 15 625 cells. */
  selected: { min: 0, max: 15_624 },
  /** Cells a user may add to a view. */
  added: { min: 0, max: 1000 },
} as const satisfies Record<string, IntegerRange>;

export const DEFAULT_VIEW_STATE: ViewState = {
  space: 'nb201',
  sampleSize: 20,
  seed: 0,
  fidelity: 'quick',
  proxies: ['params', 'synflow'],
  selected: null,
  added: [],
  truth: null,
};

/** The view's cells: the seeded sample, then the added cells that are not in it. */
export function viewCells(view: Pick<ViewState, 'sampleSize' | 'seed' | 'added'>): number[] {
  const sample = nb201Sample(view.sampleSize, view.seed).map(nb201ToIndex);
  const inSample = new Set(sample);
  return [...sample, ...view.added.filter((c) => !inSample.has(c))];
}

/** A fresh copy of the defaults that the caller may mutate. */
export function defaultViewState(): ViewState {
  return { ...DEFAULT_VIEW_STATE, proxies: [...DEFAULT_VIEW_STATE.proxies], added: [] };
}

/** Rounds to the nearest integer and clamps into range; NaN becomes the minimum. */
export function clampInteger(value: number, { min, max }: IntegerRange): number {
  if (Number.isNaN(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}

export const clampSampleSize = (value: number): number => clampInteger(value, VIEW_STATE_LIMITS.sampleSize);
export const clampSeed = (value: number): number => clampInteger(value, VIEW_STATE_LIMITS.seed);
