/**
 * Per candidate: its drawing and facts, and for each proxy the value, the backend that produced it
 * and the time. Up to VIRTUAL_THRESHOLD rows every row is in the page; above it only the rows in
 * view (plus a margin) are, in a scroll box with a sticky header and fixed-height rows.
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ScoredJob } from '../../compute/scoreRun';
import type { ProxyId } from '../../core/proxies/ids';
import { getProxy } from '../../core/proxies/registry';
import type { SpaceId } from '../../core/spaces/architecture';
import { SPACES } from '../../core/spaces/registry';
import { CandidateDrawing } from './CandidateDrawing';
import { COMBO_FORMULA, type ComboColumn } from './ComboPanel';
import { archText, ComboCell, FactsLines, rowLabel } from './ResultCells';

export interface TableRow {
  /** The candidate's index in its space (NB201: the cell index). */
  cell: number;
  scores: Partial<Record<ProxyId, ScoredJob>>;
  errors: Partial<Record<ProxyId, string>>;
}

/** More rows than this are virtualised. */
export const VIRTUAL_THRESHOLD = 200;
/** Height of every row in virtual mode (px); app.css clips the row content to it. */
const ROW_HEIGHT = 124;

export function formatScore(proxy: ProxyId, value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞';
  // Grouped by hand: toLocaleString builds an ICU number formatter on a page's first call (~20 ms
  // here, inside the render that shows the first results).
  if (proxy === 'params') return String(Math.round(value)).replace(/\B(?=(\d{3})+$)/g, ',');
  return value.toFixed(3);
}

interface Props {
  space: SpaceId;
  rows: TableRow[];
  proxies: ProxyId[];
  selected: number | null;
  onSelect(cell: number | null): void;
  /** Cells brushed in a plot (highlighted here too). */
  brushed?: ReadonlySet<number>;
  /** The combo of the chosen proxies, shown as the last column (none: no column). */
  combo?: ComboColumn | null;
}

type SortKey = 'order' | ProxyId | 'combo';

export function ResultsTable({ space, rows, proxies, selected, onSelect, brushed, combo }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'order',
    descending: false,
  });
  const sorted = useMemo(() => {
    if (sort.key === 'order' || (sort.key === 'combo' && !combo)) return rows;
    const key = sort.key;
    const value = (r: TableRow) =>
      key === 'combo'
        ? (combo?.values.get(r.cell) ?? Number.NaN)
        : (r.scores[key]?.result.value ?? Number.NaN);
    return [...rows].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (Number.isNaN(va) || Number.isNaN(vb)) return Number.isNaN(va) ? 1 : -1;
      return sort.descending ? vb - va : va - vb;
    });
  }, [rows, sort, combo]);
  const positions = useMemo(() => new Map(rows.map((r, i) => [r, i + 1])), [rows]);
  const toggle = (key: SortKey) =>
    setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'order' }));
  const arrow = (key: SortKey) => (sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : '');

  const virtual = rows.length > VIRTUAL_THRESHOLD;
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => {
    if (virtual && headRef.current) setHeadHeight(headRef.current.getBoundingClientRect().height);
  }, [virtual]);
  const virtualizer = useVirtualizer({
    count: virtual ? sorted.length : 0,
    enabled: virtual,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // Row offsets count from the top of the scroll box, below the header, which stays on top.
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    getItemKey: (i) => sorted[i]?.cell ?? i,
    useFlushSync: false,
  });

  // Bring the selected row, or the first brushed one, into view when that changes (virtual mode:
  // otherwise it may not be in the page at all). Retried while it is not among the rows yet.
  const scrolledTo = useRef<number | null>(null);
  useEffect(() => {
    if (selected === null) {
      scrolledTo.current = null;
      return;
    }
    if (!virtual || scrolledTo.current === selected) return;
    const i = sorted.findIndex((r) => r.cell === selected);
    if (i < 0) return;
    scrolledTo.current = selected;
    virtualizer.scrollToIndex(i, { align: 'auto' });
  }, [virtual, selected, sorted, virtualizer]);
  const brushSeen = useRef<ReadonlySet<number> | undefined>(undefined);
  useEffect(() => {
    if (!virtual || !brushed || brushed.size === 0 || brushSeen.current === brushed) return;
    const i = sorted.findIndex((r) => brushed.has(r.cell));
    if (i < 0) return;
    brushSeen.current = brushed;
    virtualizer.scrollToIndex(i, { align: 'auto' });
  }, [virtual, brushed, sorted, virtualizer]);

  const renderRow = (row: TableRow) => {
    const arch = archText(space, row.cell);
    const clip = (node: ReactNode) => (virtual ? <div className="row-clip">{node}</div> : node);
    return (
      <tr
        key={row.cell}
        data-testid="result-row"
        data-cell={row.cell}
        data-arch={arch}
        className={
          [row.cell === selected ? 'selected' : '', brushed?.has(row.cell) ? 'brushed' : '']
            .join(' ')
            .trim() || undefined
        }
        style={virtual ? { height: ROW_HEIGHT } : undefined}
        data-brushed={brushed?.has(row.cell) ? 'true' : undefined}
        onClick={() => onSelect(row.cell === selected ? null : row.cell)}
      >
        <td>{positions.get(row) ?? ''}</td>
        <td className="candidate">
          {clip(
            <>
              <CandidateDrawing space={space} index={row.cell} />
              <div className="arch" title={arch}>
                {rowLabel(space, row.cell, arch)}
              </div>
              <FactsLines space={space} index={row.cell} />
            </>,
          )}
        </td>
        {proxies.map((p) => {
          const scored = row.scores[p];
          const error = row.errors[p];
          if (!scored) {
            return (
              <td
                key={p}
                data-proxy={p}
                data-state={error ? 'error' : 'pending'}
                title={virtual && error ? error : undefined}
              >
                {clip(
                  error ? (
                    <span className="error-text">failed: {error}</span>
                  ) : (
                    <span className="pending">…</span>
                  ),
                )}
              </td>
            );
          }
          const { result, cached, prescored } = scored;
          return (
            <td
              key={p}
              data-proxy={p}
              data-state="done"
              data-value={String(result.value)}
              data-backend={result.backend}
              data-cached={String(cached)}
              data-origin={prescored ? 'prescored' : cached ? 'cache' : 'live'}
              title={result.warnings.join('\n') || undefined}
            >
              <span className="value">{formatScore(p, result.value)}</span>
              {result.warnings.length > 0 && <span className="warn-mark"> ⚠</span>}
              <span className="meta">
                {result.backend} · {result.ms.toFixed(result.ms < 10 ? 1 : 0)} ms
                {prescored ? (
                  <span className="cached-tag"> · pre-scored</span>
                ) : cached ? (
                  <span className="cached-tag"> · cached</span>
                ) : (
                  <span className="live-tag"> · live</span>
                )}
              </span>
            </td>
          );
        })}
        {combo && <ComboCell value={combo.values.get(row.cell) ?? Number.NaN} />}
      </tr>
    );
  };

  const columns = proxies.length + 2 + (combo ? 1 : 0);
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - headHeight : 0;
  const padBottom = last ? virtualizer.getTotalSize() - (last.end - headHeight) : 0;
  const spacer = (height: number, key: string) =>
    height > 0 && (
      <tr key={key} className="spacer" style={{ height }}>
        <td colSpan={columns} />
      </tr>
    );

  return (
    <div
      ref={scrollRef}
      className={virtual ? 'results-wrap results-virtual' : 'results-wrap'}
      data-virtual={virtual ? 'true' : undefined}
      data-rows={rows.length}
    >
      <table className="results" data-testid="results-table">
        <thead ref={headRef}>
          <tr>
            <th>
              <button type="button" onClick={() => toggle('order')}>
                #{arrow('order')}
              </button>
            </th>
            <th>{SPACES[space].unit.one}</th>
            {proxies.map((p) => (
              <th key={p} title={`${getProxy(p).formula}\n${getProxy(p).reference}`}>
                <button type="button" onClick={() => toggle(p)}>
                  {getProxy(p).label}
                  {arrow(p)}
                </button>
              </th>
            ))}
            {combo && (
              <th title={`${COMBO_FORMULA}\n${combo.components.join(' + ')}`} data-testid="combo-header">
                <button type="button" onClick={() => toggle('combo')}>
                  combo{arrow('combo')}
                </button>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {virtual ? (
            <>
              {spacer(padTop, 'pad-top')}
              {items.map((item) => {
                const row = sorted[item.index];
                return row ? renderRow(row) : null;
              })}
              {spacer(padBottom, 'pad-bottom')}
            </>
          ) : (
            sorted.map(renderRow)
          )}
        </tbody>
      </table>
    </div>
  );
}
