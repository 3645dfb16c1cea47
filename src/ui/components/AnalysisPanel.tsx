/**
 * Below the scatter: the rank-correlation matrix of every computed proxy and the chosen ground
 * truth, the NTK eigenspectra of the brushed or selected cells (from ntk_cond), and the exports.
 */
import { useMemo } from 'react';
import type { ScoredJob } from '../../compute/scoreRun';
import type { ProxyId } from '../../core/proxies/ids';
import { spearman } from '../../core/stats/rankCorrelation';
import { useExplorerStore } from '../../state/explorerStore';
import { useGroundTruthStore } from '../../state/groundTruthState';
import { CorrelationMatrix, SpectrumChart, type SpectrumSeries } from '../charts';
import { explorerProvenance } from '../export/plotCaptions';
import { download, type ExportRow, toCsv, toJson } from '../export/tableExport';
import { ExportablePlot } from './ExportablePlot';
import { formatInitSpread, initSpread } from './initSpread';

export interface AnalysisRow {
  id: number;
  arch: string;
  scores: Partial<Record<ProxyId, ScoredJob>>;
}

const fmt = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v.toPrecision(4) : '–');

export function AnalysisPanel({
  rows,
  proxies,
  focus,
  meta,
}: {
  rows: AnalysisRow[];
  proxies: ProxyId[];
  /** Cells whose spectra to overlay (brushed, else the selected one). */
  focus: ReadonlySet<number>;
  meta: Record<string, unknown>;
}) {
  const tables = useGroundTruthStore((s) => s.tables);
  const choice = useExplorerStore((s) => s.view.truth);
  const table = tables.find((t) => t.name === choice?.table);
  const truthColumn = choice && table ? `${choice.column} (${choice.table})` : null;

  const exportRows: ExportRow[] = useMemo(
    () =>
      rows.map((r) => {
        const values: Record<string, number> = {};
        for (const p of proxies) {
          const v = r.scores[p]?.result.value;
          if (v !== undefined) values[p] = v;
        }
        const truth = choice ? table?.rows.get(r.arch)?.[choice.column] : undefined;
        if (truthColumn && truth !== undefined) values[truthColumn] = truth;
        return { id: r.id, arch: r.arch, values };
      }),
    [rows, proxies, table, choice, truthColumn],
  );
  const columns = truthColumn ? [...proxies, truthColumn] : [...proxies];
  const matrixTitle = `Spearman ρ between proxies${truthColumn ? ' and ground truth' : ''}`;

  const matrix = useMemo(
    () =>
      columns.map((a) =>
        columns.map((b) =>
          spearman(
            exportRows.map((r) => r.values[a] ?? Number.NaN),
            exportRows.map((r) => r.values[b] ?? Number.NaN),
          ),
        ),
      ),
    [exportRows, columns.join('\u0000')],
  );

  const spectra: SpectrumSeries[] = rows
    .filter((r) => focus.has(r.id))
    .flatMap((r) => {
      const eig = r.scores.ntk_cond?.result.details.eigenvalues;
      return Array.isArray(eig) ? [{ id: String(r.id), label: `cell ${r.id}`, eigenvalues: eig }] : [];
    });

  return (
    <section className="analysis" data-testid="analysis">
      <div className="export-bar">
        <button
          type="button"
          data-testid="export-csv"
          onClick={() => download('spectral-nas-scores.csv', toCsv(exportRows, columns), 'text/csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          data-testid="export-json"
          onClick={() =>
            download('spectral-nas-scores.json', toJson(exportRows, columns, meta), 'application/json')
          }
        >
          Export JSON
        </button>
      </div>
      {columns.length > 1 && (
        <div>
          <h3>{matrixTitle}</h3>
          <ExportablePlot
            plotId="heatmap"
            meta={() => ({
              title: matrixTitle,
              n: `n = ${exportRows.length} architectures; ${columns.length} × ${columns.length} matrix`,
              rho: 'Each cell: Spearman ρ between two columns, over the architectures that have both values',
              provenance: explorerProvenance(useExplorerStore.getState().view, { proxies }),
            })}
          >
            <CorrelationMatrix labels={columns} values={matrix} valueName="Spearman ρ" />
          </ExportablePlot>
        </div>
      )}
      <div>
        <h3>NTK eigenspectra</h3>
        {spectra.length === 0 ? (
          <p className="meta" data-testid="spectrum-empty">
            Compute ntk_cond and brush or select cells to overlay their NTK spectra (λᵢ/λ₁).
          </p>
        ) : (
          <>
            <ExportablePlot
              plotId="spectra"
              meta={() => ({
                title: 'NTK eigenspectra λᵢ/λ₁ of the selected cells',
                n: `n = ${spectra.length} cell${spectra.length === 1 ? '' : 's'}: ${spectra.map((s) => s.id).join(', ')}`,
                provenance: [
                  ...explorerProvenance(useExplorerStore.getState().view, { proxies: ['ntk_cond'] }),
                  'Eigenvalues of the empirical NTK at initialisation (from ntk_cond), log axis',
                ],
              })}
            >
              <SpectrumChart series={spectra} width={520} height={300} />
            </ExportablePlot>
            <table className="spectrum-table" data-testid="spectrum-table">
              <thead>
                <tr>
                  <th>cell</th>
                  <th>log10 κ</th>
                  <th>trace Θ</th>
                  <th>effective rank</th>
                  <th title="log10 κ of each initialisation the score averages, and their range">
                    log10 κ per init
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows
                  .filter((r) => focus.has(r.id) && r.scores.ntk_cond)
                  .map((r) => {
                    const d = r.scores.ntk_cond!.result.details;
                    const spread = initSpread(d);
                    return (
                      <tr key={r.id}>
                        <td>{r.id}</td>
                        <td>{fmt(-(r.scores.ntk_cond!.result.value ?? Number.NaN))}</td>
                        <td>{fmt(d.trace)}</td>
                        <td>{fmt(d.effectiveRank)}</td>
                        <td data-testid="init-spread">{spread ? formatInitSpread(spread) : '–'}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
