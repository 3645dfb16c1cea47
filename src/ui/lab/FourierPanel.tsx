/**
 * Panel 2 · Fourier features (Tancik et al., NeurIPS 2020): the run of panel 1 behind an input
 * mapping γ(z) = [sin 2πBz, cos 2πBz] (none, basic, positional with L levels, Gaussian with σ and m
 * features). A σ comparison runs σ = 1, 4, 10, 32 one after another and plots when the highest
 * frequency reaches 0.9; the image variant fits the built-in test card from pixel coordinates.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { callback, cancelLab, labWorker } from '../../compute/labClient';
import type { LabFitStatus } from '../../core/lab/fitLoop';
import type { SignalRecord } from '../../core/lab/fitSignal';
import type { ImageRecord } from '../../core/lab/imageRegression';
import { buildTarget } from '../../core/lab/signals';
import { iterationsToReach } from '../../core/lab/spectrum1d';
import { LAB_LIMITS, type LabState, MAPPING_CHOICES, useLabStore } from '../../state/labState';
import { LineChart } from '../charts/LineChart';
import { PageExplanation } from '../components/Explanation';
import {
  fourierFitConfig,
  fourierImageConfig,
  highestIndex,
  imagePresetOf,
  REACH_THRESHOLD,
  SIGMA_SWEEP,
} from './biasConfig';
import { BiasNumberField, PresetAndSeed, TargetControls } from './biasControls';
import { BiasRunBar, SignalFitView } from './biasFitView';
import { type Launch, useStreamedRun } from './biasRun';
import { ImageFitView } from './imageFitView';
import { LabPlot } from './LabPlot';

const MAPPING_TEXT: Record<LabState['mapping'], string> = {
  none: 'none: γ(z) = z (panel 1)',
  basic: 'basic: [sin 2πz, cos 2πz]',
  positional: 'positional: frequencies 1, 2, 4, … 2^(L−1)',
  gaussian: 'Gaussian: B ~ N(0, σ²), m features',
};

function MappingControls() {
  const lab = useLabStore((s) => s.lab);
  const setLab = useLabStore((s) => s.setLab);
  return (
    <div className="bias-controls">
      <label className="bias-field bias-check">
        <input
          type="checkbox"
          checked={lab.image}
          onChange={(e) => setLab({ image: e.target.checked })}
          data-testid="fourier-image"
        />{' '}
        2-D image variant
      </label>
      <label className="bias-field">
        Input mapping{' '}
        <select
          value={lab.mapping}
          onChange={(e) => setLab({ mapping: e.target.value as LabState['mapping'] })}
          data-testid="fourier-mapping"
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
          <BiasNumberField
            label="σ"
            value={lab.sigma}
            min={LAB_LIMITS.sigma.min}
            max={LAB_LIMITS.sigma.max}
            integer={false}
            onCommit={(v) => setLab({ sigma: v })}
            testId="fourier-sigma"
            title="Standard deviation of the Gaussian frequencies B"
          />
          <BiasNumberField
            label="m"
            value={lab.features}
            min={LAB_LIMITS.features.min}
            max={LAB_LIMITS.features.max}
            onCommit={(v) => setLab({ features: v })}
            testId="fourier-features"
            title="Number of Gaussian features (the mapping has 2m inputs)"
          />
        </>
      )}
      {lab.mapping === 'positional' && (
        <BiasNumberField
          label="L"
          value={lab.levels}
          min={LAB_LIMITS.levels.min}
          max={LAB_LIMITS.levels.max}
          onCommit={(v) => setLab({ levels: v })}
          testId="fourier-levels"
          title="Levels: frequencies 1, 2, 4, … 2^(L−1)"
        />
      )}
      <PresetAndSeed testPrefix="fourier" />
    </div>
  );
}

interface SweepRow {
  sigma: number;
  /** Iterations until the highest frequency reached 0.9 (null: not within the run). */
  reach: number | null;
  loss: number;
  iteration: number;
  status: LabFitStatus | 'running';
}

/** σ = 1, 4, 10, 32 one after another with the panel's preset, target and m; rows stream in. */
function SigmaSweep({ lab, stopMain }: { lab: LabState; stopMain(): void }) {
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

export function FourierPanel() {
  const lab = useLabStore((s) => s.lab);
  const config = useMemo(() => fourierFitConfig(lab), [lab]);
  const imageConfig = useMemo(() => fourierImageConfig(lab), [lab]);
  const auto1d = !lab.image && config.iterations <= 5_000;
  const launch: Launch<SignalRecord> = (onRecord) =>
    labWorker().api.fitSignal(config, callback(onRecord)) as ReturnType<Launch<SignalRecord>>;
  const run = useStreamedRun(JSON.stringify(config), launch, auto1d);
  const launchImage: Launch<ImageRecord> = (onRecord) =>
    labWorker().api.fitImage(imageConfig, callback(onRecord)) as ReturnType<Launch<ImageRecord>>;
  const imageRun = useStreamedRun(JSON.stringify(imageConfig), launchImage, lab.image);
  const evalSize = (imageConfig.trainSize ?? 32) * (imageConfig.evalFactor ?? 2);
  return (
    <div className="fourier-panel" data-testid="fourier-panel">
      <p className="lab-intro">
        Feed the network γ(z) = [sin 2πBz, cos 2πBz] instead of z. With Gaussian features, the larger σ, the
        sooner high frequencies are learned; too large, and the fit turns noisy between the points it was
        trained on.
      </p>
      <MappingControls />
      <PageExplanation id="lab-fourier" />
      {lab.image ? (
        <>
          <p className="meta">
            Image preset “{imagePresetOf(lab)}” ({imageConfig.arch.depth} x {imageConfig.arch.width},{' '}
            {imageConfig.iterations} iterations, trained on {imageConfig.trainSize}² pixels, shown on{' '}
            {evalSize}²). On this small grid σ ≈ 3–4 gives the best held-out PSNR; σ = 10 memorises the
            training pixels; positional L = 5 reaches its Nyquist frequency.
          </p>
          <BiasRunBar run={imageRun} total={imageConfig.iterations} testPrefix="image" />
          <ImageFitView run={imageRun} evalSize={evalSize} total={imageConfig.iterations} />
        </>
      ) : (
        <>
          <div className="bias-controls">
            <TargetControls testPrefix="fourier" />
          </div>
          <BiasRunBar
            run={run}
            total={config.iterations}
            testPrefix="fourier"
            hint={auto1d ? undefined : 'The paper preset runs for about an hour: press Run to start it.'}
          />
          <SignalFitView config={config} run={run} testPrefix="fourier" />
          <SigmaSweep lab={lab} stopMain={run.cancel} />
        </>
      )}
    </div>
  );
}
