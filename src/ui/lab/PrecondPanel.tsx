/**
 * Panel 5, changing the spectrum (Geifman et al., our reading; precondGd.ts): on n points of the
 * circle, a wide 2-layer ReLU net fits cos(k t) by plain gradient descent and by gradient descent
 * preconditioned so that the NTK's top k' eigenvalues are flattened to λ_k'. Per frequency: steps to
 * reach the loss threshold with each, and the two final functions over the whole circle.
 */
import { useRef, useState } from 'react';
import { callback, labWorker } from '../../compute/labClient';
import {
  PRECOND_FORMULA,
  PRECOND_LABEL,
  type PrecondFrequency,
  type PrecondResult,
} from '../../core/lab/precondGd';
import { useLabStore } from '../../state/labState';
import { PageExplanation } from '../components/Explanation';
import { PrecondControls } from './PrecondControls';
import { PrecondResultView } from './PrecondResults';
import { precondConfig } from './precondConfig';
import { RunBar, useLabRun } from './spectrumKit';
import type { RunContext } from './useWorkerRun';

interface Shown {
  key: string;
  frequencies: PrecondFrequency[];
  result: PrecondResult | null;
}

export function PrecondPanel() {
  const lab = useLabStore((s) => s.lab);
  const setLab = useLabStore((s) => s.setLab);
  const { frequencies, threshold, cap } = lab;
  const [selectedK, setSelectedK] = useState<number | null>(null);
  const config = precondConfig(lab, frequencies, threshold, cap);
  const key = JSON.stringify(config);

  const [shown, setShown] = useState<Shown | null>(null);
  const shownRef = useRef<Shown | null>(null);
  const show = (next: Shown) => {
    shownRef.current = next;
    setShown(next);
  };

  const start = async (ctx: RunContext): Promise<'done' | 'cancelled'> => {
    const { api, ready } = labWorker();
    await ready;
    show({ key, frequencies: [], result: null });
    // Progress messages are not awaited by the worker: one may land after the result, which
    // already holds every frequency, so late ones are dropped.
    let finished = false;
    const onFrequency = (f: PrecondFrequency) => {
      const now = shownRef.current;
      if (finished || !ctx.live() || !now) return;
      show({ ...now, frequencies: [...now.frequencies, f] });
    };
    const result = await api.precondComparison(config, callback(onFrequency));
    finished = true;
    if (!ctx.live()) return 'cancelled';
    show({ key, frequencies: result.frequencies, result });
    return result.status;
  };

  const run = useLabRun(key, start);
  const current = shown?.key === key ? shown : null;
  const done = current?.frequencies ?? [];
  const selected = done.find((f) => f.k === selectedK) ?? done.at(-1) ?? null;

  return (
    <div className="lab-ntk" data-testid="precond-panel">
      <h2>Changing the spectrum: make high frequencies come sooner</h2>
      <p className="lab-label" data-testid="precond-label">
        <strong>{PRECOND_LABEL}</strong>
      </p>
      <p className="lab-formula" data-testid="precond-formula">
        {PRECOND_FORMULA}
      </p>
      <p className="meta">
        n points t = 2πj/n on the circle, inputs (cos t, sin t), target cos(k t), a 2-layer ReLU network (the
        lab's depth is not used here). Both methods take a quarter of their own stability limit as step size
        and stop when the mean squared error reaches the threshold; the network's initial function is
        subtracted.
      </p>
      <PrecondControls lab={lab} setLab={setLab} />
      <RunBar
        run={run}
        progress={`${done.length} of ${frequencies.length} frequencies`}
        fraction={done.length / frequencies.length}
        testId="precond-run"
      />
      <PageExplanation id="lab-precond" />
      {current && done.length > 0 && (
        <PrecondResultView
          frequencies={done}
          result={current.result}
          n={config.n}
          cap={cap}
          threshold={threshold}
          flatten={config.flatten ?? 1}
          selected={selected}
          onSelect={setSelectedK}
        />
      )}
    </div>
  );
}
