/**
 * Panel 4, prediction against reality: a ReLU network trained by full-batch gradient descent on
 * y = sin(2π k₁ z) + sin(2π k₂ z); its residual projected on NTK eigen-directions, measured every few
 * steps, against the linearised prediction |⟨vᵢ, r₀⟩|·|1 − ηλᵢ/n|ᵗ (residualProjections.ts has the
 * convention: L = (1/2n)‖f − y‖², K = J Jᵀ unnormalised, hence the 1/n).
 */
import { useRef, useState } from 'react';
import { callback, labWorker } from '../../compute/labClient';
import type { ResidualRecord } from '../../core/lab/residualProjections';
import { LAB_LIMITS, useLabStore } from '../../state/labState';
import { PageExplanation } from '../components/Explanation';
import { ResidualResult, type Shown } from './ResidualResult';
import {
  aliasNote,
  pickDirections,
  RESIDUAL_ITERATION_LIMITS,
  residualConfig,
  residualProbeConfig,
  residualTarget,
} from './residualConfig';
import { NumberField, RunBar, useLabRun, WidthSlider } from './spectrumKit';
import type { RunContext } from './useWorkerRun';

/** The relative residual's axis: a thousandfold decrease is "learned"; below that is rounding. */

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
