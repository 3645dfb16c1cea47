/** The evidence at scale beside the lecture's live numbers: the verdict and its τ per reading. */
import { useEffect, useState } from 'react';
import { loadOodVerdict, type OodVerdict as Verdict } from './oodVerdict';

const f2 = (x: number | null) => (x !== null && Number.isFinite(x) ? x.toFixed(2) : '–');

export function OodVerdict() {
  const [state, setState] = useState<{ verdict?: Verdict; error?: string }>({});
  useEffect(() => {
    let live = true;
    void loadOodVerdict().then((r) => {
      if (live) setState(r.ok ? { verdict: r.value } : { error: r.error });
    });
    return () => {
      live = false;
    };
  }, []);
  if (state.error) {
    return (
      <p className="meta" data-testid="lec-ood-verdict-problem">
        The verdict at scale is not available: {state.error}.
      </p>
    );
  }
  const verdict = state.verdict;
  if (!verdict) return null;
  return (
    <div className="lec-verdict" data-testid="lec-ood-verdict">
      <h3>At scale: OoD-ViT-NAS AutoFormer-Tiny</h3>
      <p data-testid="lec-ood-verdict-text">{verdict.verdict}</p>
      <table className="spectrum-table">
        <thead>
          <tr>
            <th>reading</th>
            <th>n</th>
            <th>Kendall τ, OoD accuracy [95% CI]</th>
          </tr>
        </thead>
        <tbody>
          {verdict.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td>{r.n}</td>
              <td>
                {f2(r.tauOod)} [{f2(r.tauOodLow)}, {f2(r.tauOodHigh)}]
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="meta">
        Published (OoD-ViT-NAS): {verdict.published.map((p) => `${p.measure} ${p.tau}`).join(', ')}. Our
        scores and figures, made by {verdict.command}; the table itself is not shipped (its licence is
        unknown).
      </p>
    </div>
  );
}
