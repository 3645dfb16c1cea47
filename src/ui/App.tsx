import { useEffect, useState } from 'react';
import { startBackend } from '../state/explorerScoring';
import { useExplorerStore } from '../state/explorerStore';
import { PAGE_TITLES, type Page, usePageStore } from '../state/pageState';
import { BackendBadge } from './components/BackendBadge';
import { ExplorerView } from './ExplorerView';
import { LabView } from './lab/LabView';
import { LectureView } from './lecture/LectureView';
import { hashOf, showPage, useUrlSync } from './useUrlSync';

function Notices() {
  const notices = useExplorerStore((s) => s.notices);
  const cache = useExplorerStore((s) => s.cache);
  const backendChange = useExplorerStore((s) => s.backendChange);
  const dismiss = useExplorerStore((s) => s.dismissNotices);
  return (
    <>
      {notices.length > 0 && (
        <div className="notice" role="status" data-testid="url-notice">
          <strong>Parts of the link were not used:</strong>
          <ul>
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {backendChange && (
        <div className="notice" role="status" data-testid="backend-notice">
          {backendChange}
          <button type="button" onClick={() => useExplorerStore.setState({ backendChange: null })}>
            Dismiss
          </button>
        </div>
      )}
      {cache?.problem && (
        <div className="notice" role="status" data-testid="cache-notice">
          {cache.problem}
        </div>
      )}
    </>
  );
}

function CopyLink() {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    const url = `${location.origin}${location.pathname}${hashOf(usePageStore.getState().page)}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      // Clipboard refused (permissions, insecure context): show the link to copy by hand.
      window.prompt('Copy this link:', url);
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 2000);
  };
  return (
    <button type="button" onClick={() => void copy()} data-testid="copy-link">
      {copied === 'copied' ? 'Link copied' : 'Copy link'}
    </button>
  );
}

const PAGES: readonly Page[] = ['explorer', 'lab', 'lecture'];

function PageTabs() {
  const page = usePageStore((s) => s.page);
  return (
    <nav className="page-tabs" aria-label="Pages">
      {PAGES.map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={p === page}
          className={p === page ? 'active' : undefined}
          onClick={() => showPage(p)}
          data-testid={`page-${p}`}
        >
          {PAGE_TITLES[p]}
        </button>
      ))}
    </nav>
  );
}

export function App() {
  useUrlSync();
  useEffect(() => startBackend(), []);
  const page = usePageStore((s) => s.page);
  return (
    <div className="app">
      <header>
        <h1>Spectral NAS Explorer</h1>
        <span className="tagline">training-free architecture search, in your browser</span>
        <PageTabs />
        <BackendBadge />
        <CopyLink />
      </header>
      {page === 'explorer' && (
        <>
          <Notices />
          <ExplorerView />
        </>
      )}
      {page === 'lab' && <LabView />}
      {page === 'lecture' && <LectureView />}
    </div>
  );
}
