/**
 * Keeps each page's state and the URL hash in step: the hash's prefix picks the page, its payload
 * is decoded once at start (with notices for anything ignored), written back on every change of
 * the page's state, and re-read when the user edits the hash.
 */
import { useEffect } from 'react';
import { useExplorerStore } from '../state/explorerStore';
import { firstVisitView } from '../state/firstVisit';
import { useLabStore } from '../state/labState';
import { decodeLabState, encodeLabState } from '../state/labUrl';
import { useLectureStore } from '../state/lectureState';
import { decodeLectureState, encodeLectureState } from '../state/lectureUrl';
import { pageOfHash } from '../state/linkPayload';
import { type Page, usePageStore } from '../state/pageState';
import { decodeViewState, encodeViewState } from '../state/url';

/**
 * Puts the state the URL's link names into the page's stores. main.tsx calls it before the first
 * render, so a page opened from a link never starts the work of the view it would otherwise show
 * (the prepared first view scores 383 cells from a shipped set); afterwards, on every hash change.
 */
export function readHash(): void {
  const page = pageOfHash(location.hash);
  usePageStore.setState({ page });
  if (page === 'lab') {
    const { state, notices } = decodeLabState(location.hash);
    useLabStore.setState({ lab: state, notices });
  } else if (page === 'lecture') {
    const { state, notices } = decodeLectureState(location.hash);
    useLectureStore.setState({ lecture: state, notices });
  } else if (page === 'explorer') {
    // No link at all: the prepared first view (a link's defaults stay those of the link format).
    if (location.hash === '' || location.hash === '#') {
      useExplorerStore.setState({ view: firstVisitView(), notices: [], fromLink: false, linkRunAsk: null });
      return;
    }
    const { state, notices } = decodeViewState(location.hash);
    useExplorerStore.setState({ view: state, notices, fromLink: true, linkRunAsk: null });
  }
}

/** The hash of a page's current state. */
export function hashOf(page: Page): string {
  if (page === 'lab') return `#${encodeLabState(useLabStore.getState().lab)}`;
  if (page === 'lecture') return `#${encodeLectureState(useLectureStore.getState().lecture)}`;
  return `#${encodeViewState(useExplorerStore.getState().view)}`;
}

function write(page: Page): void {
  if (usePageStore.getState().page !== page) return;
  const hash = hashOf(page);
  if (hash !== location.hash) history.replaceState(null, '', hash);
}

/** Switches page, keeping each page's state: the hash becomes the new page's. */
export function showPage(page: Page): void {
  usePageStore.setState({ page });
  history.pushState(null, '', hashOf(page));
}

export function useUrlSync(): void {
  useEffect(() => {
    const unsubscribeExplorer = useExplorerStore.subscribe((s, previous) => {
      if (s.view !== previous.view) write('explorer');
    });
    const unsubscribeLab = useLabStore.subscribe((s, previous) => {
      if (s.lab !== previous.lab) write('lab');
    });
    const unsubscribeLecture = useLectureStore.subscribe((s, previous) => {
      if (s.lecture !== previous.lecture) write('lecture');
    });
    // Back and forward between pages also change the hash, so hashchange covers them. (A popstate
    // listener as well would read the hash a second time after it was rewritten, and drop notices.)
    const onHashChange = () => readHash();
    window.addEventListener('hashchange', onHashChange);
    return () => {
      unsubscribeExplorer();
      unsubscribeLab();
      unsubscribeLecture();
      window.removeEventListener('hashchange', onHashChange);
    };
  }, []);
}
