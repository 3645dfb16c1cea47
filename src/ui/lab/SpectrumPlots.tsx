/** Panel 3's secondary plots (SpectrumPanel.tsx): eigenvectors as multiples of Fourier modes, and the convergence strip. */
import type { NtkConvergenceRow } from '../../core/lab/ntkConvergence';
import type { NtkSpectrumResult } from '../../core/lab/ntkSpectrum';
import type { LabState } from '../../state/labState';
import { LineChart, type LineSeries, type XY } from '../charts';
import { formatTick } from '../charts/numberFormat';
import { LabPlot } from './LabPlot';
import { CONVERGENCE_INITS, CONVERGENCE_WIDTHS, logLogSlope, SPECTRUM_TOP_K } from './spectrumConfig';
import { subscript } from './spectrumKit';

export const EMPIRICAL_COLOUR = '#0072b2';
export const INFINITE_COLOUR = '#d55e00';
export const percent = (v: number) => `${formatTick(100 * v, 3)} %`;

export function EigenvectorMultiples({ result }: { result: NtkSpectrumResult }) {
  const z = result.coordinate;
  const toPoints = (v: Float64Array) => Array.from(v, (y, j) => [z[j]!, y] as XY);
  const count = Math.min(SPECTRUM_TOP_K, result.empirical.eigenvectors.length);
  return (
    <div>
      <h3>Leading eigenvectors as functions of z</h3>
      <p className="meta">
        Solid: empirical, dashed: infinite width. Each is a unit vector on the grid; its sign is fixed so its
        first lobe is positive. Nearly equal eigenvalues can mix their eigenvectors, so a pair may differ.
      </p>
      <LabPlot
        plotId="lab-spectrum-eigenvectors"
        title="Leading eigenvectors of the NTK as functions of z"
        extra={[
          'Solid: empirical; dashed: infinite width; unit vectors, sign fixed so the first lobe is positive',
        ]}
      >
        <div className="lab-multiples" data-testid="spectrum-eigenvectors" data-count={count}>
          {Array.from({ length: count }, (_, i) => {
            const series: LineSeries[] = [
              {
                id: 'empirical',
                label: 'empirical',
                colour: EMPIRICAL_COLOUR,
                points: toPoints(result.empirical.eigenvectors[i]!),
              },
            ];
            const infVector = result.infinite?.eigenvectors[i];
            if (infVector)
              series.push({
                id: 'infinite',
                label: 'infinite width',
                colour: INFINITE_COLOUR,
                dash: '5 3',
                points: toPoints(infVector),
              });
            return (
              <LineChart
                key={i}
                series={series}
                width={190}
                height={130}
                legend={false}
                margin={{ top: 6, right: 6, bottom: 26, left: 40 }}
                title={`v${subscript(i + 1)}, λ${subscript(i + 1)} = ${formatTick(result.empirical.eigenvalues[i]!, 3)}`}
                testId={`spectrum-eigenvector-${i + 1}`}
              />
            );
          })}
        </div>
      </LabPlot>
    </div>
  );
}

export function ConvergenceStrip({
  rows,
  lab,
  current,
}: {
  rows: NtkConvergenceRow[];
  lab: LabState;
  current: NtkSpectrumResult | null;
}) {
  const slope = logLogSlope(rows.map((r) => ({ width: r.width, error: r.relativeFrobenius })));
  const series: LineSeries[] = [
    {
      id: 'mean',
      label: `mean of ${CONVERGENCE_INITS} initialisations`,
      colour: EMPIRICAL_COLOUR,
      markers: 'filled',
      points: rows.map((r) => [r.width, r.relativeFrobenius] as XY),
      pointTitles: rows.map((r) => `width ${r.width}: ${percent(r.relativeFrobenius)}`),
    },
    {
      id: 'single',
      label: 'single initialisations',
      colour: EMPIRICAL_COLOUR,
      line: false,
      markers: 'open',
      markerRadius: 2,
      opacity: 0.6,
      points: rows.flatMap((r) => r.frobeniusPerInit.map((e) => [r.width, e] as XY)),
    },
  ];
  const anchor = rows[0];
  if (anchor && rows.length > 1) {
    series.push({
      id: 'guide',
      label: '∝ 1/√width',
      colour: '#5b6478',
      dash: '2 3',
      strokeWidth: 1.2,
      points: CONVERGENCE_WIDTHS.map(
        (w) => [w, anchor.relativeFrobenius * Math.sqrt(anchor.width / w)] as XY,
      ),
    });
  }
  if (current?.relativeError != null) {
    series.push({
      id: 'current',
      label: `this network (width ${lab.width}, seed ${lab.seed})`,
      colour: INFINITE_COLOUR,
      line: false,
      markers: 'filled',
      markerRadius: 4,
      points: [[lab.width, current.relativeError]],
    });
  }
  return (
    <div
      className="lab-convergence"
      data-testid="spectrum-convergence"
      data-rows={JSON.stringify(
        rows.map((r) => ({ width: r.width, relativeFrobenius: r.relativeFrobenius })),
      )}
      data-count={rows.length}
    >
      <h3>Width → ∞: the empirical kernel converges to the infinite-width one</h3>
      <div className="lab-row">
        <LabPlot
          plotId="lab-spectrum-convergence"
          title="Width → ∞: the empirical kernel converges to the infinite-width one"
          extra={[
            `Widths ${CONVERGENCE_WIDTHS[0]} to ${CONVERGENCE_WIDTHS.at(-1)}, ${CONVERGENCE_INITS} initialisations each (seeds ${lab.seed} to ${lab.seed + CONVERGENCE_INITS - 1})`,
          ]}
        >
          <LineChart
            series={series}
            width={520}
            height={260}
            xScale="log"
            yScale="log"
            xLabel="width"
            yLabel="‖Θ̂ − Θ∞‖_F / ‖Θ∞‖_F"
            references={[{ axis: 'x', value: lab.width, label: 'slider' }]}
            emptyText="computing the widths…"
            testId="spectrum-convergence-chart"
          />
        </LabPlot>
        <p className="meta lab-aside">
          Same architecture and grid, widths {CONVERGENCE_WIDTHS[0]} to {CONVERGENCE_WIDTHS.at(-1)},{' '}
          {CONVERGENCE_INITS} initialisations each (seeds {lab.seed} to {lab.seed + CONVERGENCE_INITS - 1}).
          {Number.isFinite(slope) && (
            <>
              {' '}
              Fitted log-log slope <strong data-testid="spectrum-slope">{slope.toFixed(2)}</strong>; random
              fluctuations that shrink like 1/√width give −0.5.
            </>
          )}
        </p>
      </div>
    </div>
  );
}
