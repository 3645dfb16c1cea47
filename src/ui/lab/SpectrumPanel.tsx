/**
 * Panel 3, the NTK spectrum: the empirical NTK of the current ReLU network on the grid z_j = j/n, its
 * eigenvalues on a log axis and its leading eigenvectors drawn as functions of z, next to the
 * infinite-width kernel of the same architecture; below, how the empirical kernel approaches the
 * infinite-width one as the width grows (mean over initialisations, streamed width by width).
 */
import { useRef, useState } from 'react';
import { callback, labWorker } from '../../compute/labClient';
import type { NtkConvergenceRow } from '../../core/lab/ntkConvergence';
import type { NtkSpectrumResult } from '../../core/lab/ntkSpectrum';
import { LAB_LIMITS, type LabState, MAPPING_CHOICES, useLabStore } from '../../state/labState';
import { LineChart, type LineSeries, type XY } from '../charts';
import { formatTick } from '../charts/numberFormat';
import { PageExplanation } from '../components/Explanation';
import { LabPlot } from './LabPlot';
import {
  CONVERGENCE_INITS,
  CONVERGENCE_WIDTHS,
  convergenceConfig,
  logLogSlope,
  SPECTRUM_TOP_K,
  spectrumConfig,
} from './spectrumConfig';
import {
  NumberField,
  numbersAttribute,
  RunBar,
  type RunContext,
  subscript,
  useLabRun,
  WidthSlider,
} from './spectrumKit';

const EMPIRICAL_COLOUR = '#0072b2';
const INFINITE_COLOUR = '#d55e00';

interface ShownSpectrum {
  key: string;
  result: NtkSpectrumResult;
}

interface ShownRows {
  key: string;
  rows: NtkConvergenceRow[];
}

const percent = (v: number) => `${formatTick(100 * v, 3)} %`;

export function SpectrumPanel() {
  const lab = useLabStore((s) => s.lab);
  const setLab = useLabStore((s) => s.setLab);
  const config = spectrumConfig(lab);
  const convConfig = convergenceConfig(lab);
  const spectrumKey = JSON.stringify(config);
  const convKey = JSON.stringify(convConfig);

  const [spectrum, setSpectrum] = useState<ShownSpectrum | null>(null);
  const [conv, setConv] = useState<ShownRows>({ key: '', rows: [] });
  const convRef = useRef(conv);
  const [progress, setProgress] = useState<{ text: string; fraction?: number }>({ text: '' });

  const showRows = (next: ShownRows) => {
    convRef.current = next;
    setConv(next);
  };

  const start = async (ctx: RunContext): Promise<'done' | 'cancelled'> => {
    const { api, ready } = labWorker();
    await ready;
    setProgress({ text: `empirical NTK of the width-${config.width} network…`, fraction: 0 });
    const result = await api.ntkSpectrum(config);
    if (!ctx.live()) return 'cancelled';
    setSpectrum({ key: spectrumKey, result });
    if (ctx.stopped()) return 'cancelled';
    // Rows already computed for this architecture are kept: only a missing width is computed.
    const kept = convRef.current.key === convKey ? convRef.current.rows : [];
    if (kept !== convRef.current.rows) showRows({ key: convKey, rows: kept });
    const missing = CONVERGENCE_WIDTHS.filter((w) => !kept.some((r) => r.width === w));
    const total = CONVERGENCE_WIDTHS.length;
    const report = (done: number) =>
      setProgress({
        text: done < total ? `convergence: ${done} of ${total} widths` : '',
        fraction: done / total,
      });
    report(total - missing.length);
    if (missing.length === 0) return 'done';
    const onRow = (row: NtkConvergenceRow) => {
      if (!ctx.live()) return;
      const rows = [...convRef.current.rows, row].sort((a, b) => a.width - b.width);
      showRows({ key: convKey, rows });
      report(rows.length);
    };
    const outcome = await api.ntkConvergence(missing, convConfig, callback(onRow));
    return outcome.status;
  };

  const run = useLabRun(`${spectrumKey}|${convKey}`, start);
  const shown = spectrum?.key === spectrumKey ? spectrum.result : null;
  const rows = conv.key === convKey ? conv.rows : [];

  return (
    <div className="lab-ntk" data-testid="spectrum-panel">
      <h2>NTK spectrum: which directions a network learns first</h2>
      <SpectrumControls lab={lab} setLab={setLab} />
      <RunBar run={run} progress={progress.text} fraction={progress.fraction} testId="spectrum-run" />
      <PageExplanation id="lab-spectrum" />
      {shown ? (
        <SpectrumResult result={shown} lab={lab} rows={rows} />
      ) : (
        <p className="meta">The kernel appears here once it is computed.</p>
      )}
      <ConvergenceStrip rows={rows} lab={lab} current={shown} />
    </div>
  );
}

function SpectrumControls({ lab, setLab }: { lab: LabState; setLab(patch: Partial<LabState>): void }) {
  const L = LAB_LIMITS;
  return (
    <div className="controls lab-controls">
      <WidthSlider width={lab.width} onCommit={(width) => setLab({ width })} testId="spectrum-width" />
      <NumberField
        label="hidden layers"
        name="The number of hidden layers"
        value={lab.depth}
        {...L.depth}
        onCommit={(depth) => setLab({ depth })}
        testId="spectrum-depth"
      />
      <NumberField
        label="grid points n"
        name="The number of points"
        value={lab.points}
        {...L.points}
        onCommit={(points) => setLab({ points })}
        testId="spectrum-points"
      />
      <label>
        input mapping
        <select
          value={lab.mapping}
          onChange={(e) => setLab({ mapping: e.target.value as LabState['mapping'] })}
          data-testid="spectrum-mapping"
        >
          {MAPPING_CHOICES.map((m) => (
            <option key={m} value={m}>
              {MAPPING_TEXT[m]}
            </option>
          ))}
        </select>
      </label>
      {lab.mapping === 'gaussian' && (
        <>
          <NumberField
            label="σ"
            name="σ"
            value={lab.sigma}
            {...L.sigma}
            integer={false}
            onCommit={(sigma) => setLab({ sigma })}
            testId="spectrum-sigma"
            title="Scale of the Gaussian frequencies B ~ N(0, σ²)"
          />
          <NumberField
            label="features m"
            name="The number of features"
            value={lab.features}
            {...L.features}
            onCommit={(features) => setLab({ features })}
            testId="spectrum-features"
          />
        </>
      )}
      {lab.mapping === 'positional' && (
        <NumberField
          label="levels"
          name="The number of levels"
          value={lab.levels}
          {...L.levels}
          onCommit={(levels) => setLab({ levels })}
          testId="spectrum-levels"
        />
      )}
      <NumberField
        label="seed"
        name="The seed"
        value={lab.seed}
        min={L.seed.min}
        max={L.seed.max}
        onCommit={(seed) => setLab({ seed })}
        testId="spectrum-seed"
      />
    </div>
  );
}

const MAPPING_TEXT: Record<LabState['mapping'], string> = {
  none: 'none (z itself)',
  basic: 'basic [sin 2πz, cos 2πz]',
  positional: 'positional (frequencies 1, 2, 4, …)',
  gaussian: 'Gaussian Fourier features',
};

function eigenSeries(values: Float64Array, id: string, label: string, colour: string, dash?: string) {
  return {
    id,
    label,
    colour,
    dash,
    points: Array.from(values, (v, i) => [i + 1, v] as XY),
  } satisfies LineSeries;
}

function SpectrumResult({
  result,
  lab,
  rows,
}: {
  result: NtkSpectrumResult;
  lab: LabState;
  rows: NtkConvergenceRow[];
}) {
  const emp = result.empirical.eigenvalues;
  const inf = result.infinite?.eigenvalues ?? null;
  const series: LineSeries[] = [
    eigenSeries(emp, 'empirical', `empirical, width ${lab.width}`, EMPIRICAL_COLOUR),
  ];
  if (inf) series.push(eigenSeries(inf, 'infinite', 'infinite width', INFINITE_COLOUR, '6 3'));
  const tenth = Math.min(10, result.n);
  const first = rows[0];
  const last = rows.at(-1);
  return (
    <>
      <p className="lab-summary" data-testid="spectrum-summary">
        {result.relativeError !== null && (
          <>
            At width {lab.width} the empirical NTK is {percent(result.relativeError)} away from the
            infinite-width kernel.{' '}
          </>
        )}
        Its eigenvalues fall from λ₁ = {formatTick(emp[0]!, 3)} to λ{subscript(tenth)} ={' '}
        {formatTick(emp[tenth - 1]!, 3)}, {formatTick(emp[0]! / emp[tenth - 1]!, 3)} times smaller. Gradient
        descent shrinks the error along eigenvector i at a rate set by λᵢ, and the first eigenvectors (drawn
        below) are typically the smoothest: low frequencies are learned first.
        {first && last && rows.length > 1 && (
          <>
            {' '}
            Averaged over {CONVERGENCE_INITS} initialisations, the kernel's error falls from{' '}
            {percent(first.relativeFrobenius)} at width {first.width} to {percent(last.relativeFrobenius)} at
            width {last.width}.
          </>
        )}
      </p>
      {result.infiniteNote && <p className="meta">{result.infiniteNote}</p>}
      <div className="lab-row">
        <div
          data-testid="spectrum-eigs"
          data-values={numbersAttribute(emp)}
          data-infinite={inf ? numbersAttribute(inf) : ''}
          data-width={lab.width}
          data-n={result.n}
          data-seconds={result.seconds}
        >
          <LabPlot
            plotId="lab-spectrum-eigenvalues"
            title="Eigenvalues of the NTK"
            extra={[
              `Empirical NTK of one network at initialisation and its infinite-width limit, on ${result.n} grid points`,
            ]}
          >
            <LineChart
              series={series}
              width={520}
              height={300}
              yScale="log"
              xLabel="index i (largest first)"
              yLabel="eigenvalue λᵢ"
              title="Eigenvalues of the NTK"
              testId="spectrum-eigenvalue-chart"
            />
          </LabPlot>
        </div>
        <div className="lab-numbers">
          <p
            className="lab-number"
            data-testid="spectrum-error"
            data-value={result.relativeError ?? ''}
            title="Relative Frobenius error ‖Θ̂ − Θ∞‖_F / ‖Θ∞‖_F"
          >
            <span className="lab-number-value">
              {result.relativeError === null ? '–' : percent(result.relativeError)}
            </span>
            <span className="meta">‖Θ̂ − Θ∞‖_F / ‖Θ∞‖_F (this network, seed {lab.seed})</span>
          </p>
          <p className="meta">
            Θ̂: the empirical NTK J Jᵀ over every weight and bias of the width-{lab.width} network at
            initialisation. Θ∞: its infinite-width limit (the arc-cosine recursion), the same for every width.
            On {result.n} grid points z = j/{result.n}.
          </p>
        </div>
      </div>
      <EigenvectorMultiples result={result} />
    </>
  );
}

function EigenvectorMultiples({ result }: { result: NtkSpectrumResult }) {
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

function ConvergenceStrip({
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
