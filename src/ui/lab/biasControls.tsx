/**
 * Controls shared by panels 1 and 2: the training preset, the seed, the target (the paper's
 * amplitude presets or free [k, amplitude] rows) and a number field. Every value lives in the lab
 * store (so in the share link); what the user types stays in its box when it cannot be used, with
 * a plain message saying why.
 */

import { useEffect, useState } from 'react';
import { FIT_PRESETS } from '../../core/lab/fitSignal';
import {
  AMPLITUDE_CHOICES,
  FIT_PRESET_NAMES,
  LAB_LIMITS,
  type LabState,
  useLabStore,
} from '../../state/labState';
import { type ComponentDraft, checkComponentDraft } from './biasConfig';
import { NumberField } from './spectrumKit';

export interface BiasNumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  integer?: boolean;
  onCommit(value: number): void;
  testId: string;
  title?: string;
}

/** The lab's NumberField (spectrumKit.tsx), naming the setting by its label in messages. */
export function BiasNumberField(props: BiasNumberFieldProps) {
  return <NumberField {...props} name={props.label} />;
}

const PRESET_TEXT: Record<LabState['preset'], string> = {
  quick: `quick: ${FIT_PRESETS.quick.depth} x ${FIT_PRESETS.quick.width}, ${FIT_PRESETS.quick.iterations} iterations (seconds)`,
  class: `class: ${FIT_PRESETS.class.depth} x ${FIT_PRESETS.class.width}, ${FIT_PRESETS.class.iterations} iterations (~half a minute)`,
  paper: `paper: ${FIT_PRESETS.paper.depth + 1} layers x ${FIT_PRESETS.paper.width}, Adam 3e-4, 60 000 iterations (about an hour)`,
};

export function PresetAndSeed({ testPrefix }: { testPrefix: string }) {
  const preset = useLabStore((s) => s.lab.preset);
  const seed = useLabStore((s) => s.lab.seed);
  const setLab = useLabStore((s) => s.setLab);
  return (
    <>
      <label className="bias-field">
        Preset{' '}
        <select
          value={preset}
          onChange={(e) => setLab({ preset: e.target.value as LabState['preset'] })}
          data-testid={`${testPrefix}-preset`}
        >
          {FIT_PRESET_NAMES.map((p) => (
            <option key={p} value={p}>
              {PRESET_TEXT[p]}
            </option>
          ))}
        </select>
      </label>
      <BiasNumberField
        label="Seed"
        value={seed}
        min={LAB_LIMITS.seed.min}
        max={LAB_LIMITS.seed.max}
        onCommit={(v) => setLab({ seed: v })}
        testId={`${testPrefix}-seed`}
        title="Seed of the initial weights, the target's phases and the Gaussian features"
      />
    </>
  );
}

const AMPLITUDE_TEXT: Record<LabState['amplitudes'], string> = {
  equal: 'equal (k = 5, 10, …, 50, all amplitude 1)',
  increasing: 'increasing (amplitude 0.1·i)',
  custom: 'custom (edit the rows)',
};

const toDrafts = (components: readonly [number, number][]): ComponentDraft[] =>
  components.map(([k, a]) => ({ k: String(k), amplitude: String(a) }));

/** The target: a paper preset, or editable rows checked by the core's targetProblems. */
export function TargetControls({ testPrefix }: { testPrefix: string }) {
  const amplitudes = useLabStore((s) => s.lab.amplitudes);
  const components = useLabStore((s) => s.lab.components);
  const seed = useLabStore((s) => s.lab.seed);
  const setLab = useLabStore((s) => s.setLab);
  const [rows, setRows] = useState<ComponentDraft[]>(() => toDrafts(components));
  // A new list from outside (a link) replaces the rows; the rows' own commits leave them as typed.
  useEffect(() => {
    setRows((current) => {
      const mine = checkComponentDraft(current, 0).components;
      return JSON.stringify(mine) === JSON.stringify(components) ? current : toDrafts(components);
    });
  }, [components]);
  const check = checkComponentDraft(rows, seed);
  const edit = (next: ComponentDraft[]) => {
    setRows(next);
    const checked = checkComponentDraft(next, seed).components;
    if (checked && JSON.stringify(checked) !== JSON.stringify(components)) setLab({ components: checked });
  };
  const unusedK = () => {
    const used = new Set(rows.map((r) => Number(r.k)));
    for (let k = 5; k <= LAB_LIMITS.k.max; k += 5) if (!used.has(k)) return k;
    return 1;
  };
  return (
    <div className="bias-target">
      <label className="bias-field">
        Target amplitudes{' '}
        <select
          value={amplitudes}
          onChange={(e) => setLab({ amplitudes: e.target.value as LabState['amplitudes'] })}
          data-testid={`${testPrefix}-amplitudes`}
        >
          {AMPLITUDE_CHOICES.map((a) => (
            <option key={a} value={a}>
              {AMPLITUDE_TEXT[a]}
            </option>
          ))}
        </select>
      </label>
      {amplitudes === 'custom' && (
        <div className="bias-rows" data-testid={`${testPrefix}-rows`}>
          <table>
            <thead>
              <tr>
                <th scope="col">frequency k</th>
                <th scope="col">amplitude</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                // Rows have no identity beyond their place; the index is their key.
                <tr key={i}>
                  <td>
                    <input
                      type="text"
                      inputMode="numeric"
                      size={4}
                      aria-label={`frequency k of component ${i + 1}`}
                      value={row.k}
                      onChange={(e) => edit(rows.map((r, j) => (j === i ? { ...r, k: e.target.value } : r)))}
                      data-testid={`${testPrefix}-row-k`}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      inputMode="decimal"
                      size={5}
                      aria-label={`amplitude of component ${i + 1}`}
                      value={row.amplitude}
                      onChange={(e) =>
                        edit(rows.map((r, j) => (j === i ? { ...r, amplitude: e.target.value } : r)))
                      }
                      data-testid={`${testPrefix}-row-amplitude`}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => edit(rows.filter((_, j) => j !== i))}
                      aria-label={`remove component ${i + 1}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            disabled={rows.length >= LAB_LIMITS.components.max}
            onClick={() => edit([...rows, { k: String(unusedK()), amplitude: '1' }])}
            data-testid={`${testPrefix}-row-add`}
          >
            Add a component
          </button>
          {check.problems.length > 0 && (
            <div className="notice error" role="alert" data-testid={`${testPrefix}-target-problems`}>
              These rows cannot be used yet (the run keeps the last usable target):
              <ul>
                {check.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
