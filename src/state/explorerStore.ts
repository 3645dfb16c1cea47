/**
 * The Explorer's state: the shareable view (mirrored in the URL hash) and what computing has
 * produced so far. The store only remembers; compute/ fills it, ui/ reads it.
 */
import { create } from 'zustand';
import type { RunProgress, ScoredJob } from '../compute/scoreRun';
import type { ScoreJob } from '../core/proxies/scoreJob';
import type { BackendReport } from '../runtime/backends/backendReport';
import { firstVisitView } from './firstVisit';
import type { ViewState } from './viewState';

/**
 * A link opened from anywhere may name up to 2 000 architectures × every proxy (38 000 jobs): past
 * this many jobs that no shipped set holds, the run waits for the user's yes.
 */
export const LINK_ASK_JOBS = 2000;

export type RunStatus = 'idle' | 'running' | 'finished' | 'cancelled';

export interface CacheStatus {
  kind: 'indexeddb' | 'memory';
  problem?: string;
}

export interface ExplorerState {
  view: ViewState;
  /** Plain-text notices (e.g. what a damaged link lost); never rendered as HTML. */
  notices: string[];
  backend: BackendReport | null;
  backendError: string | null;
  /** Why the workers' backend changed while the page was open (a worker died), for the user. */
  backendChange: string | null;
  cache: CacheStatus | null;
  /** Results by scoreSlot(job). */
  scores: Record<string, ScoredJob>;
  errors: Record<string, string>;
  progress: RunProgress | null;
  status: RunStatus;
  /** Jobs sent to workers since the page opened. */
  dispatched: number;
  /**
   * True while the view is exactly what an opened link named: a large run it would start waits for
   * the user's yes (LINK_ASK_JOBS). Any change the user makes, or their yes, clears it.
   */
  fromLink: boolean;
  /** Jobs the opened link's run would compute, while it waits for the user's yes; else null. */
  linkRunAsk: number | null;
  setView(patch: Partial<ViewState>): void;
  setNotices(notices: string[]): void;
  dismissNotices(): void;
}

/** Where a score sits in the store: everything that decides its value (jobs carry default params). */
export function scoreSlot(
  job: Pick<ScoreJob, 'space' | 'arch' | 'proxy' | 'seed' | 'fidelity' | 'dataset'>,
): string {
  return `${job.space}:${job.arch}:${job.proxy}:${job.seed}:${job.fidelity}:${job.dataset}`;
}

export const useExplorerStore = create<ExplorerState>()((set) => ({
  view: firstVisitView(),
  notices: [],
  backend: null,
  backendError: null,
  backendChange: null,
  cache: null,
  scores: {},
  errors: {},
  progress: null,
  status: 'idle',
  dispatched: 0,
  fromLink: false,
  linkRunAsk: null,
  setView: (patch) => set((s) => ({ view: { ...s.view, ...patch }, fromLink: false, linkRunAsk: null })),
  setNotices: (notices) => set({ notices }),
  dismissNotices: () => set({ notices: [] }),
}));
