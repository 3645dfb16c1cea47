/** Per cell: its drawing, and for each proxy the value, the backend that produced it and the time. */
import { useMemo, useState } from 'react';
import type { ScoredJob } from '../../compute/scoreRun';
import type { ProxyId } from '../../core/proxies/ids';
import { getProxy } from '../../core/proxies/registry';
import { nb201FromIndex, nb201ToString } from '../../core/spaces/nb201';
import { CellGraph } from './CellGraph';
import { cellFacts } from './cellFacts';

export interface TableRow {
  cell: number;
  scores: Partial<Record<ProxyId, ScoredJob>>;
  errors: Partial<Record<ProxyId, string>>;
}

/** Isomorphism class, parameters and FLOPs of the NB201 network (paper fidelity). */
function CellFactsLine({ cell }: { cell: Parameters<typeof cellFacts>[0] }) {
  const f = cellFacts(cell);
  return (
    <div
      className="meta cell-facts"
      title="isomorphism class (smallest equivalent cell index); parameters and multiply-adds of the NB201 network"
    >
      class {f.canonical} · NB201 network: {(f.params / 1e6).toFixed(3)} M params,{' '}
      {(f.flops / 1e6).toFixed(1)} MFLOPs
    </div>
  );
}

export function formatScore(proxy: ProxyId, value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞';
  if (proxy === 'params') return Math.round(value).toLocaleString('en-US');
  return value.toFixed(3);
}

interface Props {
  rows: TableRow[];
  proxies: ProxyId[];
  selected: number | null;
  onSelect(cell: number | null): void;
  /** Cells brushed in a plot (highlighted here too). */
  brushed?: ReadonlySet<number>;
}

type SortKey = 'order' | ProxyId;

export function ResultsTable({ rows, proxies, selected, onSelect, brushed }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'order',
    descending: false,
  });
  const sorted = useMemo(() => {
    if (sort.key === 'order') return rows;
    const key = sort.key;
    const value = (r: TableRow) => r.scores[key]?.result.value ?? Number.NaN;
    return [...rows].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (Number.isNaN(va) || Number.isNaN(vb)) return Number.isNaN(va) ? 1 : -1;
      return sort.descending ? vb - va : va - vb;
    });
  }, [rows, sort]);
  const toggle = (key: SortKey) =>
    setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'order' }));
  const arrow = (key: SortKey) => (sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : '');

  return (
    <table className="results" data-testid="results-table">
      <thead>
        <tr>
          <th>
            <button type="button" onClick={() => toggle('order')}>
              #{arrow('order')}
            </button>
          </th>
          <th>cell</th>
          {proxies.map((p) => (
            <th key={p} title={`${getProxy(p).formula}\n${getProxy(p).reference}`}>
              <button type="button" onClick={() => toggle(p)}>
                {getProxy(p).label}
                {arrow(p)}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => {
          const cell = nb201FromIndex(row.cell);
          const arch = nb201ToString(cell);
          const position = rows.indexOf(row) + 1;
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
              data-brushed={brushed?.has(row.cell) ? 'true' : undefined}
              onClick={() => onSelect(row.cell === selected ? null : row.cell)}
            >
              <td>{position}</td>
              <td>
                <CellGraph cell={cell} />
                <div className="arch" title={arch}>
                  cell {row.cell}
                </div>
                <CellFactsLine cell={cell} />
              </td>
              {proxies.map((p) => {
                const scored = row.scores[p];
                const error = row.errors[p];
                if (!scored) {
                  return (
                    <td key={p} data-proxy={p} data-state={error ? 'error' : 'pending'}>
                      {error ? (
                        <span className="error-text">failed: {error}</span>
                      ) : (
                        <span className="pending">…</span>
                      )}
                    </td>
                  );
                }
                const { result, cached } = scored;
                return (
                  <td
                    key={p}
                    data-proxy={p}
                    data-state="done"
                    data-value={String(result.value)}
                    data-backend={result.backend}
                    data-cached={String(cached)}
                    title={result.warnings.join('\n') || undefined}
                  >
                    <span className="value">{formatScore(p, result.value)}</span>
                    {result.warnings.length > 0 && <span className="warn-mark"> ⚠</span>}
                    <span className="meta">
                      {result.backend} · {result.ms.toFixed(result.ms < 10 ? 1 : 0)} ms
                      {cached && <span className="cached-tag"> · cached</span>}
                    </span>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
