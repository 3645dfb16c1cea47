/**
 * What panels 1 and 2 draw of a streamed 1-D fit: the run bar (Run, Cancel, iteration / total, it/s),
 * the target against the current fit, the heat map of normalised magnitudes (frequency x iteration),
 * the per-frequency curves, iterations-to-0.9 per frequency and a sentence with the numbers. The
 * numbers are also on data-* attributes (full precision) for the e2e tests.
 */
import { useMemo } from 'react';
import type { FitSignalConfig, SignalRecord } from '../../core/lab/fitSignal';
import { buildTarget } from '../../core/lab/signals';
import { iterationsToReach } from '../../core/lab/spectrum1d';
import { rgbToHex } from '../charts/colourMaps';
import { HeatMap } from '../charts/HeatMap';
import { HEAT_STOPS, heatColour } from '../charts/heatMapGeometry';
import { LineChart, type LineSeries } from '../charts/LineChart';
import { REACH_THRESHOLD, reachSentence } from './biasConfig';
import type { StreamedRun } from './biasRun';
import { LabPlot } from './LabPlot';

const STATUS_TEXT: Record<StreamedRun<unknown & { iteration: number }>['status'], string> = {
  idle: 'not run yet',
  running: 'training…',
  done: 'done',
  cancelled: 'cancelled: showing what was reached',
  diverged: 'stopped: the loss blew up (learning rate too large for this setting)',
  error: 'stopped by an error',
};

const grouped = (n: number) => n.toLocaleString('en-US').replace(/,/g, ' ');

export interface BiasRunBarProps<R extends { iteration: number }> {
  run: StreamedRun<R>;
  total: number;
  testPrefix: string;
  /** Why Run is not offered, e.g. the target rows have problems. */
  blocked?: string | null;
  /** Said next to Run when the run does not start by itself. */
  hint?: string;
}

export function BiasRunBar<R extends { iteration: number }>({
  run,
  total,
  testPrefix,
  blocked,
  hint,
}: BiasRunBarProps<R>) {
  const iteration = run.records.at(-1)?.iteration ?? 0;
  return (
    <div
      className="bias-run"
      data-testid={`${testPrefix}-run`}
      data-state={run.status}
      data-iteration={iteration}
      data-total={total}
      data-seconds={run.seconds ?? ''}
      data-it-per-sec={run.itPerSec ?? ''}
    >
      <button
        type="button"
        onClick={run.start}
        disabled={run.status === 'running' || Boolean(blocked)}
        data-testid={`${testPrefix}-start`}
      >
        {run.status === 'idle' ? 'Run' : 'Run again'}
      </button>
      <button
        type="button"
        onClick={run.cancel}
        disabled={run.status !== 'running'}
        data-testid={`${testPrefix}-cancel`}
      >
        Cancel
      </button>
      <span aria-live="polite">
        {STATUS_TEXT[run.status]}
        {run.status !== 'idle' && ` · iteration ${grouped(iteration)} / ${grouped(total)}`}
        {run.itPerSec !== null && ` · ${run.itPerSec.toFixed(0)} it/s`}
        {run.seconds !== null && ` · ${run.seconds.toFixed(1)} s`}
      </span>
      {run.status === 'running' && <progress max={total} value={iteration} />}
      {run.status === 'idle' && hint && <span className="meta">{hint}</span>}
      {blocked && <span className="meta">{blocked}</span>}
      {run.error && (
        <p className="notice error" role="alert" data-testid={`${testPrefix}-error`}>
          {run.error}
        </p>
      )}
    </div>
  );
}

/** A colour per frequency rank that matches the heat map (low k dark, high k light). */
function rankColour(rank: number, count: number): string {
  const [r, g, b] = heatColour(count > 1 ? (0.85 * rank) / (count - 1) : 0);
  return `rgb(${r}, ${g}, ${b})`;
}

export interface SignalFitViewProps {
  config: FitSignalConfig;
  run: StreamedRun<SignalRecord>;
  testPrefix: string;
}

export function SignalFitView({ config, run, testPrefix }: SignalFitViewProps) {
  const target = useMemo(() => {
    const built = buildTarget(config.target);
    return built.ok ? built.value : null;
  }, [config.target]);
  const records = run.records;
  const last = records.at(-1) ?? null;
  const total = config.iterations;
  const components = target?.components ?? [];
  // Rows of the heat map and the table: frequencies ascending (custom rows may come in any order).
  const order = useMemo(
    () => components.map((c, i) => ({ c, i })).sort((a, b) => a.c.k - b.c.k),
    [components],
  );
  const columns = useMemo(
    () => records.map((r) => ({ iteration: r.iteration, values: order.map(({ i }) => r.magnitudes[i]!) })),
    [records, order],
  );
  const reach = useMemo(() => iterationsToReach(records, REACH_THRESHOLD), [records]);
  if (!target) return null;

  const z = Array.from(target.z);
  const fitSeries: LineSeries[] = [
    {
      id: 'target',
      label: 'target',
      points: z.map((x, j) => [x, target.values[j]!]),
      colour: '#9aa1b2',
      strokeWidth: 2.5,
    },
  ];
  if (last) {
    fitSeries.push({
      id: 'fit',
      label: `network at iteration ${grouped(last.iteration)}`,
      points: z.map((x, j) => [x, last.prediction[j]!]),
      colour: '#d55e00',
      strokeWidth: 1.5,
    });
  }
  const curves: LineSeries[] = order.map(({ c, i }, rank) => ({
    id: `k${c.k}`,
    label: `k=${c.k}`,
    points: records.map((r) => [r.iteration, r.magnitudes[i]!] as const),
    colour: rankColour(rank, order.length),
    gaps: true,
  }));
  const done = last?.iteration ?? 0;
  const sentence = last ? reachSentence(components, reach, done) : null;
  const progress = `iteration ${grouped(done)} of ${grouped(total)}`;

  return (
    <div className="bias-view">
      <div className="bias-charts">
        <LabPlot plotId={`lab-${testPrefix}-fit`} title="Target and current fit" extra={[progress]}>
          <LineChart
            series={fitSeries}
            width={440}
            height={230}
            xLabel="z"
            yLabel="f(z)"
            title="Target and current fit"
            testId={`${testPrefix}-fit-chart`}
          />
        </LabPlot>
        <LabPlot
          plotId={`lab-${testPrefix}-heat`}
          title="What the network has learned of each frequency"
          n={`n = ${order.length} frequencies × ${columns.length} records`}
          extra={[progress]}
          colourBar={{
            stops: HEAT_STOPS.map(([r, g, b]) => rgbToHex([r, g, b])),
            low: '0',
            high: '1',
            label: 'normalised magnitude |f̃(k)| / A',
          }}
        >
          <HeatMap
            rows={order.map(({ c }) => `k=${c.k}`)}
            columns={columns}
            total={total}
            width={440}
            height={230}
            yLabel="frequency"
            legend="normalised magnitude |f̃(k)| / A"
            title="What the network has learned of each frequency"
            testId={`${testPrefix}-heat`}
          />
        </LabPlot>
        <LabPlot plotId={`lab-${testPrefix}-curves`} title="Per-frequency curves" extra={[progress]}>
          <LineChart
            series={curves}
            width={440}
            height={230}
            xLabel="iteration"
            yLabel="normalised magnitude"
            xDomain={[0, total]}
            references={[{ axis: 'y', value: REACH_THRESHOLD, label: String(REACH_THRESHOLD) }]}
            title="Per-frequency curves"
            testId={`${testPrefix}-curves`}
          />
        </LabPlot>
        <div className="bias-reach-box">
          <table
            className="bias-table"
            data-testid={`${testPrefix}-reach`}
            data-ks={JSON.stringify(components.map((c) => c.k))}
            data-values={JSON.stringify(
              reach.length === components.length ? reach : components.map(() => null),
            )}
            data-iteration={done}
          >
            <caption>Iterations to reach {REACH_THRESHOLD}</caption>
            <thead>
              <tr>
                <th scope="col">k</th>
                <th scope="col">amplitude</th>
                <th scope="col">reached {REACH_THRESHOLD} at</th>
                <th scope="col">now</th>
              </tr>
            </thead>
            <tbody>
              {order.map(({ c, i }) => {
                const at = reach[i];
                const now = last?.magnitudes[i];
                return (
                  <tr key={c.k}>
                    <td>{c.k}</td>
                    <td>{c.amplitude}</td>
                    <td>
                      {at === null || at === undefined
                        ? last
                          ? `not by ${grouped(done)}`
                          : '–'
                        : grouped(at)}
                    </td>
                    <td>{now === undefined || Number.isNaN(now) ? '–' : now.toFixed(2)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      <p
        className="bias-sentence"
        data-testid={`${testPrefix}-last`}
        data-loss={last?.loss ?? ''}
        data-iteration={done}
        data-magnitudes={last ? JSON.stringify(Array.from(last.magnitudes)) : ''}
      >
        <strong>What you see: </strong>
        {sentence ?? 'the first records appear a moment after the run starts.'}
        {last && ` Loss (mean squared error) now ${last.loss.toPrecision(3)}.`}
      </p>
    </div>
  );
}
