/**
 * "NTK vs ViNTK, for the lecture hall" (issue 6): ntk_cond and vintk (our reading of ViNTK) computed
 * in the Explorer's workers and cache for a few browser-sized ViTs with known accuracy, twin scatter
 * plots with rank correlations, the images at r, live short training of a few of them (their
 * accuracy curves growing towards the shipped table's numbers), and a presentation mode stepping one
 * idea per screen.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  correlationOf,
  jobId,
  type LectureRow,
  lectureBatchSpec,
  lectureCandidates,
  ntkJob,
  scoreLectureJobs,
  useLectureScores,
  vintkJob,
} from '../../compute/lectureScoring';
import type { GroundTruthTable } from '../../core/groundtruth';
import { getProxy } from '../../core/proxies/registry';
import { defaultColumn, useGroundTruthStore } from '../../state/groundTruthState';
import {
  LECTURE_SCREEN_TITLES,
  LECTURE_SCREENS,
  type LectureState,
  useLectureStore,
} from '../../state/lectureState';
import { FrequencyImages, LectureSpectra } from './FrequencyPanel';
import { LectureControls, LectureToolbar } from './LectureControls';
import { explainText, fmt, ProxyScatter } from './LectureStats';
import { LectureTable } from './LectureTable';
import { LiveTraining } from './LiveTraining';
import { loadShippedTable, SHIPPED_COLUMN, type ShippedTable, shippedSeed0Accuracy } from './shippedTable';
import { useScreenKeys } from './useScreenKeys';

function useShippedTable(): ShippedTable | null {
  const [shipped, setShipped] = useState<ShippedTable | null>(null);
  useEffect(() => {
    let live = true;
    void loadShippedTable().then((t) => live && setShipped(t));
    return () => {
      live = false;
    };
  }, []);
  return shipped;
}

/** Accuracy of an architecture: the shipped table first, then the user's imported browser-ViT tables. */
function accuracyOf(
  arch: string,
  shipped: ShippedTable | null,
  imported: readonly GroundTruthTable[],
): number | undefined {
  const own = shipped?.ok ? shipped.table.rows.get(arch)?.[SHIPPED_COLUMN] : undefined;
  if (own !== undefined && Number.isFinite(own)) return own;
  for (const table of imported) {
    if (table.space !== 'browser') continue;
    const column = defaultColumn(table);
    const value = column ? table.rows.get(arch)?.[column] : undefined;
    if (value !== undefined && Number.isFinite(value)) return value;
  }
  return undefined;
}

export function LectureView() {
  const lecture = useLectureStore((s) => s.lecture);
  const notices = useLectureStore((s) => s.notices);
  const dismiss = useLectureStore((s) => s.dismissNotices);
  const shipped = useShippedTable();
  const imported = useGroundTruthStore((s) => s.tables);
  const { results, errors, status, progress, cacheProblem } = useLectureScores();
  const { source, n, seed, r, alpha, present } = lecture;

  const archs = useMemo(
    () =>
      source === 'shipped' && !shipped?.ok
        ? []
        : lectureCandidates(source, n, seed, shipped?.ok ? shipped.archs : []),
    [source, n, seed, shipped],
  );
  const jobs = useMemo(
    () =>
      archs.map((arch) => ({ arch, ntk: ntkJob(arch, { seed }), vintk: vintkJob(arch, { seed, r, alpha }) })),
    [archs, seed, r, alpha],
  );
  useEffect(() => {
    if (jobs.length === 0) return;
    // Slider moves come in bursts: wait until the value rests before starting work.
    const timer = setTimeout(() => void scoreLectureJobs(jobs.flatMap((j) => [j.ntk, j.vintk])), 250);
    return () => clearTimeout(timer);
  }, [jobs]);

  const rows: LectureRow[] = useMemo(
    () =>
      jobs.map(({ arch, ntk, vintk }) => ({
        arch,
        ntk: results[jobId(ntk)]?.value,
        vintk: results[jobId(vintk)]?.value,
        acc: accuracyOf(arch, shipped, imported),
      })),
    [jobs, results, shipped, imported],
  );
  const ntkCorrelation = useMemo(() => correlationOf(rows, 'ntk'), [rows]);
  const vintkCorrelation = useMemo(() => correlationOf(rows, 'vintk'), [rows]);
  const [picked, setPicked] = useState<string | null>(null);
  const selected = picked && archs.includes(picked) ? picked : (archs[0] ?? null);
  const selectedJob = jobs.find((j) => j.arch === selected);
  const selectedResult = selectedJob ? results[jobId(selectedJob.vintk)] : undefined;
  const jobErrors = jobs
    .flatMap((j) => [errors[jobId(j.ntk)], errors[jobId(j.vintk)]])
    .filter((e): e is string => !!e);

  useScreenKeys(present);
  const screen = LECTURE_SCREENS[lecture.screen] ?? 'claim';
  const shows = (s: (typeof LECTURE_SCREENS)[number]) => !present || screen === s;
  const spec = lectureBatchSpec(seed);
  const explain = explainText(ntkCorrelation, vintkCorrelation, r, alpha);
  const d = vintkCorrelation.rho.estimate - ntkCorrelation.rho.estimate;
  const noAccuracy = rows.length > 0 && rows.every((row) => row.acc === undefined);
  const tableOf = useCallback((arch: string) => shippedSeed0Accuracy(shipped, arch), [shipped]);

  return (
    <main
      className={`lecture${present ? ' lec-present' : ''}`}
      data-testid="lecture-view"
      data-present={present}
      data-screen={lecture.screen}
    >
      {notices.length > 0 && (
        <div className="notice" role="status" data-testid="lec-notice">
          <strong>Parts of the link were not used:</strong>
          <ul>
            {notices.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      <LectureToolbar lecture={lecture} />
      {present && <h2 className="lec-screen-title">{LECTURE_SCREEN_TITLES[screen]}</h2>}
      <LectureControls lecture={lecture} shipped={shipped} candidates={archs.length} />
      {shipped && !shipped.ok && source === 'shipped' && (
        <p className="notice" data-testid="lec-shipped-problem">
          {shipped.problem}
        </p>
      )}
      {shipped?.ok && source === 'shipped' && shipped.archs.length < n && (
        <p className="notice" data-testid="lec-shipped-short">
          The shipped table has only {shipped.archs.length} architectures; {n} were asked for. All{' '}
          {shipped.archs.length} are used.
        </p>
      )}
      {noAccuracy && (
        <p className="notice" data-testid="lec-no-accuracy">
          None of these architectures has a known accuracy (neither the shipped table nor an imported
          browser-ViT table lists them): the scores are shown, but there is nothing to correlate them with.
        </p>
      )}
      <RunLine status={status} progress={progress} cacheProblem={cacheProblem} errors={jobErrors} />

      {shows('claim') && <Claim large={present} />}
      {shows('images') && (
        <section className="lec-section" data-testid="lec-frequency">
          {!present && <h2>The high-frequency domain, at r = {r}</h2>}
          <FrequencyImages spec={spec} r={r} />
          <LectureSpectra arch={selected} result={selectedResult} large={present} />
        </section>
      )}
      {shows('scatters') && (
        <section className="lec-section lec-twin" data-testid="lec-scatters">
          <ProxyScatter
            rows={rows}
            proxy="ntk"
            correlation={ntkCorrelation}
            large={present}
            rhoTestId="lec-rho-ntk"
            onPick={setPicked}
          />
          <ProxyScatter
            rows={rows}
            proxy="vintk"
            correlation={vintkCorrelation}
            large={present}
            rhoTestId="lec-rho-vintk"
            onPick={setPicked}
          />
        </section>
      )}
      {shows('numbers') && (
        <section className="lec-section" data-testid="lec-numbers">
          <p className="lec-diff" data-testid="lec-rho-diff" data-diff={d}>
            ρ(vintk) − ρ(ntk_cond) ={' '}
            <strong>{Number.isFinite(d) ? `${d >= 0 ? '+' : ''}${fmt(d)}` : '–'}</strong> (n ={' '}
            {Math.min(ntkCorrelation.rho.n, vintkCorrelation.rho.n)})
          </p>
          <div
            className={`lec-explain${d > 0 ? '' : ' lec-not-better'}`}
            data-testid="lec-explain"
            data-vintk-better={d > 0}
          >
            {explain.map((sentence) => (
              <p key={sentence}>{sentence}</p>
            ))}
          </div>
          {!lecture.hide.includes('table') && (
            <LectureTable
              rows={rows}
              jobs={jobs}
              results={results}
              selected={selected}
              onPick={setPicked}
              trainLive={!lecture.hide.includes('train')}
            />
          )}
        </section>
      )}
      {shows('train') && !lecture.hide.includes('train') && (
        <LiveTraining archs={archs} tableOf={tableOf} trainSteps={lecture.trainSteps} large={present} />
      )}
      {!present && <Definitions r={r} alpha={alpha} />}
    </main>
  );
}

function Claim({ large }: { large: boolean }) {
  return (
    <section className="lec-section lec-claim" data-testid="lec-claim">
      {!large && <h2>The claim</h2>}
      <p>
        NTK-based proxies such as <strong>ntk_cond</strong> (TE-NAS: the condition number of the neural
        tangent kernel at initialisation) rank CNN cells well but fail on Vision Transformers.
      </p>
      <p>
        ViNTK (Zhou &amp; Zhu, arXiv 2405.04536) says why: the NTK mostly measures how well a network learns{' '}
        <em>low-frequency</em> signals. Adding the NTK on <em>high-frequency</em> inputs should rank ViTs
        better.
      </p>
      <p>We test it here, live, on small ViTs whose accuracy after training we know.</p>
    </section>
  );
}

function Definitions({ r, alpha }: { r: number; alpha: number }) {
  return (
    <section className="lec-section lec-definitions" data-testid="lec-definitions">
      <h2>What is computed</h2>
      <p>
        <strong>ntk_cond</strong>: {getProxy('ntk_cond').formula}
      </p>
      <p>
        <strong>vintk</strong> <span className="lec-badge">our reading of the paper</span> (r = {r}, α ={' '}
        {alpha}): {getProxy('vintk').formula}. {getProxy('vintk').reference}.
      </p>
      <p className="meta">
        Networks: the browser-sized ViT space (ours, not published: patch 4 on 32×32), quick fidelity; batch:{' '}
        {lectureBatchSpec(0).replace('seed=0', 'seed = the lecture seed')}; higher score = better for both.
      </p>
    </section>
  );
}

function RunLine({
  status,
  progress,
  cacheProblem,
  errors,
}: {
  status: string;
  progress: { done: number; total: number; etaMs: number | null } | null;
  cacheProblem: string | null;
  errors: string[];
}) {
  return (
    <div className="lec-run" data-testid="lec-run" data-status={status}>
      {status === 'running' && progress && (
        <span>
          Scoring: {progress.done} of {progress.total} new jobs
          {progress.etaMs !== null ? `, about ${Math.ceil(progress.etaMs / 1000)} s left` : ''}
        </span>
      )}
      {cacheProblem && <span className="notice">{cacheProblem}</span>}
      {errors.length > 0 && (
        <p className="notice error" data-testid="lec-errors">
          {errors.length} job(s) failed, e.g.: {errors[0]}
        </p>
      )}
    </div>
  );
}

export type { LectureState };
