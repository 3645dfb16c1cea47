/**
 * "Train live": the lecturer ticks 1 … 4 networks of the lecture and the class watches each being
 * trained in a worker by the job that made its row of the shipped table, its test accuracy growing
 * towards the table's number (the open circle and dashed line of its colour). Every number the
 * e2e test reads is on a data-* attribute.
 */
import { useMemo } from 'react';
import {
  LIVE_FULL_STEPS,
  LIVE_MAX_NETWORKS,
  liveEvalEvery,
  liveTrainJob,
  selectionProblem,
} from '../../core/train/liveTraining';
import { describeSchedule } from '../../core/train/schedule';
import { LECTURE_FIDELITY, LECTURE_SPACE } from '../../state/lectureScoring';
import { LECTURE_LIMITS, useLectureStore } from '../../state/lectureState';
import {
  cancelLiveTraining,
  setPicked,
  startLiveTraining,
  useLiveTraining,
} from '../../state/lectureTraining';
import { LineChart, type LineSeries, type ReferenceLine } from '../charts';
import { seriesColour } from '../charts/colourMaps';
import { ExportablePlot } from '../components/ExportablePlot';
import { lineLegendEntry } from '../export/plotExport';
import { RunLine } from './LiveRunLine';

const CHANCE = 10;

export function LiveTraining({
  archs,
  tableOf,
  trainSteps,
  large,
}: {
  /** The lecture's networks, in table order. */
  archs: readonly string[];
  /** The shipped table's seed-0 accuracy of a network, in percent. */
  tableOf(arch: string): number | undefined;
  trainSteps: number;
  large: boolean;
}) {
  const setLecture = useLectureStore((s) => s.setLecture);
  const { picked: allPicked, batch, problem: startProblem } = useLiveTraining();
  const picked = allPicked.filter((a) => archs.includes(a));
  const running = batch?.runs.some((r) => r.status === 'queued' || r.status === 'training') ?? false;
  const problem = running ? null : (selectionProblem(picked.length) ?? startProblem);
  const steps = batch?.steps ?? trainSteps;
  const evalEvery = batch?.evalEvery ?? liveEvalEvery(trainSteps);
  const plannedLabel = useMemo(
    () => describeSchedule(liveTrainJob(LECTURE_SPACE, LECTURE_FIDELITY, '', trainSteps).schedule),
    [trainSteps],
  );

  const { series, references } = useMemo(() => {
    const runs = batch?.runs ?? [];
    const lines: LineSeries[] = runs.map((run, i) => ({
      id: run.id,
      label: run.arch,
      colour: seriesColour(i),
      points: run.curve.map((p) => [p.step, 100 * p.accuracy] as const),
      markers: 'filled',
      markerRadius: large ? 4 : 3,
      strokeWidth: large ? 2.6 : 1.8,
    }));
    // The table's number as a target: an open circle where the curve should end (after the
    // table's 100 steps) and a dashed line across, in the network's colour.
    const targets: LineSeries[] = runs.flatMap((run, i) =>
      run.table === undefined || batch?.steps !== LIVE_FULL_STEPS
        ? []
        : [
            {
              id: `${run.id}-target`,
              label: `${run.arch} (table)`,
              colour: seriesColour(i),
              points: [[LIVE_FULL_STEPS, run.table] as const],
              line: false,
              markers: 'open' as const,
              markerRadius: large ? 9 : 7,
              inLegend: false,
              pointTitles: [`table (seed 0): ${run.table.toFixed(1)}%`],
            },
          ],
    );
    const refs: ReferenceLine[] = [
      { axis: 'y', value: CHANCE, label: 'chance (10 classes)', colour: '#8a93a6' },
      ...runs.flatMap((run, i): ReferenceLine[] =>
        run.table === undefined
          ? []
          : [{ axis: 'y', value: run.table, colour: seriesColour(i), dash: '6 4' }],
      ),
    ];
    return { series: [...lines, ...targets], references: refs };
  }, [batch, large]);

  const yTop = Math.max(
    35,
    ...series.flatMap((s) => s.points.map((p) => Math.ceil((p[1] + 3) / 5) * 5)),
    ...references.map((r) => Math.ceil((r.value + 3) / 5) * 5),
  );
  const status = batch ? (running ? 'running' : 'finished') : 'idle';

  return (
    <section
      className="lec-section lec-live"
      data-testid="lec-train"
      data-status={status}
      data-steps={steps}
      data-eval-every={evalEvery}
    >
      {!large && <h2>Train live: watch a ground-truth point being made</h2>}
      <p className="meta" data-testid="lec-train-label">
        {`Each ticked network is trained here, in a worker, by the schedule that made its row of the shipped table: ${batch?.label ?? plannedLabel}. `}
        {`Test accuracy on the 1 000 test images is measured every ${evalEvery} steps.`}
      </p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 24px', alignItems: 'flex-start' }}>
        <fieldset className="lec-group" data-testid="lec-train-picker" disabled={running}>
          <legend>
            Networks to train ({picked.length} of at most {LIVE_MAX_NETWORKS} ticked)
          </legend>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: '13em', overflowY: 'auto' }}>
            {archs.map((arch) => {
              const table = tableOf(arch);
              return (
                <li key={arch}>
                  <label>
                    <input
                      type="checkbox"
                      checked={picked.includes(arch)}
                      onChange={(e) => setPicked(arch, e.currentTarget.checked)}
                      data-testid="lec-train-pick"
                      data-arch={arch}
                    />{' '}
                    <code>{arch}</code>
                    <span className="meta">
                      {' '}
                      {table === undefined
                        ? '(no seed-0 accuracy in the shipped table)'
                        : `table (seed 0): ${table.toFixed(1)}%`}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
        <div>
          <label>
            steps{' '}
            <input
              type="number"
              min={LECTURE_LIMITS.trainSteps.min}
              max={LECTURE_LIMITS.trainSteps.max}
              value={trainSteps}
              disabled={running}
              style={{ width: '5em' }}
              onChange={(e) => {
                const value = e.currentTarget.valueAsNumber;
                if (!Number.isFinite(value)) return;
                const { min, max } = LECTURE_LIMITS.trainSteps;
                setLecture({ trainSteps: Math.min(max, Math.max(min, Math.round(value))) });
              }}
              data-testid="lec-train-steps"
            />
          </label>
          {trainSteps !== LIVE_FULL_STEPS && (
            <span className="meta">
              {' '}
              (the table used {LIVE_FULL_STEPS}: a shorter run is a demo, not a reproduction)
            </span>
          )}
          <p>
            <button
              type="button"
              disabled={running || picked.length === 0 || picked.length > LIVE_MAX_NETWORKS}
              onClick={() => void startLiveTraining(picked, trainSteps, tableOf)}
              data-testid="lec-train-start"
            >
              Train live
            </button>{' '}
            {running && (
              <button
                type="button"
                disabled={batch?.cancelling}
                onClick={() => cancelLiveTraining()}
                data-testid="lec-train-cancel"
              >
                {batch?.cancelling ? 'Cancelling…' : 'Cancel'}
              </button>
            )}
          </p>
          {problem && (
            // No network ticked yet is a hint; anything else is a problem to fix.
            <p
              className={picked.length === 0 ? 'meta' : 'notice'}
              role="status"
              data-testid="lec-train-problem"
            >
              {problem}
            </p>
          )}
        </div>
      </div>
      {batch && (
        <>
          <ExportablePlot
            plotId="lecture-training"
            meta={() => ({
              title: 'Test accuracy of ViTs trained live',
              n: `n = ${batch.runs.length} network${batch.runs.length === 1 ? '' : 's'}, test accuracy every ${evalEvery} of ${steps} steps`,
              provenance: [
                `Schedule: ${batch.label}`,
                "Filled circles: accuracy on the 1 000 test images during training; dashed lines: the shipped table's seed-0 accuracy; grey: chance (10 classes)",
              ],
              legend: batch.runs.map((run, i) => lineLegendEntry(run.arch, seriesColour(i))),
            })}
          >
            <LineChart
              series={series}
              references={references}
              width={large ? 860 : 620}
              height={large ? 420 : 300}
              xLabel="training step"
              yLabel="test accuracy (%)"
              // A little room after the last step: the table's open circle sits there, and the chart clips.
              xDomain={[0, steps * 1.05]}
              yDomain={[0, yTop]}
              legend={false}
              emptyText={`The first point comes after step ${Math.min(evalEvery, steps)}`}
              testId="lec-train-chart"
            />
          </ExportablePlot>
          <ul className="lec-train-runs" style={{ listStyle: 'none', padding: 0 }}>
            {batch.runs.map((run, i) => (
              <RunLine key={run.id} run={run} colour={seriesColour(i)} />
            ))}
          </ul>
          <p className="meta">
            {steps === LIVE_FULL_STEPS
              ? "Filled circles: test accuracy measured while training; open circle and dashed line: the shipped table's accuracy for seed 0, where the curve should end."
              : `Filled circles: test accuracy measured while training; dashed lines: the shipped table's seed-0 accuracy after its ${LIVE_FULL_STEPS} steps, which a ${steps}-step demo is not expected to reach.`}
          </p>
        </>
      )}
    </section>
  );
}
