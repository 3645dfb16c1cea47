/**
 * Ground truth made here: train the brushed (or selected, or first few) candidates briefly in a
 * worker by a short, seeded schedule whose one-line label is always shown next to the accuracy.
 */

import { useState } from 'react';
import { SPACES } from '../../core/spaces/registry';
import { useExplorerStore } from '../../state/explorerStore';
import { cancelTrainingRuns, trainCells } from '../../state/explorerTraining';
import { useTrainingStore } from '../../state/trainingState';

const MAX_STEPS = 2000;

export function TrainPanel({ cells, brushed }: { cells: readonly number[]; brushed: ReadonlySet<number> }) {
  const view = useExplorerStore((s) => s.view);
  const runs = useTrainingStore((s) => s.runs);
  const label = useTrainingStore((s) => s.label);
  const [count, setCount] = useState(3);
  const [steps, setSteps] = useState(100);
  const [problem, setProblem] = useState<string | null>(null);
  const chosen =
    brushed.size > 0
      ? cells.filter((c) => brushed.has(c))
      : view.selected !== null && cells.includes(view.selected)
        ? [view.selected]
        : cells.slice(0, count);
  const mine = Object.values(runs).filter((r) => r.space === view.space);
  const busy = mine.some((r) => r.status === 'training' || r.status === 'waiting');
  const start = () => {
    if (!SPACES[view.space].trainable) {
      setProblem('MLPs take coordinates, not images: train them in the Spectral Lab.');
      return;
    }
    if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
      setProblem(`Steps must be a whole number from 1 to ${MAX_STEPS}.`);
      return;
    }
    setProblem(null);
    void trainCells(chosen, steps);
  };
  return (
    <details className="train-panel" data-testid="train-panel">
      <summary>Train candidates briefly (ground truth made here)</summary>
      <p className="meta">
        Trains{' '}
        {brushed.size > 0 ? 'the brushed' : view.selected !== null ? 'the selected' : `the first ${count}`}{' '}
        candidate{chosen.length === 1 ? '' : 's'} ({chosen.length}) on CIFAR-10 in a worker, seed {view.seed}.
        Each accuracy joins the table "trained: …", which the plots can use like an imported one. A short
        schedule ranks networks only roughly; it is not the benchmark's protocol.
      </p>
      <label>
        First{' '}
        <input
          type="number"
          min={1}
          max={50}
          value={count}
          onChange={(e) =>
            setCount(Math.max(1, Math.min(50, Math.round(Number(e.currentTarget.value)) || 1)))
          }
          data-testid="train-count"
        />{' '}
        candidates (when none is brushed or selected) ·{' '}
      </label>
      <label>
        Steps{' '}
        <input
          type="number"
          min={1}
          max={MAX_STEPS}
          value={steps}
          onChange={(e) => setSteps(Number(e.currentTarget.value))}
          data-testid="train-steps"
        />
      </label>{' '}
      <button type="button" onClick={start} disabled={chosen.length === 0} data-testid="train-start">
        Train {chosen.length}
      </button>{' '}
      {busy && (
        <button type="button" onClick={cancelTrainingRuns} data-testid="train-cancel">
          Cancel training
        </button>
      )}
      {problem && (
        <p className="notice error" data-testid="train-problem">
          {problem}
        </p>
      )}
      {label && (
        <p className="meta" data-testid="train-label">
          {label}
        </p>
      )}
      <ul className="train-runs">
        {mine.map((r) => (
          <li
            key={r.id}
            data-testid="train-run"
            data-cell={r.cell}
            data-status={r.status}
            data-accuracy={r.accuracy === undefined ? undefined : String(r.accuracy)}
          >
            {SPACES[view.space].unit.one} {r.cell}: {r.status}
            {r.status === 'training' && ` · step ${r.step}/${r.total} · loss ${r.loss?.toFixed(3)}`}
            {r.accuracy !== undefined && ` · test accuracy ${(100 * r.accuracy).toFixed(1)}%`}
            {r.error && ` · ${r.error}`}
            {r.warnings?.map((w) => (
              <span key={w} className="warning">
                {' '}
                ⚠ {w}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </details>
  );
}
