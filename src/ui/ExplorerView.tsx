/** The Explorer: a seeded sample of a search space, scored by the chosen proxies in workers. */

import { useEffect, useMemo, useState } from 'react';
import type { ProxyId } from '../core/proxies/ids';
import { getProxy } from '../core/proxies/registry';
import type { SpaceId } from '../core/spaces/architecture';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { SPACES } from '../core/spaces/registry';
import { proxyCombo } from '../core/stats/comboProxies';
import {
  cancelScoring,
  clearScoreCache,
  confirmLinkRun,
  jobFor,
  scoreCurrentView,
} from '../state/explorerScoring';
import { scoreSlot, useExplorerStore } from '../state/explorerStore';
import { loadShippedTablesFor } from '../state/shippedData';
import { comboComponentsOf, viewCells } from '../state/viewState';
import { AddCells } from './components/AddCells';
import { AnalysisPanel } from './components/AnalysisPanel';
import { CandidateDrawing } from './components/CandidateDrawing';
import { type ComboColumn, ComboPanel } from './components/ComboPanel';
import { Controls } from './components/Controls';
import { PageExplanation } from './components/Explanation';
import { GroundTruthPanel } from './components/GroundTruthPanel';
import { ProgressBar } from './components/ProgressBar';
import { ProxyVsAccuracy, type ScoredPoint } from './components/ProxyVsAccuracy';
import { formatScore, ResultsTable, type TableRow } from './components/ResultsTable';
import { spaceView } from './components/spaceViews';
import { TrainPanel } from './components/TrainPanel';

/** The selected candidate drawn, editable where its space allows. */
function SelectedDrawing({
  space,
  cell,
  onDraw,
}: {
  space: SpaceId;
  cell: number;
  onDraw(cell: number): void;
}) {
  const { Editable } = spaceView(space);
  return Editable ? (
    <Editable cell={cell} onDraw={onDraw} />
  ) : (
    <CandidateDrawing space={space} index={cell} labels width={260} />
  );
}

function SelectedCell({
  space,
  cell,
  rows,
  onDraw,
}: {
  space: SpaceId;
  cell: number;
  rows: TableRow[];
  onDraw(cell: number): void;
}) {
  const row = rows.find((r) => r.cell === cell);
  return (
    <aside className="selected-cell" data-testid="selected-cell">
      <h3>
        {SPACES[space].unit.One} {cell}
      </h3>
      <SelectedDrawing space={space} cell={cell} onDraw={onDraw} />
      <code className="arch-full">{candidateCodec(space).archOf(cell)}</code>
      {row &&
        (Object.entries(row.scores) as [ProxyId, NonNullable<TableRow['scores'][ProxyId]>][]).map(
          ([p, s]) => (
            <div key={p} className="score-detail">
              <strong>{getProxy(p).label}</strong>: {formatScore(p, s.result.value)}
              <div className="meta">
                {getProxy(p).formula}. Seed {s.job.seed}, fidelity {s.job.fidelity}, backend{' '}
                {s.result.backend}, {s.result.ms.toFixed(1)} ms{s.cached ? ', from cache' : ''}.
              </div>
              {s.result.warnings.map((w) => (
                <div key={w} className="warning">
                  ⚠ {w}
                </div>
              ))}
            </div>
          ),
        )}
      {!row && <p>This cell is not in the current sample.</p>}
    </aside>
  );
}

export function ExplorerView() {
  const view = useExplorerStore((s) => s.view);
  const scores = useExplorerStore((s) => s.scores);
  const errors = useExplorerStore((s) => s.errors);
  const progress = useExplorerStore((s) => s.progress);
  const status = useExplorerStore((s) => s.status);
  const dispatched = useExplorerStore((s) => s.dispatched);
  const linkRunAsk = useExplorerStore((s) => s.linkRunAsk);
  const setView = useExplorerStore((s) => s.setView);

  const cells = useMemo(() => viewCells(view), [view.space, view.sampleSize, view.seed, view.added]);
  const codec = candidateCodec(view.space);
  const { Legend, Published } = spaceView(view.space);

  // A view comparing against a shipped table has it loaded at once.
  useEffect(() => loadShippedTablesFor(view.truth?.table), [view.truth?.table]);

  // Any change of what to score starts a run (cache first); a newer run supersedes an older one.
  useEffect(() => {
    const timer = setTimeout(() => void scoreCurrentView(), 150);
    return () => clearTimeout(timer);
  }, [
    view.space,
    view.sampleSize,
    view.seed,
    view.fidelity,
    view.batch,
    view.data,
    view.proxies,
    view.added,
  ]);

  const rows: TableRow[] = cells.map((cell) => {
    const row: TableRow = { cell, scores: {}, errors: {} };
    for (const proxy of view.proxies) {
      const slot = scoreSlot(jobFor(view, cell, proxy));
      const scored = scores[slot];
      if (scored) row.scores[proxy] = scored;
      const error = errors[slot];
      if (error) row.errors[proxy] = error;
    }
    return row;
  });
  const [brushed, setBrushed] = useState<ReadonlySet<number>>(new Set());
  const points: ScoredPoint[] = rows.map((r) => ({
    id: r.cell,
    arch: codec.archOf(r.cell),
    scores: Object.fromEntries(
      Object.entries(r.scores).map(([p, s]) => [p, s?.result.value ?? Number.NaN]),
    ) as ScoredPoint['scores'],
  }));
  // The combo ranks the candidates on the page from the scores the view holds (no worker job).
  const comboComponents = comboComponentsOf(view);
  const comboValues =
    comboComponents.length > 0
      ? proxyCombo(
          points.map((p) => p.scores),
          comboComponents,
        )
      : [];
  const combo: ComboColumn | null =
    comboComponents.length > 0
      ? { values: new Map(points.map((p, i) => [p.id, comboValues[i]!])), components: comboComponents }
      : null;
  const complete = rows.filter((r) => view.proxies.every((p) => r.scores[p])).length;
  const fromCache = rows.reduce((n, r) => n + Object.values(r.scores).filter((s) => s?.cached).length, 0);
  const prescored = rows.reduce((n, r) => n + Object.values(r.scores).filter((s) => s?.prescored).length, 0);
  const running = status === 'running';

  return (
    <main className="explorer">
      <Controls />
      <div className="run-bar">
        {running ? (
          <button type="button" onClick={cancelScoring} data-testid="cancel">
            Cancel
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void scoreCurrentView()}
            data-testid="run"
            disabled={complete === rows.length}
          >
            Compute missing
          </button>
        )}
        {progress && <ProgressBar progress={progress} running={running} />}
        <span
          className="run-status"
          data-testid="run-status"
          data-status={status}
          data-dispatched={dispatched}
          data-prescored={prescored}
        >
          {complete} / {rows.length} cells scored · {fromCache} values from cache
          {prescored > 0 ? ` (${prescored} pre-scored, shipped with the app)` : ''} · {dispatched} jobs sent
          to workers
          {status === 'cancelled' ? ' · cancelled' : ''}
        </span>
        <button type="button" onClick={() => void clearScoreCache()} data-testid="clear-cache">
          Clear cache
        </button>
      </div>
      {linkRunAsk !== null && (
        <div className="notice" role="alert" data-testid="link-run-ask" data-jobs={linkRunAsk}>
          This link asks for {linkRunAsk.toLocaleString('en')} scores ({rows.length.toLocaleString('en')}{' '}
          architectures × {view.proxies.length} proxies) that no shipped set holds; on this machine that may
          take long. Nothing has started.{' '}
          <button type="button" onClick={() => void confirmLinkRun()} data-testid="link-run-start">
            Score them all
          </button>{' '}
          or lower the sample size or the proxies above first.
        </div>
      )}
      <AddCells />
      <GroundTruthPanel />
      <TrainPanel cells={cells} brushed={brushed} />
      <PageExplanation id="explorer" />
      <ComboPanel ranked={comboValues.filter((v) => !Number.isNaN(v)).length} total={rows.length} />
      <ProxyVsAccuracy
        space={view.space}
        points={points}
        proxies={view.proxies}
        fidelity={view.fidelity}
        onSelect={(ids) => setBrushed(new Set(ids))}
        combo={combo}
      />
      {Published && <Published points={points} proxies={view.proxies} />}
      <AnalysisPanel
        rows={rows.map((r, i) => ({
          id: r.cell,
          arch: points[i]?.arch ?? codec.archOf(r.cell),
          scores: r.scores,
        }))}
        proxies={view.proxies}
        focus={brushed.size > 0 ? brushed : new Set(view.selected === null ? [] : [view.selected])}
        meta={{ space: view.space, fidelity: view.fidelity, seed: view.seed, sampleSize: view.sampleSize }}
      />
      {Legend && <Legend />}
      {rows.length === 0 && (
        <p className="notice" data-testid="no-candidates">
          No candidates: set the number of {SPACES[view.space].unit.many} above 0, or add some (above).
        </p>
      )}
      <div className="explorer-body">
        <ResultsTable
          space={view.space}
          rows={rows}
          proxies={view.proxies}
          selected={view.selected}
          onSelect={(c) => setView({ selected: c })}
          brushed={brushed}
          combo={combo}
        />
        {view.selected !== null && (
          <SelectedCell
            space={view.space}
            cell={view.selected}
            rows={rows}
            onDraw={(c) =>
              setView({ added: view.added.includes(c) ? view.added : [...view.added, c], selected: c })
            }
          />
        )}
      </div>
    </main>
  );
}
