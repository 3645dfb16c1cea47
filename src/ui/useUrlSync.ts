/**
 * Keeps the view state and the URL hash in step: decoded once at start (with notices for
 * anything ignored), written back on every change, re-read when the user edits the hash.
 */
import { useEffect } from 'react';
import { useExplorerStore } from '../state/explorerStore';
import { decodeViewState, encodeViewState } from '../state/url';

function readHash(): void {
  const { state, notices } = decodeViewState(location.hash);
  useExplorerStore.setState({ view: state, notices });
}

export function useUrlSync(): void {
  useEffect(() => {
    readHash();
    const unsubscribe = useExplorerStore.subscribe((s, previous) => {
      if (s.view === previous.view) return;
      const hash = `#${encodeViewState(s.view)}`;
      if (hash !== location.hash) history.replaceState(null, '', hash);
    });
    const onHashChange = () => readHash();
    window.addEventListener('hashchange', onHashChange);
    return () => {
      unsubscribe();
      window.removeEventListener('hashchange', onHashChange);
    };
  }, []);
}
