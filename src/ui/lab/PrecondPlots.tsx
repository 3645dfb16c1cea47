/** Panel 5's plots (PrecondResults.tsx): the two final functions over the circle, the flattened spectrum. */
import type { PrecondFrequency, PrecondResult } from '../../core/lab/precondGd';
import { LineChart, type LineSeries, type XY } from '../charts';
import { formatTick } from '../charts/numberFormat';
import { LabPlot } from './LabPlot';

export const GD_COLOUR = '#0072b2';
export const PRE_COLOUR = '#d55e00';
export const fmt = (v: number) => formatTick(v, 3);

export const stepsText = (steps: number | null, cap: number) => (steps === null ? `> ${cap}` : String(steps));

/** t of the evaluation points: precondGd's default, 4n evenly around the circle. */
export function evaluationT(n: number): Float64Array {
  return Float64Array.from({ length: 4 * n }, (_, j) => (2 * Math.PI * j) / (4 * n));
}

export function FinalFunctions({
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

export function FlattenedSpectrum({ result }: { result: PrecondResult }) {
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
