/**
 * Our scores beside the published ones (NASWOT's jacob_cov, NAS-Bench-Suite-Zero's proxies), on the
 * view's cells that the shipped table of published scores covers: ρ between ours and theirs, and each
 * against the accuracy the view compares with.
 */
import { useMemo } from 'react';
import {
  comparePublished,
  type PublishedComparison,
  publishedColumnsFor,
} from '../../core/groundtruth/publishedColumns';
import type { ProxyId } from '../../core/proxies/ids';
import { getProxy } from '../../core/proxies/registry';
import { useExplorerStore } from '../../state/explorerStore';
import { useGroundTruthStore } from '../../state/groundTruthState';
import type { ScoredPoint } from './scoredPoint';

const rho = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');

export function PublishedScores({ points, proxies }: { points: ScoredPoint[]; proxies: ProxyId[] }) {
  const shipped = useGroundTruthStore((s) => s.shipped);
  const tables = useGroundTruthStore((s) => s.tables);
  const truth = useExplorerStore((s) => s.view.truth);
  const published = shipped.find((t) => publishedColumnsFor(proxies, t.columns).length > 0);
  const accuracyTable = truth ? tables.find((t) => t.name === truth.table) : undefined;

  const rows: PublishedComparison[] = useMemo(() => {
    if (!published || !accuracyTable || !truth) return [];
    const accuracy = new Map<string, number>();
    for (const p of points) {
      const value = accuracyTable.rows.get(p.arch)?.[truth.column];
      if (value !== undefined) accuracy.set(p.arch, value);
    }
    return publishedColumnsFor(proxies, published.columns).map((column) => {
      const ours = new Map<string, number>();
      for (const p of points) {
        const value = p.scores[column.proxy];
        if (value !== undefined) ours.set(p.arch, value);
      }
      return comparePublished(column, ours, accuracy, published.rows);
    });
  }, [published, accuracyTable, truth, points, proxies]);

  if (!published || rows.length === 0) return null;
  return (
    <section className="published-scores" data-testid="published-scores">
      <h3>Our scores beside the published ones</h3>
      <p className="meta">
        Spearman ρ on this view's cells that the paper also scored. Published values come from other code at
        full NB201 size; agreement shows as ρ(ours, published) near ±1 (sign conventions differ), and as
        similar ρ against {truth ? `“${truth.column}”` : 'the accuracy'}.
      </p>
      <table>
        <thead>
          <tr>
            <th>Proxy</th>
            <th>Published by</th>
            <th>Cells</th>
            <th>ρ(ours, published)</th>
            <th>ρ(ours, accuracy)</th>
            <th>ρ(published, accuracy)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.column}
              data-testid="published-row"
              data-proxy={r.proxy}
              data-column={r.column}
              data-n={r.n}
              data-rho-ours-published={r.rhoOursPublished}
            >
              <td>{getProxy(r.proxy).label}</td>
              <td>{r.source}</td>
              <td>{r.n}</td>
              <td>{rho(r.rhoOursPublished)}</td>
              <td>{rho(r.rhoOursAccuracy)}</td>
              <td>{rho(r.rhoPublishedAccuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
