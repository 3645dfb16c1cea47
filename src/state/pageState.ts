/** Which page the app shows; the URL hash's prefix decides it (linkPayload.pageOfHash). */
import { create } from 'zustand';

export type Page = 'explorer' | 'lab' | 'lecture';

export const PAGE_TITLES: Record<Page, string> = {
  explorer: 'Explorer',
  lab: 'Spectral Lab',
  lecture: 'NTK vs ViNTK',
};

export const usePageStore = create<{ page: Page }>()(() => ({ page: 'explorer' }));
