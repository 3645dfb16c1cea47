/**
 * The lecture view's shareable state ("NTK vs ViNTK"): which screen a presentation shows, where the
 * candidates come from, how many, the seed, ViNTK's r and α, presentation mode, which control groups
 * are hidden (TensorFlow-Playground-style "_hide" flags in the link) and whether the sliders are
 * locked. A link reopens the same lecture; scores are recomputed (or read from the cache).
 */
import { create } from 'zustand';

/** Presentation screens: 0 the claim, 1 the images at r, 2 the two scatters, 3 the numbers. */
export const LECTURE_SCREENS = ['claim', 'images', 'scatters', 'numbers'] as const;
export type LectureScreen = (typeof LECTURE_SCREENS)[number];

export const LECTURE_SCREEN_TITLES: Record<LectureScreen, string> = {
  claim: '1 · The claim',
  images: '2 · The high-frequency domain',
  scatters: '3 · Proxy against accuracy',
  numbers: '4 · The numbers',
};

export const LECTURE_SOURCES = ['shipped', 'sample'] as const;
export type LectureSource = (typeof LECTURE_SOURCES)[number];

/** Control groups a lecturer can hide from the audience. */
export const LECTURE_HIDE_GROUPS = ['source', 'sliders', 'table'] as const;
export type LectureHideGroup = (typeof LECTURE_HIDE_GROUPS)[number];

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
  present: boolean;
  /** Hidden control groups, in LECTURE_HIDE_GROUPS order, no duplicates. */
  hide: LectureHideGroup[];
  /** Sliders shown but disabled. */
  lock: boolean;
}

export const LECTURE_LIMITS = {
  screen: { min: 0, max: LECTURE_SCREENS.length - 1 },
  n: { min: 2, max: 200 },
  seed: { min: 0, max: 2 ** 32 - 1 },
  r: { min: 0, max: 1.5 },
  alpha: { min: 0, max: 1 },
} as const;

export const DEFAULT_LECTURE_STATE: LectureState = {
  screen: 0,
  source: 'shipped',
  n: 12,
  seed: 0,
  r: 0.25,
  alpha: 0.5,
  present: false,
  hide: [],
  lock: false,
};

export function defaultLectureState(): LectureState {
  return { ...DEFAULT_LECTURE_STATE, hide: [] };
}

/** The hide list in canonical order (so equal sets give equal links). */
export function canonicalHide(groups: Iterable<LectureHideGroup>): LectureHideGroup[] {
  const set = new Set(groups);
  return LECTURE_HIDE_GROUPS.filter((g) => set.has(g));
}

export function clampScreen(screen: number): number {
  const { min, max } = LECTURE_LIMITS.screen;
  return Math.min(max, Math.max(min, Math.round(screen)));
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
