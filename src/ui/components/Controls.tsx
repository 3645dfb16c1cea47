/** The Explorer's controls: sample size, seed, fidelity, proxies. Every change is shareable. */
import { useEffect, useState } from 'react';
import { IMPLEMENTED_PROXY_IDS, type ProxyId } from '../../core/proxies/ids';
import { getProxy } from '../../core/proxies/registry';
import { FIDELITY_NAMES, FIDELITY_PRESETS, type FidelityPreset } from '../../core/spaces/fidelity';
import { useExplorerStore } from '../../state/explorerStore';
import { clampSampleSize, clampSeed } from '../../state/viewState';

/** What a proxy is, shown on hover: formula, reference, sign, data needs, and "our reading" where so. */
function proxyTitle(id: ProxyId): string {
  const p = getProxy(id);
  return [
    `${p.label}${p.ourReading ? ' — our reading of the paper' : ''}`,
    p.formula,
    p.reference,
    `${p.higherIsBetter ? 'higher' : 'lower'} is better · ${p.needsData ? `needs a data batch${p.needsLabels ? ' with labels' : ''}` : 'no data needed'}`,
  ].join('\n');
}

/** A number input that commits on blur or Enter, clamping to the allowed range. */
function NumberField(props: {
  label: string;
  value: number;
  clamp(v: number): number;
  onCommit(v: number): void;
}) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const commit = () => {
    const parsed = Number(text);
    if (text.trim() === '' || !Number.isFinite(parsed)) {
      setText(String(props.value));
      return;
    }
    const clamped = props.clamp(parsed);
    setText(String(clamped));
    if (clamped !== props.value) props.onCommit(clamped);
  };
  return (
    <label>
      {props.label}
      <input
        type="number"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        data-testid={`input-${props.label.toLowerCase().replace(/\s+/g, '-')}`}
      />
    </label>
  );
}

export function Controls() {
  const view = useExplorerStore((s) => s.view);
  const setView = useExplorerStore((s) => s.setView);
  const toggleProxy = (id: ProxyId) => {
    const next = view.proxies.includes(id) ? view.proxies.filter((p) => p !== id) : [...view.proxies, id];
    if (next.length > 0) setView({ proxies: IMPLEMENTED_PROXY_IDS.filter((p) => next.includes(p)) });
  };
  return (
    <fieldset className="controls">
      <legend>NAS-Bench-201 sample</legend>
      <NumberField
        label="Cells"
        value={view.sampleSize}
        clamp={clampSampleSize}
        onCommit={(v) => setView({ sampleSize: v })}
      />
      <NumberField label="Seed" value={view.seed} clamp={clampSeed} onCommit={(v) => setView({ seed: v })} />
      <label>
        Fidelity
        <select
          value={view.fidelity}
          onChange={(e) => setView({ fidelity: e.target.value as FidelityPreset })}
          data-testid="input-fidelity"
        >
          {FIDELITY_NAMES.map((name) => {
            const f = FIDELITY_PRESETS[name];
            return (
              <option key={name} value={name}>
                {name} (C={f.channels}, {f.cellsPerStage} cell{f.cellsPerStage > 1 ? 's' : ''}/stage)
              </option>
            );
          })}
        </select>
      </label>
      <span className="proxy-picks">
        Proxies:
        {IMPLEMENTED_PROXY_IDS.map((id) => (
          <label key={id} title={proxyTitle(id)}>
            <input
              type="checkbox"
              checked={view.proxies.includes(id)}
              onChange={() => toggleProxy(id)}
              data-testid={`proxy-${id}`}
            />
            {getProxy(id).label}
          </label>
        ))}
      </span>
    </fieldset>
  );
}
