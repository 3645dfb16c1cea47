/** Panel 5's results (PrecondPanel.tsx): steps per frequency, the final functions, the flattened spectrum. */
import type { PrecondFrequency, PrecondResult } from '../../core/lab/precondGd';
import { LineChart, type LineSeries, type XY } from '../charts';
import { LabPlot } from './LabPlot';
import { FinalFunctions, FlattenedSpectrum, fmt, GD_COLOUR, PRE_COLOUR, stepsText } from './PrecondPlots';
import { subscript } from './spectrumKit';

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

export function PrecondResultView({
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
