/** The Explorer's controls: sample size, seed, fidelity, proxies. Every change is shareable. */

import { useEffect, useState } from 'react';
import { IMPLEMENTED_PROXY_IDS, type ProxyId } from '../../core/proxies/ids';
import { getProxy } from '../../core/proxies/registry';
import { FIDELITY_NAMES, FIDELITY_PRESETS, type FidelityPreset } from '../../core/spaces/fidelity';
import { SPACES } from '../../core/spaces/registry';
import { useExplorerStore } from '../../state/explorerStore';
import {
  clampBatch,
  clampSampleSize,
  clampSeed,
  DATA_SOURCES,
  type DataSource,
  proxyApplies,
  SPACE_IDS,
  SPACE_LABELS,
  type SpaceId,
  switchSpace,
} from '../../state/viewState';

/** What each fidelity means in a space (NB201: channels and cells; ViT: input size; MLP: as written). */
function fidelityLabel(space: SpaceId, name: FidelityPreset): string {
  return SPACES[space].describeFidelity(name);
}

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
  testId?: string;
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
        data-testid={props.testId ?? `input-${props.label.toLowerCase().replace(/\s+/g, '-')}`}
      />
    </label>
  );
}

export function Controls() {
  const view = useExplorerStore((s) => s.view);
  const setView = useExplorerStore((s) => s.setView);
  const setStoreState = useExplorerStore.setState;
  const toggleProxy = (id: ProxyId) => {
    const next = view.proxies.includes(id) ? view.proxies.filter((p) => p !== id) : [...view.proxies, id];
    if (next.length > 0) setView({ proxies: IMPLEMENTED_PROXY_IDS.filter((p) => next.includes(p)) });
  };
  return (
    <fieldset className="controls">
      <legend>Search space and sample</legend>
      <label>
        Space
        <select
          value={view.space}
          onChange={(e) => setStoreState((s) => ({ view: switchSpace(s.view, e.target.value as SpaceId) }))}
          data-testid="input-space"
        >
          {SPACE_IDS.map((id) => (
            <option key={id} value={id}>
              {SPACE_LABELS[id]}
            </option>
          ))}
        </select>
      </label>
      <NumberField
        label={SPACES[view.space].unit.Many}
        testId="input-cells"
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
          {FIDELITY_NAMES.map((name) => (
            <option key={name} value={name}>
              {fidelityLabel(view.space, name)}
            </option>
          ))}
        </select>
      </label>
      <NumberField
        label="Batch"
        value={view.batch ?? FIDELITY_PRESETS[view.fidelity].batch}
        clamp={clampBatch}
        onCommit={(v) => setView({ batch: v === FIDELITY_PRESETS[view.fidelity].batch ? null : v })}
        testId="input-batch"
      />
      <label title="Where data proxies draw their seeded batch (the MLP space reads a grid on [0, 1))">
        Data
        <select
          value={view.data}
          disabled={SPACES[view.space].input === 'grid'}
          onChange={(e) => setView({ data: e.target.value as DataSource })}
          data-testid="input-data"
        >
          {DATA_SOURCES.map((d) => (
            <option key={d} value={d}>
              {d === 'cifar10-train' ? 'CIFAR-10 train' : 'CIFAR-10 test'}
            </option>
          ))}
        </select>
      </label>
      <span className="proxy-picks">
        Proxies:
        {IMPLEMENTED_PROXY_IDS.map((id) => {
          const applies = proxyApplies(id, view.space);
          const why = applies ? '' : `\nNot for this space: defined for ${getProxy(id).spaces.join(', ')}.`;
          return (
            <label key={id} title={proxyTitle(id) + why} className={applies ? undefined : 'not-applicable'}>
              <input
                type="checkbox"
                checked={view.proxies.includes(id)}
                disabled={!applies && !view.proxies.includes(id)}
                onChange={() => toggleProxy(id)}
                data-testid={`proxy-${id}`}
              />
              {getProxy(id).label}
            </label>
          );
        })}
      </span>
    </fieldset>
  );
}
