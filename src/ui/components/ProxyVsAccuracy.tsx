/**
 * Proxy against ground truth for the scored cells: a scatter plot with Spearman ρ and Kendall τ
 * (seeded bootstrap 95% intervals), the sample size and top-k hits, updating as results land.
 */

import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProxyId } from '../../core/proxies/ids';
import { getProxy } from '../../core/proxies/registry';
import { isWholeSpaceProxy } from '../../core/proxies/wholeSpace';
import type { SpaceId } from '../../core/spaces/architecture';
import { candidateCodec } from '../../core/spaces/candidateIndex';
import type { FidelityPreset } from '../../core/spaces/fidelity';
import { NB201_CELL_COUNT, nb201FromIndex, nb201ToString } from '../../core/spaces/nb201/nb201';
import { SPACES } from '../../core/spaces/registry';
import { topKHits } from '../../core/stats/bootstrap';
import { wholeSpaceColumn } from '../../state/explorerScoring';
import { useExplorerStore } from '../../state/explorerStore';
import { useGroundTruthStore } from '../../state/groundTruthState';
import { viewOfTable, viewSpaceOf, viewSpacesOf } from '../../state/tableCandidates';
import type { ScaleKind, ScatterPlotHandle } from '../charts';
import { ScatterPlot } from '../charts';
import { boundsText as bounds, fmt } from '../correlationText';
import { correlationCaption, explorerProvenance } from '../export/plotCaptions';
import { useCorrelation } from '../useCorrelation';
import type { ComboColumn } from './ComboPanel';
import { ExportablePlot } from './ExportablePlot';
import { HoverCard, ScaleSelect } from './ScatterParts';
import type { ScoredPoint } from './scoredPoint';

const SCATTER_SIZE = { width: 520, height: 360 } as const;

export type { ScoredPoint };

export function ProxyVsAccuracy({
  space,
  points,
  proxies,
  fidelity,
  onSelect,
  combo,
}: {
  space: SpaceId;
  points: ScoredPoint[];
  proxies: ProxyId[];
  fidelity: FidelityPreset;
  onSelect(ids: number[]): void;
  /** The combo of the chosen proxies, offered as an x axis (none: not offered). */
  combo?: ComboColumn | null;
}) {
  const tables = useGroundTruthStore((s) => s.tables);
  const choice = useExplorerStore((s) => s.view.truth);
  const setView = useExplorerStore((s) => s.setView);
  const choose = (truth: { table: string; column: string }) => setView({ truth });
  const [xProxy, setXProxy] = useState<ProxyId | 'combo' | null>(null);
  const [xScale, setXScale] = useState<ScaleKind>('linear');
  const [yScale, setYScale] = useState<ScaleKind>('linear');
  const [hover, setHover] = useState<{ id: number; x: number; y: number } | null>(null);
  const plot = useRef<ScatterPlotHandle>(null);
  const proxy =
    (xProxy === 'combo' && combo) || (xProxy && xProxy !== 'combo' && proxies.includes(xProxy))
      ? xProxy
      : (proxies[0] ?? null);
  const table = tables.find((t) => t.name === choice?.table);
  // Whole space: params or flops of all 15 625 NB201 cells against an NB201 table, in one worker call.
  const [whole, setWhole] = useState(false);
  const [tableNote, setTableNote] = useState<string | null>(null);
  const [column, setColumn] = useState<{ key: string; values: Float64Array } | null>(null);
  const [wholeError, setWholeError] = useState<string | null>(null);
  const wholeAvailable =
    proxy !== null &&
    proxy !== 'combo' &&
    isWholeSpaceProxy(proxy) &&
    SPACES[space].wholeSpaceColumns &&
    table !== undefined &&
    viewSpaceOf(table.space) === space;
  // A table may span several spaces (OoD-ViT-NAS: AutoFormer-Ti, -S and -B).
  const tableSpaces = table ? viewSpacesOf(table) : [];
  const tableSpace = tableSpaces.length > 0 ? tableSpaces.join(' / ') : null;
  const spaceMismatch = table !== undefined && !tableSpaces.includes(space);
  const wholeOn = whole && wholeAvailable;
  const wholeKey = `${proxy}/${fidelity}`;
  useEffect(() => {
    if (!wholeOn || !proxy || !isWholeSpaceProxy(proxy)) return;
    let live = true;
    wholeSpaceColumn(proxy, fidelity).then(
      (values) => live && setColumn({ key: `${proxy}/${fidelity}`, values }),
      (error: unknown) => live && setWholeError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [wholeOn, proxy, fidelity]);

  const pairs = useMemo(() => {
    if (!proxy || !table || !choice) return [];
    if (wholeOn) {
      if (column?.key !== wholeKey) return [];
      const out: { id: number; x: number; y: number }[] = [];
      for (let i = 0; i < NB201_CELL_COUNT; i++) {
        const y = table.rows.get(nb201ToString(nb201FromIndex(i)))?.[choice.column];
        if (y !== undefined) out.push({ id: i, x: column.values[i]!, y });
      }
      return out;
    }
    return points.flatMap((p) => {
      // A combo is NaN for a candidate it does not rank (a component missing): not a point.
      const x = proxy === 'combo' ? combo?.values.get(p.id) : p.scores[proxy];
      const y = table.rows.get(p.arch)?.[choice.column];
      return x === undefined || y === undefined || (proxy === 'combo' && Number.isNaN(x))
        ? []
        : [{ id: p.id, x, y }];
    });
  }, [points, proxy, table, choice, wholeOn, column, wholeKey, combo]);

  const { xs, ys, top } = useMemo(() => {
    const sign = proxy && proxy !== 'combo' && !getProxy(proxy).higherIsBetter ? -1 : 1;
    const xs = pairs.map((p) => sign * p.x);
    const ys = pairs.map((p) => p.y);
    const k = Math.max(1, Math.round(pairs.length / 10));
    return { xs, ys, top: topKHits(xs, ys, k) };
  }, [pairs, proxy]);
  const correlation = useCorrelation(xs, ys);
  const stats = { ...correlation, top };
  const xLabel =
    proxy === 'combo' ? `combo (${combo?.components.join(' + ')})` : proxy ? getProxy(proxy).label : '';
  const yLabel = choice ? `${choice.column} (${choice.table})` : '';

  if (tables.length === 0) {
    return (
      <p className="meta" data-testid="pva-empty">
        Import a ground-truth table (above) to plot proxies against accuracy.
      </p>
    );
  }
  return (
    <section className="proxy-vs-accuracy" data-testid="proxy-vs-accuracy">
      <div className="pva-controls">
        <label>
          x: proxy{' '}
          <select
            value={proxy ?? ''}
            onChange={(e) => setXProxy(e.currentTarget.value as ProxyId | 'combo')}
            data-testid="pva-x"
          >
            {proxies.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
            {combo && <option value="combo">combo ({combo.components.join(' + ')})</option>}
          </select>
        </label>
        <ScaleSelect value={xScale} onChange={setXScale} testId="pva-xscale" />
        <label title="params and flops only: computed for all 15 625 cells in one worker call">
          <input
            type="checkbox"
            checked={wholeOn}
            disabled={!wholeAvailable}
            onChange={(e) => {
              setWhole(e.currentTarget.checked);
              setWholeError(null);
            }}
            data-testid="pva-whole"
          />{' '}
          all 15 625 cells
        </label>
        <label>
          y: ground truth{' '}
          <select
            value={choice ? `${choice.table}\u0000${choice.column}` : ''}
            onChange={(e) => {
              const [t, c] = e.currentTarget.value.split('\u0000');
              if (t && c) choose({ table: t, column: c });
            }}
            data-testid="pva-y"
          >
            {tables.flatMap((t) =>
              t.columns.map((c) => (
                <option key={`${t.name}/${c}`} value={`${t.name}\u0000${c}`}>
                  {t.name} · {c}
                </option>
              )),
            )}
          </select>
        </label>
        <ScaleSelect value={yScale} onChange={setYScale} testId="pva-yscale" />
        {table && (
          <button
            type="button"
            data-testid="pva-use-table"
            title="Score the table's own architectures (a seeded ViT sample almost never hits a trained one)"
            onClick={() => {
              const { view, leftOut, otherSpaces } = viewOfTable(useExplorerStore.getState().view, table);
              useExplorerStore.setState({ view });
              setTableNote(
                (leftOut > 0
                  ? `The view holds at most 1 000 candidates: the first ${view.added.length} of the table's architectures were added, ${leftOut} left out.`
                  : `The view now scores the table's ${view.added.length} architectures.`) +
                  (otherSpaces > 0
                    ? ` ${otherSpaces} rows of the table's other spaces are not candidates here; pick their space to score them.`
                    : ''),
              );
            }}
          >
            Score this table's architectures
          </button>
        )}
      </div>
      {wholeOn && column?.key !== wholeKey && !wholeError && (
        <p className="meta" data-testid="pva-whole-pending">
          Computing {proxy} for all 15 625 cells…
        </p>
      )}
      {wholeError && (
        <p className="notice error" data-testid="pva-whole-error">
          {wholeError}
        </p>
      )}
      {tableNote && (
        <p className="meta" data-testid="pva-table-note">
          {tableNote}
        </p>
      )}
      {spaceMismatch && (
        <p className="notice" data-testid="pva-space-mismatch">
          The table "{table?.name}" holds {tableSpace} architectures and the view shows {space}: no candidate
          can match. Pick a {tableSpace} view, another table, or score the table's architectures.
        </p>
      )}
      <p
        className="pva-stats"
        data-testid="pva-stats"
        data-rho={stats.rho.estimate}
        data-tau={stats.tau.estimate}
        data-n={stats.rho.n}
        data-intervals={stats.intervals}
      >
        Spearman ρ = <strong>{fmt(stats.rho.estimate)}</strong> {bounds(stats, stats.rho)} · Kendall τ ={' '}
        <strong>{fmt(stats.tau.estimate)}</strong> {bounds(stats, stats.tau)} · n = {stats.rho.n} · top-
        {stats.top.k} hits: {stats.top.hits} (95% bootstrap intervals, seeded)
      </p>
      <ExportablePlot
        plotId="scatter"
        meta={() => ({
          title: `${xLabel} against ${yLabel || 'ground truth'}`,
          n: `n = ${stats.rho.n} ${SPACES[space].unit.many} with a score and a ground truth`,
          rho: correlationCaption(stats, stats.top),
          provenance: explorerProvenance(useExplorerStore.getState().view, {
            proxies: proxy === 'combo' ? (combo?.components ?? []) : proxy ? [proxy] : [],
            wholeSpace: wholeOn,
          }),
        })}
        vector={() => {
          const svg = plot.current?.exportSvg();
          return svg ? { svg, width: SCATTER_SIZE.width, height: SCATTER_SIZE.height } : null;
        }}
      >
        <ScatterPlot
          points={pairs}
          width={SCATTER_SIZE.width}
          height={SCATTER_SIZE.height}
          xLabel={xLabel}
          yLabel={yLabel}
          xScale={xScale}
          yScale={yScale}
          ref={plot}
          onHover={(id, clientX, clientY) =>
            setHover(id === null ? null : { id: Number(id), x: clientX, y: clientY })
          }
          onBrush={(ids) => onSelect(ids.map(Number))}
        />
      </ExportablePlot>
      {hover && (
        <HoverCard
          id={hover.id}
          x={hover.x}
          y={hover.y}
          points={points}
          space={space}
          truth={
            choice && table
              ? table.rows.get(candidateCodec(space).archOf(hover.id))?.[choice.column]
              : undefined
          }
        />
      )}
    </section>
  );
}
