import type { ProxyId } from '../core/proxies/ids';
import { getProxy } from '../core/proxies/registry';
import { type SpaceId, spaceFamily } from '../core/spaces/architecture';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { NB201_QUICK_COMBO_COMPONENTS } from '../core/stats/comboDefaults';

/** Search spaces the explorer can show: every space the core builds. */
export { SPACE_IDS, type SpaceId } from '../core/spaces/architecture';

/** What the space picker says about each space. */
export const SPACE_LABELS: Record<SpaceId, string> = {
  nb201: 'NAS-Bench-201 (CIFAR-10 cells)',
  'vit-browser': 'Browser ViT (ours: patch 4, 32 px)',
  'autoformer-tiny': 'AutoFormer-Ti (ViT)',
  'autoformer-small': 'AutoFormer-S (ViT)',
  'autoformer-base': 'AutoFormer-B (ViT)',
  mlp: 'MLP lab space (1-D coordinates)',
};

export const FIDELITIES = ['quick', 'paper'] as const;

/** Image sets the data proxies can read (the MLP space always reads the [0, 1) grid). */
export const DATA_SOURCES = ['cifar10-train', 'cifar10-test'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];
export type Fidelity = (typeof FIDELITIES)[number];

/** Everything a share link restores. Changing its shape means bumping URL_STATE_VERSION (url.ts). */
export interface ViewState {
  space: SpaceId;
  /** Number of architectures sampled (0: only the added ones); integer in VIEW_STATE_LIMITS.sampleSize. */
  sampleSize: number;
  /** Sampling seed; unsigned 32-bit integer. */
  seed: number;
  fidelity: Fidelity;
  /** Data proxies' batch size; null: the fidelity's own (quick 32, paper 64 or 128). */
  batch: number | null;
  /** Where data proxies draw their seeded batch from. */
  data: DataSource;
  /** Implemented proxies, deduplicated, in display order; never empty. */
  proxies: ProxyId[];
  /** Candidate index in the space (candidateCodec.ts; NB201: the cell index), or null. */
  selected: number | null;
  /** Candidates the user added (pasted or drawn), shown after the sample; indices, no duplicates. */
  added: number[];
  /** The ground-truth column the plots compare against, by table name; the table itself never travels. */
  truth: { table: string; column: string } | null;
  /**
   * The combo's components (AZ-NAS rank aggregation, core/stats/combo.ts), or null for the default
   * ones (comboDefaults.ts); only those the view scores are used (comboComponentsOf).
   */
  combo: ProxyId[] | null;
}

export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

export const VIEW_STATE_LIMITS = {
  sampleSize: { min: 0, max: 1000 },
  seed: { min: 0, max: 2 ** 32 - 1 },
  batch: { min: 2, max: 256 },
  /** Cells a user may add to a view. */
  added: { min: 0, max: 1000 },
} as const satisfies Record<string, IntegerRange>;

export const DEFAULT_VIEW_STATE: ViewState = {
  space: 'nb201',
  sampleSize: 20,
  seed: 0,
  fidelity: 'quick',
  batch: null,
  data: 'cifar10-train',
  proxies: ['params', 'synflow'],
  selected: null,
  added: [],
  truth: null,
  combo: null,
};

/** The view's candidates: the seeded sample, then the added ones that are not in it (indices). */
export function viewCells(view: Pick<ViewState, 'space' | 'sampleSize' | 'seed' | 'added'>): number[] {
  const sample = candidateCodec(view.space).sample(view.sampleSize, view.seed);
  const inSample = new Set(sample);
  // A seeded ViT or MLP sample may draw one architecture twice; the view lists it once.
  return [...inSample, ...view.added.filter((c) => !inSample.has(c))];
}

/** Whether a proxy can score networks of a space (the registry's `spaces` lists families). */
export function proxyApplies(proxy: ProxyId, space: SpaceId): boolean {
  return getProxy(proxy).spaces.includes(spaceFamily(space));
}

/**
 * The view after picking another space: its own sample, no added or selected candidates (their
 * indices meant architectures of the old space), and only the proxies that apply there.
 */
export function switchSpace(view: ViewState, space: SpaceId): ViewState {
  if (space === view.space) return view;
  const kept = view.proxies.filter((p) => proxyApplies(p, space));
  return {
    ...view,
    space,
    added: [],
    selected: null,
    proxies: kept.length > 0 ? kept : ['params'],
  };
}

/** A combo of fewer components is just one proxy's rank: the view shows none. */
export const MIN_COMBO_COMPONENTS = 2;

/** The combo's components that the view scores, in the combo's order (empty: no combo shown). */
export function comboComponentsOf(view: Pick<ViewState, 'combo' | 'proxies'>): ProxyId[] {
  const chosen = (view.combo ?? NB201_QUICK_COMBO_COMPONENTS).filter((p) => view.proxies.includes(p));
  return chosen.length >= MIN_COMBO_COMPONENTS ? chosen : [];
}

/** The view's combo with `id` added as its last component, or taken out (the defaults become a list). */
export function toggleComboComponent(view: Pick<ViewState, 'combo'>, id: ProxyId): ProxyId[] {
  const current: readonly ProxyId[] = view.combo ?? NB201_QUICK_COMBO_COMPONENTS;
  return current.includes(id) ? current.filter((p) => p !== id) : [...current, id];
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
export const clampBatch = (value: number): number => clampInteger(value, VIEW_STATE_LIMITS.batch);
