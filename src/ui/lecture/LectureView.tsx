/**
 * "NTK vs ViNTK, for the lecture hall" (issue 6): ntk_cond and vintk (our reading of ViNTK), or its
 * documented alternative vintk_rfp (random Fourier patch embedding, docs/science.md §2), computed
 * in the Explorer's workers and cache for a few browser-sized ViTs with known accuracy, or for the
 * first rows of a published table the user imported (Auto-Prox's AutoFormer-Ti, OoD-ViT-NAS), twin
 * scatter plots with rank correlations, the images at r, live short training of a few browser ViTs
 * (their accuracy curves growing towards the shipped table's numbers), and a presentation mode
 * stepping one idea per screen.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { lectureCost, lectureCostText } from '../../compute/lectureCost';
import { loadGroundTruth } from '../../state/groundTruthImport';
import { useGroundTruthStore } from '../../state/groundTruthState';
import {
  correlationPairs,
  hfJob,
  jobId,
  LECTURE_SPACE,
  type LectureRow,
  lectureBatchSpec,
  lectureCandidates,
  lectureConcurrency,
  ntkJob,
  scoreLectureJobs,
  useLectureScores,
} from '../../state/lectureScoring';
import {
  LECTURE_SCREEN_TITLES,
  LECTURE_SCREENS,
  type LectureState,
  type LectureTableSpace,
  useLectureStore,
} from '../../state/lectureState';
import { loadShippedTablesFor } from '../../state/shippedData';
import { PageExplanation } from '../components/Explanation';
import { ShippedDataProblems } from '../components/ShippedDataProblems';
import { useCorrelation } from '../useCorrelation';
import { FrequencyImages, LectureSpectra } from './FrequencyPanel';
import { LectureControls } from './LectureControls';
import { Claim, Definitions, DifferenceAndExplanation, RunLine, SourceNotices } from './LectureSections';
import { explainText, ProxyScatter } from './LectureStats';
import { LectureTable } from './LectureTable';
import { NoLiveTraining, scatterEmptyText, TableSourceNotes, tableLabels } from './LectureTableNotes';
import { LectureToolbar } from './LectureToolbar';
import { LiveTraining } from './LiveTraining';
import { accuracyOf, useShippedTable, useTableSource } from './lectureSource';
import { OodVerdict } from './OodVerdict';
import { PreparedScores } from './PreparedScores';
import { shippedSeed0Accuracy } from './shippedTable';
import { useScreenKeys } from './useScreenKeys';

export function LectureView() {
  const lecture = useLectureStore((s) => s.lecture);
  const notices = useLectureStore((s) => s.notices);
  const dismiss = useLectureStore((s) => s.dismissNotices);
  const shipped = useShippedTable();
  const imported = useGroundTruthStore((s) => s.tables);
  const tablesLoaded = useGroundTruthStore((s) => s.loaded);
  const { results, errors, status, progress, cacheProblem } = useLectureScores();
  const setLecture = useLectureStore((s) => s.setLecture);
  const { source, n, seed, r, alpha, hf, sigma, repeats, present } = lecture;
  // The imported tables (IndexedDB) are read here too: a lecture link may name one.
  useEffect(() => {
    void loadGroundTruth();
  }, []);
  useEffect(
    () => loadShippedTablesFor(source === 'table' ? lecture.table : undefined),
    [source, lecture.table],
  );
  const { choice, candidates } = useTableSource(lecture, imported);
  const space: LectureTableSpace = choice?.ok ? choice.space : LECTURE_SPACE;

  const archs = useMemo(
    () =>
      source === 'table'
        ? (candidates?.archs ?? [])
        : source === 'shipped' && !shipped?.ok
          ? []
          : lectureCandidates(source, n, seed, shipped?.ok ? shipped.archs : []),
    [source, n, seed, shipped, candidates],
  );
  const jobs = useMemo(
    () =>
      archs.map((arch) => ({
        arch,
        ntk: ntkJob(arch, { seed, repeats }, space),
        // The second column: the chosen high-frequency proxy (vintk's job exactly as before).
        vintk: hfJob(arch, { seed, r, alpha, hf, sigma, repeats }, space),
      })),
    [archs, seed, r, alpha, hf, sigma, repeats, space],
  );
  const allJobs = useMemo(() => jobs.flatMap((j) => [j.ntk, j.vintk]), [jobs]);
  useEffect(() => {
    // Slider moves come in bursts: wait until the value rests before starting work. No networks
    // (a table not chosen or not loaded yet) still supersedes the run of the networks shown before.
    const timer = setTimeout(() => void scoreLectureJobs(jobs.flatMap((j) => [j.ntk, j.vintk])), 250);
    return () => clearTimeout(timer);
  }, [jobs]);

  const rows: LectureRow[] = useMemo(
    () =>
      jobs.map(({ arch, ntk, vintk }, i) => ({
        arch,
        ntk: results[jobId(ntk)]?.value,
        vintk: results[jobId(vintk)]?.value,
        acc: source === 'table' ? candidates?.accuracies[i] : accuracyOf(arch, shipped, imported),
      })),
    [jobs, results, shipped, imported, source, candidates],
  );
  const ntkPairs = useMemo(() => correlationPairs(rows, 'ntk'), [rows]);
  const vintkPairs = useMemo(() => correlationPairs(rows, 'vintk'), [rows]);
  const ntkCorrelation = useCorrelation(ntkPairs.xs, ntkPairs.ys);
  const vintkCorrelation = useCorrelation(vintkPairs.xs, vintkPairs.ys);
  const [picked, setPicked] = useState<string | null>(null);
  const selected = picked && archs.includes(picked) ? picked : (archs[0] ?? null);
  const selectedJob = jobs.find((j) => j.arch === selected);
  const selectedResult = selectedJob ? results[jobId(selectedJob.vintk)] : undefined;
  const selectedNtk = selectedJob ? results[jobId(selectedJob.ntk)] : undefined;
  const jobErrors = jobs
    .flatMap((j) => [errors[jobId(j.ntk)], errors[jobId(j.vintk)]])
    .filter((e): e is string => !!e);

  useScreenKeys(present);
  const screen = LECTURE_SCREENS[lecture.screen] ?? 'claim';
  const shows = (s: (typeof LECTURE_SCREENS)[number]) => !present || screen === s;
  const spec = lectureBatchSpec(seed);
  const label = choice?.ok ? tableLabels(choice) : null;
  const explain = explainText(ntkCorrelation, vintkCorrelation, { hf, r, alpha, sigma }, label?.subject);
  const d = vintkCorrelation.rho.estimate - ntkCorrelation.rho.estimate;
  const noAccuracy = source !== 'table' && rows.length > 0 && rows.every((row) => row.acc === undefined);
  const tableOf = useCallback((arch: string) => shippedSeed0Accuracy(shipped, arch), [shipped]);
  const cost =
    source === 'table'
      ? lectureCost(
          jobs.flatMap((j) => [results[jobId(j.ntk)], results[jobId(j.vintk)]]),
          jobs.length,
          2,
          lectureConcurrency(),
        )
      : null;
  const emptyText = scatterEmptyText(source, choice, archs.length, noAccuracy);

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
      <LectureControls lecture={lecture} shipped={shipped} candidates={archs.length} tableChoice={choice} />
      {source === 'table' && (
        <TableSourceNotes
          tableName={lecture.table}
          choice={choice}
          loaded={tablesLoaded}
          n={n}
          shown={archs.length}
          inSpace={candidates?.inSpace ?? 0}
          withValue={candidates?.withValue ?? 0}
        />
      )}
      <SourceNotices source={source} shipped={shipped} n={n} noAccuracy={noAccuracy} />
      <RunLine
        status={status}
        progress={progress}
        cacheProblem={cacheProblem}
        errors={jobErrors}
        onResume={() => void scoreLectureJobs(jobs.flatMap((j) => [j.ntk, j.vintk]))}
      />
      <ShippedDataProblems />
      <PreparedScores jobs={allJobs} />
      {cost && (
        <p
          className="meta"
          data-testid="lec-cost"
          data-per-job-s={cost.perJobS}
          data-backend={cost.backend}
          data-networks={cost.networks}
          data-total-min={cost.totalMin}
        >
          {lectureCostText(cost)}
        </p>
      )}

      {shows('claim') && <Claim large={present} subject={label?.claim ?? null} />}
      {shows('images') && (
        <section className="lec-section" data-testid="lec-frequency">
          {!present && (
            <h2>
              The high-frequency domain, at r = {r}
              {hf === 'vintk_rfp'
                ? ` (vintk's filter; vintk_rfp embeds the patches at σ = ${sigma} instead)`
                : hf === 'vintk_ff'
                  ? ` (vintk's filter; vintk_ff feeds Fourier features of the patches at σ = ${sigma} instead)`
                  : ''}
            </h2>
          )}
          <FrequencyImages spec={spec} r={r} />
          <LectureSpectra
            arch={selected}
            result={selectedResult}
            ntkResult={selectedNtk}
            hf={hf}
            large={present}
          />
        </section>
      )}
      {/* Not on a projected screen, nor where a link hid the sliders it tells the user to move. */}
      {!present && !lecture.hide.includes('sliders') && <PageExplanation id="lecture" />}
      {shows('scatters') && (
        <section className="lec-section lec-twin" data-testid="lec-scatters" data-hf={hf}>
          <ProxyScatter
            rows={rows}
            proxy="ntk"
            correlation={ntkCorrelation}
            large={present}
            rhoTestId="lec-rho-ntk"
            onPick={setPicked}
            yLabel={label?.axis}
            emptyText={emptyText}
          />
          <ProxyScatter
            rows={rows}
            proxy="vintk"
            correlation={vintkCorrelation}
            large={present}
            rhoTestId="lec-rho-vintk"
            onPick={setPicked}
            yLabel={label?.axis}
            emptyText={emptyText}
            hf={hf}
          />
        </section>
      )}
      {shows('numbers') && (
        <section className="lec-section" data-testid="lec-numbers">
          <DifferenceAndExplanation
            hf={hf}
            d={d}
            n={Math.min(ntkCorrelation.rho.n, vintkCorrelation.rho.n)}
            explain={explain}
            sigma={sigma}
            offerRfp={!lecture.lock && !lecture.hide.includes('sliders')}
            onTryRfp={() => setLecture({ hf: 'vintk_rfp' })}
          />
          <OodVerdict />
          {!lecture.hide.includes('table') && (
            <LectureTable
              rows={rows}
              jobs={jobs}
              results={results}
              selected={selected}
              onPick={setPicked}
              trainLive={source !== 'table' && !lecture.hide.includes('train')}
              accuracyLabel={label?.axis}
              hf={hf}
            />
          )}
        </section>
      )}
      {shows('train') &&
        !lecture.hide.includes('train') &&
        (source === 'table' ? (
          <NoLiveTraining choice={choice} large={present} />
        ) : (
          <LiveTraining archs={archs} tableOf={tableOf} trainSteps={lecture.trainSteps} large={present} />
        ))}
      {!present && <Definitions choice={{ hf, r, alpha, sigma }} networks={label?.definition ?? null} />}
    </main>
  );
}

export type { LectureState };
