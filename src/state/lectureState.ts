/**
 * The lecture view's shareable state ("NTK vs ViNTK"): which screen a presentation shows, where the
 * candidates come from, how many, the seed, the high-frequency proxy (vintk with r and α, or
 * vintk_rfp with σ), presentation mode, which control groups
 * are hidden (TensorFlow-Playground-style "_hide" flags in the link), whether the sliders are
 * locked, and how many steps the live training takes. A link reopens the same lecture; scores are
 * recomputed (or read from the cache).
 */
import { create } from 'zustand';
import { NTK_PROXY_DEFAULTS } from '../core/proxies/paperDefaults';
import type { SpaceId } from '../core/spaces/architecture';
// schedule.ts is tfjs-free (liveTraining.ts is not): the state module must not pull tfjs in.
import { SHORT_VIT_SCHEDULE, totalSteps } from '../core/train/schedule';

const LIVE_FULL_STEPS = totalSteps(SHORT_VIT_SCHEDULE, 0);

/**
 * Presentation screens: 0 the claim, 1 the images at r, 2 the two scatters, 3 the numbers, 4 live
 * training (last, so hiding it changes no other screen's number).
 */
export const LECTURE_SCREENS = ['claim', 'images', 'scatters', 'numbers', 'train'] as const;
export type LectureScreen = (typeof LECTURE_SCREENS)[number];

export const LECTURE_SCREEN_TITLES: Record<LectureScreen, string> = {
  claim: '1 · The claim',
  images: '2 · The high-frequency domain',
  scatters: '3 · Proxy against accuracy',
  numbers: '4 · The numbers',
  train: '5 · Watch a ground-truth point being made',
};

/**
 * 'shipped': the browser-ViT table trained here; 'sample': a seeded sample of the browser ViT space;
 * 'table': the rows of a ground-truth table the user imported (e.g. Auto-Prox's AutoFormer-Ti).
 */
export const LECTURE_SOURCES = ['shipped', 'sample', 'table'] as const;
export type LectureSource = (typeof LECTURE_SOURCES)[number];

/** The ViT spaces an imported table's rows may come from (the lecture compares ViT proxies). */
export const LECTURE_TABLE_SPACES = [
  'autoformer-tiny',
  'autoformer-small',
  'autoformer-base',
  'vit-browser',
] as const satisfies readonly SpaceId[];
export type LectureTableSpace = (typeof LECTURE_TABLE_SPACES)[number];

/** Longest table name a link keeps (the import dialog's limit, MAX_TABLE_NAME in core/groundtruth). */
export const LECTURE_MAX_TABLE_NAME = 120;
/** Longest column name a link keeps (the Explorer's link allows the same). */
export const LECTURE_MAX_COLUMN_NAME = 200;

/** Control groups a lecturer can hide from the audience. */
export const LECTURE_HIDE_GROUPS = ['source', 'sliders', 'table', 'train'] as const;
export type LectureHideGroup = (typeof LECTURE_HIDE_GROUPS)[number];

/**
 * The high-frequency proxy the second column shows: vintk (our reading of ViNTK, r and α) or
 * vintk_rfp (docs/science.md §2's documented alternative: random Fourier patch embedding, σ) or
 * vintk_ff (reading B: Fourier features of the inputs fed to the learned patch embedding, σ).
 */
export const LECTURE_HF_PROXIES = ['vintk', 'vintk_rfp', 'vintk_ff'] as const;
export type LectureHfProxy = (typeof LECTURE_HF_PROXIES)[number];

export interface LectureState {
  /** Presentation screen, 0 … LECTURE_SCREENS.length − 1. */
  screen: number;
  source: LectureSource;
  /** Number of candidate architectures (cells). */
  n: number;
  /** Seed of the initialisations, the data batch and (source 'sample') the architecture sample. */
  seed: number;
  /** ViNTK's cut-off radius (Nyquist = 1). */
  r: number;
  /** ViNTK's weight of the high-frequency NTK. */
  alpha: number;
  /** Which high-frequency proxy the second column computes. */
  hf: LectureHfProxy;
  /** σ of vintk_rfp (in units of the patch norm) or of vintk_ff (B's std per pixel value in [0, 1]). */
  sigma: number;
  /** Initialisations each NTK score averages log10 κ over (one is not a stable ranking on ViTs). */
  repeats: number;
  present: boolean;
  /** Hidden control groups, in LECTURE_HIDE_GROUPS order, no duplicates. */
  hide: LectureHideGroup[];
  /** Sliders shown but disabled. */
  lock: boolean;
  /** Steps of live training: the shipped table's 100 reproduce its numbers; fewer make a shorter demo. */
  trainSteps: number;
  /** Source 'table': the imported table's name ('' until one is chosen). Links carry the name only. */
  table: string;
  /** Source 'table': the accuracy column ('' = the table's default column). */
  column: string;
  /** Source 'table': which of the table's spaces to take rows from (null = its first ViT space). */
  tableSpace: LectureTableSpace | null;
}

export const LECTURE_LIMITS = {
  screen: { min: 0, max: LECTURE_SCREENS.length - 1 },
  n: { min: 2, max: 200 },
  seed: { min: 0, max: 2 ** 32 - 1 },
  r: { min: 0, max: 1.5 },
  alpha: { min: 0, max: 1 },
  // vintk_rfp accepts (0, 100]; below 0.01 the features are all but constant.
  sigma: { min: 0.01, max: 100 },
  // The NTK proxies accept 1 to 20 initialisations (ntkSettings).
  repeats: { min: 1, max: 20 },
  trainSteps: { min: 1, max: LIVE_FULL_STEPS },
} as const;

export const DEFAULT_LECTURE_STATE: LectureState = {
  screen: 0,
  source: 'shipped',
  n: 12,
  seed: 0,
  r: 0.25,
  alpha: 0.5,
  hf: 'vintk',
  sigma: 1,
  repeats: NTK_PROXY_DEFAULTS.repeats,
  present: false,
  hide: [],
  lock: false,
  trainSteps: LIVE_FULL_STEPS,
  table: '',
  column: '',
  tableSpace: null,
};

export function defaultLectureState(): LectureState {
  return { ...DEFAULT_LECTURE_STATE, hide: [] };
}

/** The hide list in canonical order (so equal sets give equal links). */
export function canonicalHide(groups: Iterable<LectureHideGroup>): LectureHideGroup[] {
  const set = new Set(groups);
  return LECTURE_HIDE_GROUPS.filter((g) => set.has(g));
}

/** The screens a presentation steps through: all, less live training when the link hides it. */
export function lectureScreens(hide: readonly LectureHideGroup[] = []): LectureScreen[] {
  return LECTURE_SCREENS.filter((s) => s !== 'train' || !hide.includes('train'));
}

/** The nearest screen index a presentation with these hidden groups has. */
export function clampScreen(screen: number, hide: readonly LectureHideGroup[] = []): number {
  const max = lectureScreens(hide).length - 1;
  return Math.min(max, Math.max(LECTURE_LIMITS.screen.min, Math.round(screen)));
}

export interface LectureStore {
  lecture: LectureState;
  notices: string[];
  setLecture(patch: Partial<LectureState>): void;
  dismissNotices(): void;
}

export const useLectureStore = create<LectureStore>()((set) => ({
  lecture: defaultLectureState(),
  notices: [],
  setLecture: (patch) => set((s) => ({ lecture: { ...s.lecture, ...patch } })),
  dismissNotices: () => set({ notices: [] }),
}));
