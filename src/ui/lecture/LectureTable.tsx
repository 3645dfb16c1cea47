/**
 * Per-cell numbers, each on data-* attributes at full precision so a test can recompute ρ, and a
 * tick per row for live training (the same picks as the live-training section's list).
 */

import type { ScoreJob, ScoreResult } from '../../core/proxies/scoreJob';
import type { LectureRow } from '../../state/lectureScoring';
import { jobId } from '../../state/lectureScoring';
import type { LectureHfProxy } from '../../state/lectureState';
import { setPicked, useLiveTraining } from '../../state/lectureTraining';
import { fmt } from './LectureStats';

const attr = (v: number | undefined) => (v === undefined ? undefined : String(v));

export function meanMs(values: readonly (number | undefined)[]): number {
  const found = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return found.length === 0 ? Number.NaN : found.reduce((a, b) => a + b, 0) / found.length;
}

export function LectureTable({
  rows,
  jobs,
  results,
  selected,
  onPick,
  trainLive = true,
  accuracyLabel = 'test accuracy (%)',
  hf = 'vintk',
}: {
  rows: readonly LectureRow[];
  jobs: readonly { arch: string; ntk: ScoreJob; vintk: ScoreJob }[];
  results: Record<string, ScoreResult>;
  selected: string | null;
  onPick(arch: string): void;
  /** Show the live-training ticks (off when the link hides live training). */
  trainLive?: boolean;
  /** The accuracy column's header (an imported table's column name). */
  accuracyLabel?: string;
  /** The high-frequency proxy of the second score column (its numbers stay on data-vintk). */
  hf?: LectureHfProxy;
}) {
  const ntkMs = jobs.map((j) => results[jobId(j.ntk)]?.ms);
  const vintkMs = jobs.map((j) => results[jobId(j.vintk)]?.ms);
  const backend = jobs.map((j) => results[jobId(j.ntk)]?.backend).find((b) => b !== undefined);
  const picked = useLiveTraining((s) => s.picked);
  const training = useLiveTraining((s) =>
    s.batch?.runs.some((r) => r.status === 'queued' || r.status === 'training'),
  );
  return (
    <div className="lec-table-wrap" data-testid="lec-table" data-hf={hf}>
      <table className="lec-table">
        <thead>
          <tr>
            <th>architecture</th>
            <th>ntk_cond</th>
            <th>{hf}</th>
            <th>{accuracyLabel}</th>
            <th>ms (ntk_cond / {hf})</th>
            {trainLive && <th>train live</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr
              key={row.arch}
              data-testid="lec-row"
              data-arch={row.arch}
              data-ntk={attr(row.ntk)}
              data-vintk={attr(row.vintk)}
              data-acc={attr(row.acc)}
              data-ntk-ms={attr(ntkMs[i])}
              data-vintk-ms={attr(vintkMs[i])}
              className={row.arch === selected ? 'selected' : undefined}
              onClick={() => onPick(row.arch)}
            >
              <td>
                <code>{row.arch}</code>
              </td>
              <td>{row.ntk === undefined ? '…' : fmt(row.ntk)}</td>
              <td>{row.vintk === undefined ? '…' : fmt(row.vintk)}</td>
              <td>{row.acc === undefined ? 'unknown' : fmt(row.acc, 2)}</td>
              <td>
                {ntkMs[i] === undefined ? '…' : Math.round(ntkMs[i])} /{' '}
                {vintkMs[i] === undefined ? '…' : Math.round(vintkMs[i])}
              </td>
              {trainLive && (
                // Ticking a network for training does not change which one's spectra are shown.
                <td onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label={`train ${row.arch} live`}
                    checked={picked.includes(row.arch)}
                    disabled={training}
                    onChange={(e) => setPicked(row.arch, e.currentTarget.checked)}
                    data-testid="lec-row-train"
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p
        className="meta"
        data-testid="lec-timing"
        data-ntk-ms={meanMs(ntkMs)}
        data-vintk-ms={meanMs(vintkMs)}
      >
        Mean time per cell (as measured when first computed{backend ? `, ${backend} backend` : ''}): ntk_cond{' '}
        {fmt(meanMs(ntkMs) / 1000, 2)} s, {hf} {fmt(meanMs(vintkMs) / 1000, 2)} s. Click a row to see its
        spectra{trainLive ? '; tick up to 4 to train them live' : ''}.
      </p>
    </div>
  );
}
