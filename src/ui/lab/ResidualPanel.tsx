/**
 * Panel 4, prediction against reality: a ReLU network trained by full-batch gradient descent on
 * y = sin(2π k₁ z) + sin(2π k₂ z); its residual projected on NTK eigen-directions, measured every few
 * steps, against the linearised prediction |⟨vᵢ, r₀⟩|·|1 − ηλᵢ/n|ᵗ (residualProjections.ts has the
 * convention: L = (1/2n)‖f − y‖², K = J Jᵀ unnormalised, hence the 1/n).
 */
import { useRef, useState } from 'react';
import { callback, labWorker } from '../../compute/labClient';
import type { NtkSpectrumResult } from '../../core/lab/ntkSpectrum';
import type { ResidualProjectionsResult, ResidualRecord } from '../../core/lab/residualProjections';
import { LAB_LIMITS, type LabState, useLabStore } from '../../state/labState';
import { LineChart, type LineSeries, type XY } from '../charts';
import { seriesColour } from '../charts/colourMaps';
import { formatTick } from '../charts/numberFormat';
import { PageExplanation } from '../components/Explanation';
import { LabPlot } from './LabPlot';
import {
  aliasNote,
  pickDirections,
  RESIDUAL_ITERATION_LIMITS,
  residualConfig,
  residualProbeConfig,
  residualTarget,
} from './residualConfig';
import {
  NumberField,
  numbersAttribute,
  RunBar,
  type RunContext,
  subscript,
  useLabRun,
  WidthSlider,
} from './spectrumKit';

interface Shown {
  key: string;
  probe: NtkSpectrumResult | null;
  directions: number[];
  records: ResidualRecord[];
  result: ResidualProjectionsResult | null;
}

const fmt = (v: number) => formatTick(v, 3);
/** The relative residual's axis: a thousandfold decrease is "learned"; below that is rounding. */
const RELATIVE_DOMAIN = [1e-3, 1.5] as const;
const name = (rank: number) => `v${subscript(rank + 1)}`;
const lambda = (rank: number) => `λ${subscript(rank + 1)}`;

export function ResidualPanel() {
  const lab = useLabStore((s) => s.lab);
  const setLab = useLabStore((s) => s.setLab);
  const k = lab.residualK;
  const iterations = lab.steps;
  const setK = (next: readonly [number, number]) => setLab({ residualK: [next[0], next[1]] });
  const setIterations = (next: number) => setLab({ steps: next });
  const [kProblem, setKProblem] = useState<string | null>(null);
  const n = lab.points;
  const target = residualTarget(k, n);
  const probeConfig = residualProbeConfig(lab);
  const key = JSON.stringify({ probeConfig, k, iterations });

  const [shown, setShown] = useState<Shown | null>(null);
  const shownRef = useRef<Shown | null>(null);
  const show = (next: Shown) => {
    shownRef.current = next;
    setShown(next);
  };

  const start = async (ctx: RunContext): Promise<'done' | 'cancelled'> => {
    const { api, ready } = labWorker();
    await ready;
    const probe = await api.ntkSpectrum(probeConfig);
    if (!ctx.live()) return 'cancelled';
    const directions = pickDirections(probe.empirical.eigenvectors, target);
    show({ key, probe, directions, records: [], result: null });
    if (ctx.stopped()) return 'cancelled';
    // The worker does not await its progress messages, so the last one can arrive after the result:
    // once the result is in, it holds every record and late messages are dropped.
    let finished = false;
    const onRecord = (record: ResidualRecord) => {
      const now = shownRef.current;
      if (finished || !ctx.live() || !now) return;
      show({ ...now, records: [...now.records, record] });
    };
    const config = residualConfig(lab, target, iterations, directions);
    const result = await api.residualProjections(config, callback(onRecord));
    finished = true;
    if (!ctx.live() || !shownRef.current) return 'cancelled';
    show({ ...shownRef.current, result, records: result.records });
    return result.status;
  };

  const run = useLabRun(key, start);
  const current = shown?.key === key ? shown : null;
  const lastIteration = current?.records.at(-1)?.iteration ?? 0;

  const commitK = (index: 0 | 1) => (value: number) => {
    const other = k[1 - index]!;
    if (value === other) {
      setKProblem(`k₁ and k₂ must differ; ${value} was not used.`);
      return;
    }
    setKProblem(null);
    setK(index === 0 ? [value, other] : [other, value]);
  };
  const alias = aliasNote(k, n);

  return (
    <div className="lab-ntk" data-testid="residual-panel">
      <h2>Prediction vs reality: the residual along each NTK direction</h2>
      <div className="controls lab-controls">
        <WidthSlider width={lab.width} onCommit={(width) => setLab({ width })} testId="residual-width" />
        <NumberField
          label="hidden layers"
          name="The number of hidden layers"
          value={lab.depth}
          {...LAB_LIMITS.depth}
          onCommit={(depth) => setLab({ depth })}
          testId="residual-depth"
        />
        <NumberField
          label="grid points n"
          name="The number of points"
          value={n}
          {...LAB_LIMITS.points}
          onCommit={(points) => setLab({ points })}
          testId="residual-points"
        />
        <NumberField
          label="target k₁"
          name="k₁"
          value={k[0]}
          {...LAB_LIMITS.k}
          onCommit={commitK(0)}
          testId="residual-k1"
        />
        <NumberField
          label="k₂"
          name="k₂"
          value={k[1]}
          {...LAB_LIMITS.k}
          onCommit={commitK(1)}
          testId="residual-k2"
        />
        <NumberField
          label="steps"
          name="The number of steps"
          value={iterations}
          {...RESIDUAL_ITERATION_LIMITS}
          onCommit={setIterations}
          testId="residual-iterations"
        />
        <NumberField
          label="seed"
          name="The seed"
          value={lab.seed}
          {...LAB_LIMITS.seed}
          onCommit={(seed) => setLab({ seed })}
          testId="residual-seed"
        />
      </div>
      {kProblem && (
        <p className="notice error" role="alert" data-testid="residual-k-problem">
          {kProblem}
        </p>
      )}
      {alias && <p className="notice">{alias}</p>}
      <p className="meta">
        Target y = sin(2π·{k[0]}·z) + sin(2π·{k[1]}·z) on the grid z = j/{n}; full-batch gradient descent on L
        = (1/2n)‖f(X) − y‖² from the network's initial function (subtracted, so r₀ = −y). Followed: the{' '}
        {Math.min(6, n)} eigen-directions of the NTK at initialisation that the target projects on most.
      </p>
      <RunBar
        run={run}
        progress={current ? `step ${lastIteration} of ${iterations}` : 'NTK at initialisation…'}
        fraction={lastIteration / iterations}
        testId="residual-run"
      />
      <PageExplanation id="lab-residual" />
      {current?.probe && <ResidualResult shown={current} iterations={iterations} lab={lab} />}
    </div>
  );
}

function ResidualResult({ shown, iterations, lab }: { shown: Shown; iterations: number; lab: LabState }) {
  const { probe, directions, records, result } = shown;
  if (!probe) return null;
  const eigenvalues = probe.empirical.eigenvalues;
  const n = probe.n;
  const first = records[0];
  const last = records.at(-1);
  // Each direction relative to where it started, so every curve begins at 1 and the prediction is
  // exactly |1 − ηλᵢ/n|ᵗ: the decay rates compare at a glance.
  const start = (d: number) => first?.measured[d] || 1;
  const series: LineSeries[] = directions.flatMap((rank, d) => {
    const colour = seriesColour(d);
    return [
      {
        id: `measured-${rank}`,
        label: `${name(rank)} (${lambda(rank)} = ${fmt(eigenvalues[rank]!)})`,
        colour,
        points: records.map((r) => [r.iteration, r.measured[d]! / start(d)] as XY),
      },
      {
        id: `predicted-${rank}`,
        label: `${name(rank)} predicted`,
        colour,
        dash: '5 4',
        strokeWidth: 1.4,
        inLegend: false,
        points: records.map((r) => [r.iteration, r.predicted[d]! / start(d)] as XY),
      },
    ];
  });
  const mseSeries: LineSeries[] = [
    {
      id: 'mse',
      label: 'measured',
      colour: '#1d2b53',
      points: records.map((r) => [r.iteration, r.mse] as XY),
    },
    {
      id: 'predicted-mse',
      label: 'predicted (linearised)',
      colour: '#d55e00',
      dash: '5 4',
      points: records.map((r) => [r.iteration, r.predictedMse] as XY),
    },
  ];
  return (
    <>
      {result && last && first && (
        <ResidualSummary result={result} first={first} last={last} eigenvalues={eigenvalues} n={n} />
      )}
      <div
        className="lab-row"
        data-testid="residual-result"
        data-state={result ? result.status : 'running'}
        data-directions={JSON.stringify(directions)}
        data-eigenvalues={numbersAttribute(directions.map((r) => eigenvalues[r]!))}
        data-lr={result?.lr ?? ''}
        data-lr-limit={result?.lrLimit ?? ''}
        data-factors={result ? numbersAttribute(result.factors) : ''}
        data-iterations={result?.iterations ?? ''}
        data-record-count={records.length}
        data-final-measured={last ? numbersAttribute(last.measured) : ''}
        data-final-predicted={last ? numbersAttribute(last.predicted) : ''}
        data-final-mse={last?.mse ?? ''}
        data-final-predicted-mse={last?.predictedMse ?? ''}
        data-seconds={result?.seconds ?? ''}
        data-width={lab.width}
      >
        <div>
          <LabPlot
            plotId="lab-residual"
            title="Residual along each eigen-direction, relative to its start"
            extra={['Solid: measured on the network; dashed: the linearised prediction |1 − ηλᵢ/n|ᵗ']}
          >
            <LineChart
              series={series}
              width={600}
              height={340}
              yScale="log"
              xDomain={[0, iterations]}
              yDomain={RELATIVE_DOMAIN}
              xLabel="gradient-descent step t"
              yLabel="|⟨vᵢ, r_t⟩| / |⟨vᵢ, r₀⟩|"
              title="Residual along each eigen-direction, relative to its start"
              testId="residual-chart"
            />
          </LabPlot>
          <p className="meta">
            Solid: measured on the network. Dashed: the linearised prediction |1 − ηλᵢ/n|ᵗ. Below{' '}
            {formatTick(RELATIVE_DOMAIN[0])} the curves leave the plot.
          </p>
        </div>
        <div>
          <LabPlot plotId="lab-residual-mse" title="Training loss, all directions">
            <LineChart
              series={mseSeries}
              width={400}
              height={240}
              yScale="log"
              xDomain={[0, iterations]}
              xLabel="step t"
              yLabel="mean squared residual"
              title="Training loss, all directions"
              testId="residual-mse-chart"
            />
          </LabPlot>
          {result && <DirectionTable result={result} eigenvalues={eigenvalues} first={first} />}
        </div>
      </div>
      <h3>The followed directions as functions of z</h3>
      <LabPlot
        plotId="lab-residual-directions"
        title="The followed eigen-directions of the NTK as functions of z"
      >
        <div className="lab-multiples">
          {directions.map((rank, d) => (
            <LineChart
              key={rank}
              series={[
                {
                  id: 'v',
                  label: name(rank),
                  colour: seriesColour(d),
                  points: Array.from(
                    probe.empirical.eigenvectors[rank]!,
                    (v, j) => [probe.coordinate[j]!, v] as XY,
                  ),
                },
              ]}
              width={180}
              height={120}
              legend={false}
              margin={{ top: 6, right: 6, bottom: 24, left: 40 }}
              title={`${name(rank)}, ${lambda(rank)} = ${fmt(eigenvalues[rank]!)}`}
              testId={`residual-direction-${rank + 1}`}
            />
          ))}
        </div>
      </LabPlot>
    </>
  );
}

function ResidualSummary({
  result,
  first,
  last,
  eigenvalues,
  n,
}: {
  result: ResidualProjectionsResult;
  first: ResidualRecord;
  last: ResidualRecord;
  eigenvalues: Float64Array;
  n: number;
}) {
  const dirs = result.directions;
  // Fastest and slowest followed directions: largest and smallest eigenvalue.
  const fast = 0;
  const slow = dirs.length - 1;
  const r0 = Math.sqrt(first.mse * n);
  let worst = 0;
  for (const rec of result.records)
    rec.measured.forEach((m, i) => {
      worst = Math.max(worst, Math.abs(m - rec.predicted[i]!));
    });
  const describe = (d: number) =>
    `along ${name(dirs[d]!)} (${lambda(dirs[d]!)} = ${fmt(eigenvalues[dirs[d]!]!)}) it went from ${fmt(first.measured[d]!)} to ${fmt(last.measured[d]!)} (predicted ${fmt(last.predicted[d]!)})`;
  return (
    <p className="lab-summary" data-testid="residual-summary">
      η = {fmt(result.lr)} = {fmt(result.lr / result.lrLimit)} × the stability limit 2n/λ₁ ={' '}
      {fmt(result.lrLimit)}. In {result.iterations} steps the residual shrank fastest along the direction with
      the largest eigenvalue and slowest along the smallest: {describe(fast)}; {describe(slow)}. The loss went
      from {fmt(first.mse)} to {fmt(last.mse)} (linearised prediction {fmt(last.predictedMse)}). The largest
      gap between measured and predicted was {fmt((100 * worst) / r0)} % of ‖r₀‖: a wider network follows its
      linearisation more closely.
    </p>
  );
}

function DirectionTable({
  result,
  eigenvalues,
  first,
}: {
  result: ResidualProjectionsResult;
  eigenvalues: Float64Array;
  first: ResidualRecord | undefined;
}) {
  const last = result.records.at(-1);
  return (
    <table className="lab-table" data-testid="residual-table">
      <caption className="meta">η = {fmt(result.lr)}</caption>
      <thead>
        <tr>
          <th>direction</th>
          <th>λᵢ</th>
          <th>|1 − ηλᵢ/n|</th>
          <th>|⟨vᵢ, r₀⟩|</th>
          <th>measured at end</th>
          <th>predicted at end</th>
        </tr>
      </thead>
      <tbody>
        {result.directions.map((rank, d) => (
          <tr key={rank}>
            <td>{name(rank)}</td>
            <td>{fmt(eigenvalues[rank]!)}</td>
            <td>{result.factors[d]!.toFixed(5)}</td>
            <td>{first ? fmt(first.measured[d]!) : '–'}</td>
            <td>{last ? fmt(last.measured[d]!) : '–'}</td>
            <td>{last ? fmt(last.predicted[d]!) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
