import type { RunProgress } from '../../compute/scoreRun';

function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return 'estimating…';
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `about ${s} s left` : `about ${Math.floor(s / 60)} min ${s % 60} s left`;
}

export function ProgressBar({ progress, running }: { progress: RunProgress; running: boolean }) {
  const fraction = progress.total ? progress.done / progress.total : 1;
  return (
    <div className="progress" data-testid="progress">
      <progress value={progress.done} max={Math.max(progress.total, 1)} aria-label="scoring progress" />
      <span data-testid="progress-text">
        {progress.done} / {progress.total} computed
        {running && progress.total > 0 ? ` · ${formatEta(progress.etaMs)}` : ''}
        {!running && progress.total > 0 && fraction < 1 ? ' · stopped' : ''}
      </span>
    </div>
  );
}
