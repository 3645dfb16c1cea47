/** Panel 4's result (ResidualPanel.tsx): the residual's projections on the NTK's eigenvectors over the steps, their summary and table. */
import type { NtkSpectrumResult } from '../../core/lab/ntkSpectrum';
import type { ResidualProjectionsResult, ResidualRecord } from '../../core/lab/residualProjections';
import type { LabState } from '../../state/labState';
import { LineChart, type LineSeries, type XY } from '../charts';
import { seriesColour } from '../charts/colourMaps';
import { formatTick } from '../charts/numberFormat';
import { LabPlot } from './LabPlot';
import { numbersAttribute, subscript } from './spectrumKit';

export interface Shown {
  key: string;
  probe: NtkSpectrumResult | null;
  directions: number[];
  records: ResidualRecord[];
  result: ResidualProjectionsResult | null;
}

const fmt = (v: number) => formatTick(v, 3);
const RELATIVE_DOMAIN = [1e-3, 1.5] as const;
const name = (rank: number) => `v${subscript(rank + 1)}`;
const lambda = (rank: number) => `λ${subscript(rank + 1)}`;

export function ResidualResult({
  shown,
  iterations,
  lab,
}: {
  shown: Shown;
  iterations: number;
  lab: LabState;
}) {
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

export function ResidualSummary({
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

export function DirectionTable({
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
