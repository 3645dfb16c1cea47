/**
 * Panel 5, changing the spectrum (Geifman et al., our reading; precondGd.ts): on n points of the
 * circle, a wide 2-layer ReLU net fits cos(k t) by plain gradient descent and by gradient descent
 * preconditioned so that the NTK's top k' eigenvalues are flattened to λ_k'. Per frequency: steps to
 * reach the loss threshold with each, and the two final functions over the whole circle.
 */
import { useRef, useState } from 'react';
import { callback, labWorker } from '../../compute/labClient';
import {
  PRECOND_FORMULA,
  PRECOND_LABEL,
  type PrecondFrequency,
  type PrecondResult,
} from '../../core/lab/precondGd';
import { LAB_LIMITS, useLabStore } from '../../state/labState';
import { LineChart, type LineSeries, type XY } from '../charts';
import { formatTick } from '../charts/numberFormat';
import { PageExplanation } from '../components/Explanation';
import { LabPlot } from './LabPlot';
import {
  formatFrequencies,
  PRECOND_CAP_LIMITS,
  PRECOND_THRESHOLD_LIMITS,
  parseFrequencies,
  precondConfig,
} from './precondConfig';
import { NumberField, RunBar, type RunContext, subscript, useLabRun, WidthSlider } from './spectrumKit';

const GD_COLOUR = '#0072b2';
const PRE_COLOUR = '#d55e00';
const fmt = (v: number) => formatTick(v, 3);

interface Shown {
  key: string;
  frequencies: PrecondFrequency[];
  result: PrecondResult | null;
}

/** t of the evaluation points: precondGd's default, 4n evenly around the circle. */
function evaluationT(n: number): Float64Array {
  return Float64Array.from({ length: 4 * n }, (_, j) => (2 * Math.PI * j) / (4 * n));
}

const stepsText = (steps: number | null, cap: number) => (steps === null ? `> ${cap}` : String(steps));

export function PrecondPanel() {
  const lab = useLabStore((s) => s.lab);
  const setLab = useLabStore((s) => s.setLab);
  const { frequencies, threshold, cap } = lab;
  const setFrequencies = (next: readonly number[]) => setLab({ frequencies: [...next] });
  const setThreshold = (next: number) => setLab({ threshold: next });
  const setCap = (next: number) => setLab({ cap: next });
  const [selectedK, setSelectedK] = useState<number | null>(null);
  const config = precondConfig(lab, frequencies, threshold, cap);
  const key = JSON.stringify(config);

  const [shown, setShown] = useState<Shown | null>(null);
  const shownRef = useRef<Shown | null>(null);
  const show = (next: Shown) => {
    shownRef.current = next;
    setShown(next);
  };

  const start = async (ctx: RunContext): Promise<'done' | 'cancelled'> => {
    const { api, ready } = labWorker();
    await ready;
    show({ key, frequencies: [], result: null });
    // Progress messages are not awaited by the worker: one may land after the result, which
    // already holds every frequency, so late ones are dropped.
    let finished = false;
    const onFrequency = (f: PrecondFrequency) => {
      const now = shownRef.current;
      if (finished || !ctx.live() || !now) return;
      show({ ...now, frequencies: [...now.frequencies, f] });
    };
    const result = await api.precondComparison(config, callback(onFrequency));
    finished = true;
    if (!ctx.live()) return 'cancelled';
    show({ key, frequencies: result.frequencies, result });
    return result.status;
  };

  const run = useLabRun(key, start);
  const current = shown?.key === key ? shown : null;
  const done = current?.frequencies ?? [];
  const selected = done.find((f) => f.k === selectedK) ?? done.at(-1) ?? null;

  return (
    <div className="lab-ntk" data-testid="precond-panel">
      <h2>Changing the spectrum: make high frequencies come sooner</h2>
      <p className="lab-label" data-testid="precond-label">
        <strong>{PRECOND_LABEL}</strong>
      </p>
      <p className="lab-formula" data-testid="precond-formula">
        {PRECOND_FORMULA}
      </p>
      <p className="meta">
        n points t = 2πj/n on the circle, inputs (cos t, sin t), target cos(k t), a 2-layer ReLU network (the
        lab's depth is not used here). Both methods take a quarter of their own stability limit as step size
        and stop when the mean squared error reaches the threshold; the network's initial function is
        subtracted.
      </p>
      <div className="controls lab-controls">
        <WidthSlider width={lab.width} onCommit={(width) => setLab({ width })} testId="precond-width" />
        <NumberField
          label="points n"
          name="The number of points"
          value={lab.points}
          {...LAB_LIMITS.points}
          onCommit={(points) => setLab({ points })}
          testId="precond-points"
        />
        <NumberField
          label="flatten k′"
          name="k′"
          value={lab.flatten}
          {...LAB_LIMITS.flatten}
          onCommit={(flatten) => setLab({ flatten })}
          testId="precond-flatten"
          title="The number of leading NTK eigenvalues flattened to λ_k′"
        />
        <FrequencyField value={frequencies} onCommit={setFrequencies} />
        <NumberField
          label="loss threshold"
          name="The loss threshold"
          value={threshold}
          {...PRECOND_THRESHOLD_LIMITS}
          integer={false}
          onCommit={setThreshold}
          testId="precond-threshold"
        />
        <NumberField
          label="step cap"
          name="The step cap"
          value={cap}
          {...PRECOND_CAP_LIMITS}
          onCommit={setCap}
          testId="precond-cap"
        />
        <NumberField
          label="seed"
          name="The seed"
          value={lab.seed}
          {...LAB_LIMITS.seed}
          onCommit={(seed) => setLab({ seed })}
          testId="precond-seed"
        />
      </div>
      <RunBar
        run={run}
        progress={`${done.length} of ${frequencies.length} frequencies`}
        fraction={done.length / frequencies.length}
        testId="precond-run"
      />
      <PageExplanation id="lab-precond" />
      {current && done.length > 0 && (
        <PrecondResultView
          frequencies={done}
          result={current.result}
          n={config.n}
          cap={cap}
          threshold={threshold}
          flatten={config.flatten ?? 1}
          selected={selected}
          onSelect={setSelectedK}
        />
      )}
    </div>
  );
}

function FrequencyField({
  value,
  onCommit,
}: {
  value: readonly number[];
  onCommit(values: readonly number[]): void;
}) {
  const [text, setText] = useState(formatFrequencies(value));
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    const parsed = parseFrequencies(text);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    if (formatFrequencies(parsed.value) !== formatFrequencies(value)) onCommit(parsed.value);
  };
  return (
    <span className="lab-field">
      <label>
        frequencies k
        <input
          type="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
          aria-invalid={problem !== null}
          data-testid="precond-frequencies"
        />
      </label>
      {problem && (
        <span className="lab-field-problem" role="alert" data-testid="precond-frequencies-problem">
          {problem}
        </span>
      )}
    </span>
  );
}

interface ViewProps {
  frequencies: PrecondFrequency[];
  result: PrecondResult | null;
  n: number;
  cap: number;
  threshold: number;
  flatten: number;
  selected: PrecondFrequency | null;
  onSelect(k: number): void;
}

function PrecondResultView({
  frequencies,
  result,
  n,
  cap,
  threshold,
  flatten,
  selected,
  onSelect,
}: ViewProps) {
  const rows = frequencies.map((f) => ({
    k: f.k,
    gd: f.gd.iterationsToThreshold,
    pre: f.preconditioned.iterationsToThreshold,
    gdIterations: f.gd.iterations,
    preIterations: f.preconditioned.iterations,
    gdFinalMse: f.gd.finalMse,
    preFinalMse: f.preconditioned.finalMse,
    gdLr: f.gd.lr,
    preLr: f.preconditioned.lr,
    maxDifference: f.maxDifference,
  }));
  const reached = (steps: number | null) => (steps === null ? Number.NaN : steps);
  const series: LineSeries[] = [
    {
      id: 'gd',
      label: 'plain GD',
      colour: GD_COLOUR,
      markers: 'filled',
      gaps: true,
      points: rows.map((r) => [r.k, reached(r.gd)] as XY),
      pointTitles: rows.map((r) => `k = ${r.k}: ${stepsText(r.gd, cap)} steps`),
    },
    {
      id: 'pre',
      label: 'preconditioned GD',
      colour: PRE_COLOUR,
      dash: '6 3',
      markers: 'filled',
      gaps: true,
      points: rows.map((r) => [r.k, reached(r.pre)] as XY),
      pointTitles: rows.map((r) => `k = ${r.k}: ${stepsText(r.pre, cap)} steps`),
    },
  ];
  const missedGd = rows.filter((r) => r.gd === null);
  const missedPre = rows.filter((r) => r.pre === null);
  if (missedGd.length > 0)
    series.push({
      id: 'gd-cap',
      label: `plain GD: not reached (> ${cap})`,
      colour: GD_COLOUR,
      line: false,
      markers: 'open',
      markerRadius: 4,
      points: missedGd.map((r) => [r.k, cap] as XY),
    });
  if (missedPre.length > 0)
    series.push({
      id: 'pre-cap',
      label: `preconditioned: not reached (> ${cap})`,
      colour: PRE_COLOUR,
      line: false,
      markers: 'open',
      markerRadius: 4,
      points: missedPre.map((r) => [r.k, cap] as XY),
    });
  const ks = rows.map((r) => r.k);
  const kDomain: [number, number] = ks.length > 0 ? [Math.min(...ks) - 0.5, Math.max(...ks) + 0.5] : [0, 1];

  return (
    <>
      {rows.length > 0 && <PrecondSummary rows={rows} cap={cap} flatten={flatten} result={result} />}
      <div
        className="lab-row"
        data-testid="precond-result"
        data-state={result ? result.status : 'running'}
        data-rows={JSON.stringify(rows)}
        data-count={rows.length}
        data-flatten={result?.flatten ?? ''}
        data-flat-value={result?.flatValue ?? ''}
        data-seconds={result?.seconds ?? ''}
      >
        <div>
          <LabPlot
            plotId="lab-precond-steps"
            title={`Steps until mean squared error ≤ ${fmt(threshold)}, plain and preconditioned gradient descent`}
          >
            <LineChart
              series={series}
              width={480}
              height={300}
              yScale="log"
              xDomain={kDomain}
              xLabel="target frequency k"
              yLabel="steps to reach the threshold"
              title={`Steps until mean squared error ≤ ${fmt(threshold)}`}
              references={[{ axis: 'y', value: cap, label: `cap ${cap}` }]}
              testId="precond-iterations-chart"
            />
          </LabPlot>
          <table className="lab-table" data-testid="precond-table">
            <thead>
              <tr>
                <th>k</th>
                <th>plain GD</th>
                <th>preconditioned</th>
                <th>max |f_GD − f_pre|</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.k} data-k={r.k}>
                  <td>{r.k}</td>
                  <td>{stepsText(r.gd, cap)}</td>
                  <td>{stepsText(r.pre, cap)}</td>
                  <td>{fmt(r.maxDifference)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {selected && (
          <FinalFunctions
            frequencies={frequencies}
            selected={selected}
            n={n}
            cap={cap}
            threshold={threshold}
            onSelect={onSelect}
          />
        )}
      </div>
      {result && <FlattenedSpectrum result={result} />}
    </>
  );
}

function PrecondSummary({
  rows,
  cap,
  flatten,
  result,
}: {
  rows: { k: number; gd: number | null; pre: number | null; maxDifference: number }[];
  cap: number;
  flatten: number;
  result: PrecondResult | null;
}) {
  const ks = rows.map((r) => r.k).join(', ');
  const both = rows.filter((r) => r.gd !== null && r.pre !== null);
  const speedups = both.map((r) => r.gd! / Math.max(1, r.pre!));
  const fairDiff = both.length > 0 ? Math.max(...both.map((r) => r.maxDifference)) : null;
  const capped = rows.filter((r) => r.gd === null).map((r) => r.k);
  return (
    <p className="lab-summary" data-testid="precond-summary">
      For k = {ks}, plain gradient descent needed {rows.map((r) => stepsText(r.gd, cap)).join(', ')} steps;
      with the top {flatten} eigenvalues flattened
      {result ? ` to λ${subscript(result.flatten)} = ${fmt(result.flatValue)}` : ''} it needed{' '}
      {rows.map((r) => stepsText(r.pre, cap)).join(', ')}.
      {speedups.length > 0 && ` That is up to ${fmt(Math.max(...speedups))} times fewer steps.`} High
      frequencies sit on small NTK eigenvalues, so plain GD learns them last; flattening the spectrum lets
      them come as soon as the low ones.
      {fairDiff !== null &&
        ` Where both runs reached the threshold, the two final functions differ by at most ${fmt(fairDiff)} anywhere on the circle: the same function, found sooner.`}
      {capped.length > 0 &&
        ` Plain GD stopped at the cap of ${cap} steps for k = ${capped.join(', ')}, before reaching the threshold, so its function there is not finished.`}
    </p>
  );
}

function FinalFunctions({
  frequencies,
  selected,
  n,
  cap,
  threshold,
  onSelect,
}: {
  frequencies: PrecondFrequency[];
  selected: PrecondFrequency;
  n: number;
  cap: number;
  threshold: number;
  onSelect(k: number): void;
}) {
  const t = evaluationT(n);
  const k = selected.k;
  const targetPoints = Array.from(t, (tj) => [tj, Math.cos(k * tj)] as XY);
  const trainPoints = Array.from({ length: n }, (_, j) => {
    const tj = (2 * Math.PI * j) / n;
    return [tj, Math.cos(k * tj)] as XY;
  });
  const functions: LineSeries[] = [
    { id: 'target', label: `target cos(${k}t)`, colour: '#9aa3b5', strokeWidth: 1, points: targetPoints },
    {
      id: 'train',
      label: 'training points',
      colour: '#5b6478',
      line: false,
      markers: 'filled',
      markerRadius: 2,
      points: trainPoints,
    },
    {
      id: 'gd',
      label: `plain GD (${stepsText(selected.gd.iterationsToThreshold, cap)} steps)`,
      colour: GD_COLOUR,
      points: Array.from(selected.gd.values, (v, j) => [t[j]!, v] as XY),
    },
    {
      id: 'pre',
      label: `preconditioned (${stepsText(selected.preconditioned.iterationsToThreshold, cap)} steps)`,
      colour: PRE_COLOUR,
      dash: '6 3',
      points: Array.from(selected.preconditioned.values, (v, j) => [t[j]!, v] as XY),
    },
  ];
  const curves: LineSeries[] = [
    {
      id: 'gd',
      label: 'plain GD',
      colour: GD_COLOUR,
      points: selected.gd.mseCurve.map(([s, m]) => [s, m] as XY),
    },
    {
      id: 'pre',
      label: 'preconditioned',
      colour: PRE_COLOUR,
      dash: '6 3',
      points: selected.preconditioned.mseCurve.map(([s, m]) => [s, m] as XY),
    },
  ];
  const fair =
    selected.gd.iterationsToThreshold !== null && selected.preconditioned.iterationsToThreshold !== null;
  return (
    <div data-testid="precond-functions" data-k={k} data-max-difference={selected.maxDifference}>
      <fieldset className="lab-choice" aria-label="Frequency shown">
        <span className="meta">show k =</span>
        {frequencies.map((f) => (
          <button
            key={f.k}
            type="button"
            className={f.k === k ? 'active' : undefined}
            aria-pressed={f.k === k}
            onClick={() => onSelect(f.k)}
            data-testid={`precond-show-${f.k}`}
          >
            {f.k}
          </button>
        ))}
      </fieldset>
      <LabPlot plotId="lab-precond-functions" title={`Final functions for k = ${k}`}>
        <LineChart
          series={functions}
          width={520}
          height={260}
          xDomain={[0, 2 * Math.PI]}
          xLabel="t (angle on the circle)"
          yLabel="f(t)"
          title={`Final functions for k = ${k}`}
          testId="precond-functions-chart"
        />
      </LabPlot>
      <p className="lab-number">
        <span
          className="lab-number-value"
          data-testid="precond-max-difference"
          data-value={selected.maxDifference}
        >
          {fmt(selected.maxDifference)}
        </span>
        <span className="meta">
          max |f_GD(t) − f_pre(t)| over {t.length} points of the circle
          {fair ? '' : ' (one run stopped at the cap: not a like-for-like comparison)'}
        </span>
      </p>
      <LabPlot plotId="lab-precond-loss" title={`Loss during training, k = ${k}`}>
        <LineChart
          series={curves}
          width={520}
          height={200}
          yScale="log"
          xLabel="step"
          yLabel="mean squared error"
          references={[{ axis: 'y', value: threshold, label: 'threshold' }]}
          title={`Loss during training, k = ${k}`}
          testId="precond-loss-chart"
        />
      </LabPlot>
    </div>
  );
}

function FlattenedSpectrum({ result }: { result: PrecondResult }) {
  const flattened = Array.from(result.eigenvalues, (v, i) => (i < result.flatten ? result.flatValue : v));
  const series: LineSeries[] = [
    {
      id: 'ntk',
      label: 'NTK eigenvalues λᵢ',
      colour: GD_COLOUR,
      markers: 'filled',
      markerRadius: 2,
      points: Array.from(result.eigenvalues, (v, i) => [i + 1, v] as XY),
    },
    {
      id: 'flat',
      label: `after flattening the top ${result.flatten}`,
      colour: PRE_COLOUR,
      dash: '6 3',
      points: flattened.map((v, i) => [i + 1, v] as XY),
    },
  ];
  return (
    <div>
      <h3>The spectrum the preconditioner gives gradient descent</h3>
      <LabPlot plotId="lab-precond-spectrum" title="The spectrum the preconditioner gives gradient descent">
        <LineChart
          series={series}
          width={480}
          height={240}
          yScale="log"
          xLabel="index i"
          yLabel="eigenvalue"
          references={[{ axis: 'x', value: result.flatten, label: `k′ = ${result.flatten}` }]}
          testId="precond-spectrum-chart"
        />
      </LabPlot>
    </div>
  );
}
