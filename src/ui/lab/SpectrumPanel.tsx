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
import { type LabState, useLabStore } from '../../state/labState';
import { LineChart, type LineSeries, type XY } from '../charts';
import { formatTick } from '../charts/numberFormat';
import { PageExplanation } from '../components/Explanation';
import { LabPlot } from './LabPlot';
import { SpectrumControls } from './SpectrumControls';
import {
  ConvergenceStrip,
  EigenvectorMultiples,
  EMPIRICAL_COLOUR,
  INFINITE_COLOUR,
  percent,
} from './SpectrumPlots';
import { CONVERGENCE_INITS, CONVERGENCE_WIDTHS, convergenceConfig, spectrumConfig } from './spectrumConfig';
import { numbersAttribute, RunBar, subscript, useLabRun } from './spectrumKit';
import type { RunContext } from './useWorkerRun';

interface ShownSpectrum {
  key: string;
  result: NtkSpectrumResult;
}

interface ShownRows {
  key: string;
  rows: NtkConvergenceRow[];
}

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
