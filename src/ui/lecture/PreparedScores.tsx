/**
 * Where the lecture's scores came from (shipped with the app, this browser's cache, computed now),
 * and "Recompute live": the shown jobs computed again in the workers, compared with what is shown.
 */

import type { ScoreJob } from '../../core/proxies/scoreJob';
import { cancelLiveRecompute, recomputeLectureLive, useLiveRecompute } from '../../state/lectureRecompute';
import { jobId, useLectureScores } from '../../state/lectureScoring';

export function PreparedScores({ jobs }: { jobs: readonly ScoreJob[] }) {
  const origins = useLectureScores((s) => s.origins);
  const live = useLiveRecompute();
  const counts = { prescored: 0, imported: 0, cache: 0, live: 0 };
  for (const job of jobs) {
    const origin = origins[jobId(job)];
    if (origin) counts[origin]++;
  }
  if (jobs.length === 0) return null;
  return (
    <div
      className="lec-prepared meta"
      data-testid="lec-prepared"
      data-prescored={counts.prescored}
      data-imported={counts.imported}
      data-live-status={live.status}
      data-live-done={live.done}
      data-live-compared={live.compared}
      data-live-max-rel-diff={live.maxRelDiff}
    >
      {counts.prescored > 0 && (
        <>
          {counts.prescored} of {jobs.length} scores were computed ahead and ship with the app (same code,
          same jobs, via <code>npm run score</code>)
          {counts.cache + counts.live > 0 ? `; ${counts.cache + counts.live} come from this browser` : ''}.{' '}
        </>
      )}
      {counts.imported > 0 && (
        <>
          {counts.imported} of {jobs.length} scores come from a scores file loaded here (
          <code>npm run score</code>).{' '}
        </>
      )}
      {live.status === 'running' ? (
        <>
          Recomputing live: {live.done} of {live.total}…{' '}
          <button type="button" onClick={cancelLiveRecompute} data-testid="lec-recompute-cancel">
            Stop
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void recomputeLectureLive(jobs)} data-testid="lec-recompute">
          Recompute live
        </button>
      )}
      {live.status !== 'idle' && live.compared > 0 && (
        <span data-testid="lec-recompute-result">
          {' '}
          {live.compared} recomputed here
          {live.status === 'cancelled' ? ' (stopped)' : ''}: largest relative difference from the shown scores{' '}
          {live.maxRelDiff.toExponential(1)}
          {live.maxRelDiff < 1e-4 ? ' — the same numbers.' : '.'}
        </span>
      )}
      {live.failed > 0 && <span className="notice error"> {live.failed} job(s) failed.</span>}
    </div>
  );
}
