/**
 * The Spectral Lab: five panels where small networks learn signals live in a worker and the NTK
 * explains what they see. Every control lives in the lab's share link (labUrl.ts).
 */
import { useEffect, useState } from 'react';
import { labWorker } from '../../compute/labClient';
import type { BackendReport } from '../../runtime/backends/backendReport';
import { LAB_PANEL_TITLES, LAB_PANELS, useLabStore } from '../../state/labState';
import { FourierPanel } from './FourierPanel';
import { FrequencyBiasPanel } from './FrequencyBiasPanel';
import { PrecondPanel } from './PrecondPanel';
import { ResidualPanel } from './ResidualPanel';
import { SpectrumPanel } from './SpectrumPanel';

const PANELS = {
  bias: FrequencyBiasPanel,
  fourier: FourierPanel,
  spectrum: SpectrumPanel,
  residual: ResidualPanel,
  precond: PrecondPanel,
} as const;

function LabNotices() {
  const notices = useLabStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notice" role="status" data-testid="lab-notice">
      <strong>Parts of the lab link were not used:</strong>
      <ul>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <button type="button" onClick={() => useLabStore.setState({ notices: [] })}>
        Dismiss
      </button>
    </div>
  );
}

/** Which backend the lab's worker runs on, and why (its own worker, so its own report). */
function LabBackend() {
  const [report, setReport] = useState<BackendReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    labWorker().ready.then(
      (r) => live && setReport(r),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  if (error) return <p className="notice error">The lab's worker has no backend: {error}</p>;
  return (
    <p className="meta" data-testid="lab-backend" data-backend={report?.name ?? ''} title={report?.reason}>
      Lab worker: {report ? `${report.label} — ${report.reason}` : 'starting…'}
    </p>
  );
}

export function LabView() {
  const panel = useLabStore((s) => s.lab.panel);
  const setLab = useLabStore((s) => s.setLab);
  const Panel = PANELS[panel];
  return (
    <main className="lab" data-testid="lab">
      <LabNotices />
      <LabBackend />
      <nav className="lab-panels" aria-label="Lab panels">
        {LAB_PANELS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={p === panel}
            className={p === panel ? 'active' : undefined}
            onClick={() => setLab({ panel: p })}
            data-testid={`lab-panel-${p}`}
          >
            {LAB_PANEL_TITLES[p]}
          </button>
        ))}
      </nav>
      <section className="lab-panel" data-testid="lab-current" data-panel={panel}>
        <Panel />
      </section>
    </main>
  );
}
