/**
 * "Load scores…": a scores file from npm run score goes into this browser's cache (scoreFileImport.ts);
 * `onLoaded` lets the page run again so the loaded scores show at once.
 */
import type { ChangeEvent } from 'react';
import { loadScoreFile, useScoreFileStore } from '../../state/scoreFileImport';

export function ScoreFileLoader({ onLoaded }: { onLoaded?: () => void }) {
  const loading = useScoreFileStore((s) => s.loading);
  const last = useScoreFileStore((s) => s.last);
  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const outcome = await loadScoreFile(file);
    if (!outcome.error) onLoaded?.();
  };
  return (
    <div className="score-file" data-testid="score-file">
      <label className="file-pick">
        Load scores computed by <code>npm run score</code> (JSON lines, e.g. a cluster run merged with{' '}
        <code>npm run score:merge</code>):{' '}
        <input
          type="file"
          accept=".jsonl,.json,.txt"
          disabled={loading}
          onChange={(e) => void onChange(e)}
          data-testid="score-file-input"
        />
      </label>
      {loading && <span> reading…</span>}
      {last && (
        <p
          className={last.error ? 'notice error' : 'meta'}
          role="status"
          data-testid="score-file-result"
          data-added={last.added}
          data-stale={last.stale}
        >
          {last.error
            ? `${last.file} could not be loaded: ${last.error}.`
            : `${last.file}: ${last.added} scores loaded into this browser's cache` +
              (last.held > 0 ? `, ${last.held} already there` : '') +
              (last.stale > 0
                ? `, ${last.stale} made for another version of a proxy or setting (not used)`
                : '') +
              (last.unreadable > 0 ? `, ${last.unreadable} unreadable line(s) skipped` : '') +
              '. Runs that need them now take them from the cache.'}
        </p>
      )}
    </div>
  );
}
