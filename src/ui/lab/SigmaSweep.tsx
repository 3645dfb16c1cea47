/** Panel 2's σ sweep (FourierPanel.tsx): the same fit at σ = 1, 4, 10 and 32, one after another, rows streamed in. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { callback, cancelLab, labWorker } from '../../compute/labClient';
import type { LabFitStatus } from '../../core/lab/fitLoop';
import type { SignalRecord } from '../../core/lab/fitSignal';
import { buildTarget } from '../../core/lab/signals';
import { iterationsToReach } from '../../core/lab/spectrum1d';
import type { LabState } from '../../state/labState';
import { LineChart } from '../charts/LineChart';
import { fourierFitConfig, highestIndex, REACH_THRESHOLD, SIGMA_SWEEP } from './biasConfig';
import { LabPlot } from './LabPlot';

interface SweepRow {
  sigma: number;
  /** Iterations until the highest frequency reached 0.9 (null: not within the run). */
  reach: number | null;
  loss: number;
  iteration: number;
  status: LabFitStatus | 'running';
}

/** σ = 1, 4, 10, 32 one after another with the panel's preset, target and m; rows stream in. */
export function SigmaSweep({ lab, stopMain }: { lab: LabState; stopMain(): void }) {
  const base = useMemo(() => fourierFitConfig(lab, { kind: 'none' }), [lab]);
  const key = JSON.stringify({ base, features: lab.features });
  const [rows, setRows] = useState<SweepRow[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const generation = useRef(0);
  const running = useRef(false);
  // A change of the settings makes the comparison stale: drop it.
  useEffect(() => {
    setRows([]);
    setNote(null);
    return () => {
      generation.current++;
      if (running.current) {
        running.current = false;
        cancelLab();
      }
    };
  }, [key]);
  const built = buildTarget(base.target);
  const components = built.ok ? built.value.components : [];
  const high = highestIndex(components);
  const highK = high >= 0 ? components[high]!.k : null;

  const start = async () => {
    stopMain();
    const mine = ++generation.current;
    const live = () => generation.current === mine;
    running.current = true;
    setRows([]);
    setNote(null);
    const done: SweepRow[] = [];
    for (const sigma of SIGMA_SWEEP) {
      const config = fourierFitConfig(lab, {
        kind: 'gaussian',
        sigma,
        features: lab.features,
        seed: lab.seed,
      });
      const records: { iteration: number; magnitudes: Float64Array }[] = [];
      const row: SweepRow = { sigma, reach: null, loss: Number.NaN, iteration: 0, status: 'running' };
      const show = () => live() && setRows([...done, { ...row }]);
      try {
        const result = await labWorker().api.fitSignal(
          config,
          callback((r: SignalRecord) => {
            records.push({ iteration: r.iteration, magnitudes: r.magnitudes });
            row.loss = r.loss;
            row.iteration = r.iteration;
            if (row.reach === null && high >= 0 && r.magnitudes[high]! >= REACH_THRESHOLD)
              row.reach = r.iteration;
            show();
          }),
        );
        if (!live()) return;
        row.status = result.status;
        row.reach = high >= 0 ? (iterationsToReach(records, REACH_THRESHOLD)[high] ?? null) : null;
        done.push({ ...row });
        setRows([...done]);
        if (result.status === 'cancelled') {
          setNote(`Stopped at σ = ${sigma}.`);
          break;
        }
      } catch (e: unknown) {
        if (!live()) return;
        setNote(`σ = ${sigma} failed: ${e instanceof Error ? e.message : String(e)}`);
        break;
      }
    }
    if (live()) running.current = false;
  };
  const busy = rows.some((r) => r.status === 'running');
  const reached = rows.filter((r) => r.reach !== null && r.status !== 'running');
  return (
    <section className="fourier-sweep">
      <h3>σ comparison</h3>
      <p className="meta">
        Runs Gaussian features with σ = {SIGMA_SWEEP.join(', ')} (m = {lab.features}, the preset and target
        above) one after another and plots how many iterations the highest frequency
        {highK !== null ? ` (k=${highK})` : ''} needs to reach {REACH_THRESHOLD}.
      </p>
      <button
        type="button"
        onClick={() => void start()}
        disabled={busy || high < 0}
        data-testid="fourier-sweep-start"
      >
        Compare σ = {SIGMA_SWEEP.join(', ')}
      </button>{' '}
      <button type="button" onClick={() => cancelLab()} disabled={!busy} data-testid="fourier-sweep-cancel">
        Cancel
      </button>
      {note && <span className="meta"> {note}</span>}
      <div className="bias-charts">
        <LabPlot
          plotId="lab-fourier-sweep"
          title="When the highest frequency is learned, by σ"
          extra={[
            `Gaussian Fourier features with σ = ${SIGMA_SWEEP.join(', ')} run one after another, m = ${lab.features}`,
          ]}
        >
          <LineChart
            series={[
              {
                id: 'reach',
                label: `iterations until k=${highK ?? '?'} reaches ${REACH_THRESHOLD}`,
                points: reached.map((r) => [r.sigma, r.reach!] as const),
                markers: 'filled',
              },
            ]}
            width={380}
            height={220}
            xScale="log"
            xDomain={[0.8, 40]}
            xLabel="σ"
            yLabel="iterations to 0.9"
            title={`When the highest frequency is learned, by σ`}
            emptyText={busy ? 'running…' : 'Press Compare'}
            testId="fourier-sweep-chart"
          />
        </LabPlot>
        <table
          className="bias-table"
          data-testid="fourier-sweep"
          data-values={JSON.stringify(
            rows.map((r) => ({ sigma: r.sigma, reach: r.reach, loss: r.loss, status: r.status })),
          )}
        >
          <thead>
            <tr>
              <th scope="col">σ</th>
              <th scope="col">
                k={highK ?? '?'} reached {REACH_THRESHOLD} at
              </th>
              <th scope="col">loss</th>
              <th scope="col">state</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.sigma}>
                <td>{r.sigma}</td>
                <td>{r.reach ?? (r.status === 'running' ? '…' : `not by ${r.iteration}`)}</td>
                <td>{Number.isFinite(r.loss) ? r.loss.toPrecision(3) : '–'}</td>
                <td>{r.status === 'running' ? `iteration ${r.iteration} / ${base.iterations}` : r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="meta" data-testid="fourier-artefacts">
        Artefacts: with σ too large the network fits the 200 training points but wiggles between them. The
        lab's core evaluates the network only on those training points, so the fit between them cannot be
        drawn here; look for it in the 2-D image variant instead, where the held-out pixels lie between the
        training pixels and their PSNR falls when σ is too large.
      </p>
    </section>
  );
}
