/** One live training run's line in the lecture (LiveTraining.tsx): its network, steps, loss and accuracy against the table. */
import { compareWithTable, type LiveRun, percent, runStatusText } from '../../core/train/liveTraining';

export function comparisonOf(run: LiveRun) {
  return run.status === 'done'
    ? compareWithTable({
        accuracy: run.accuracy ?? Number.NaN,
        table: run.table,
        steps: run.total,
        backend: run.backend ?? '?',
      })
    : undefined;
}

export function RunLine({ run, colour }: { run: LiveRun; colour: string }) {
  const comparison = comparisonOf(run);
  const attr = (v: number | undefined) => (v === undefined ? undefined : String(v));
  return (
    <li
      data-testid="lec-train-run"
      data-arch={run.arch}
      data-status={run.status}
      data-step={run.step}
      data-total={run.total}
      data-loss={attr(run.loss)}
      data-accuracy={attr(run.accuracy)}
      data-table={attr(run.table)}
      data-backend={run.backend}
      data-ms={attr(run.ms)}
      data-verdict={comparison?.verdict}
      data-curve={JSON.stringify(run.curve)}
      style={{ margin: '2px 0' }}
    >
      <span
        aria-hidden="true"
        style={{ display: 'inline-block', width: 14, height: 4, background: colour, verticalAlign: 'middle' }}
      />{' '}
      <code>{run.arch}</code>:{' '}
      <span className={run.status === 'failed' ? 'error-text' : undefined} data-testid="lec-train-run-status">
        {runStatusText(run)}
      </span>
      {run.loss !== undefined && <span className="meta"> · loss {run.loss.toFixed(3)}</span>}
      {run.curve.length > 0 && run.status !== 'done' && (
        <span className="meta">
          {' '}
          · test accuracy at step {run.curve.at(-1)!.step}: {percent(run.curve.at(-1)!.accuracy)}
        </span>
      )}
      {run.warnings?.map((w) => (
        <span key={w} className="meta">
          {' '}
          · {w}
        </span>
      ))}
    </li>
  );
}
