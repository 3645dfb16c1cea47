/**
 * The lecture's controls, in groups a link can hide ("source_hide", "sliders_hide"; "table_hide" and
 * "train_hide" hide the per-network table and live training in LectureView), and the toolbar:
 * presentation mode, screen stepping and the "copy lecture link" chooser of hide and lock flags.
 */
import { useState } from 'react';
import { useGroundTruthStore } from '../../state/groundTruthState';
import {
  canonicalHide,
  clampScreen,
  LECTURE_HF_PROXIES,
  LECTURE_HIDE_GROUPS,
  LECTURE_LIMITS,
  LECTURE_SOURCES,
  type LectureHfProxy,
  type LectureHideGroup,
  type LectureSource,
  type LectureState,
  lectureScreens,
  useLectureStore,
} from '../../state/lectureState';
import { type LectureTableChoice, vitTables } from '../../state/lectureTable';
import { encodeLectureState } from '../../state/lectureUrl';
import { LectureTableSource, tableChoicePatch } from './LectureTableSource';
import type { ShippedTable } from './shippedTable';
import { stepScreen } from './useScreenKeys';

const HIDE_LABELS: Record<LectureHideGroup, string> = {
  source: 'candidate source, n and seed',
  sliders: 'high-frequency proxy and its sliders',
  table: 'per-network table',
  train: 'live training (its screen too)',
};

const isSource = (value: string): value is LectureSource =>
  (LECTURE_SOURCES as readonly string[]).includes(value);

const isHf = (value: string): value is LectureHfProxy =>
  (LECTURE_HF_PROXIES as readonly string[]).includes(value);

/** σ's slider moves on log10 σ (0.01 … 100), and rounds σ to 3 significant digits. */
const SIGMA_LOG = {
  min: Math.log10(LECTURE_LIMITS.sigma.min),
  max: Math.log10(LECTURE_LIMITS.sigma.max),
};
function sigmaOfSlider(log10: number): number {
  const { min, max } = LECTURE_LIMITS.sigma;
  return Math.min(max, Math.max(min, Number((10 ** log10).toPrecision(3))));
}

function clampInt(value: number, { min, max }: { min: number; max: number }): number | null {
  if (!Number.isFinite(value)) return null;
  return Math.min(max, Math.max(min, Math.round(value)));
}

export function LectureControls({
  lecture,
  shipped,
  candidates,
  tableChoice,
}: {
  lecture: LectureState;
  shipped: ShippedTable | null;
  candidates: number;
  /** Source 'table': the lecture's table, column and space as resolved against the loaded tables. */
  tableChoice: LectureTableChoice | null;
}) {
  const setLecture = useLectureStore((s) => s.setLecture);
  const hidden = new Set(lecture.hide);
  const chooseSource = (source: LectureSource) => {
    // The first imported ViT table, when the lecture names none yet.
    const first = vitTables(useGroundTruthStore.getState().tables)[0];
    setLecture(
      source === 'table' && lecture.table === '' && first
        ? { source, ...tableChoicePatch(first) }
        : { source },
    );
  };
  if (hidden.has('source') && hidden.has('sliders')) return null;
  return (
    <div className="lec-controls">
      {!hidden.has('source') && (
        <fieldset className="lec-group" data-testid="lec-source">
          <legend>Networks</legend>
          <label>
            from{' '}
            <select
              value={lecture.source}
              onChange={(e) => {
                const source = e.currentTarget.value;
                if (isSource(source)) chooseSource(source);
              }}
              data-testid="lec-source-select"
            >
              <option value="shipped">
                the shipped table (trained here){shipped?.ok ? `, ${shipped.archs.length} rows` : ''}
              </option>
              <option value="sample">a seeded sample of the browser ViT space</option>
              <option value="table">a ground-truth table (shipped, or imported: e.g. OoD-ViT-NAS)</option>
            </select>
          </label>
          {lecture.source === 'table' && <LectureTableSource lecture={lecture} choice={tableChoice} />}
          <label>
            n{' '}
            <input
              type="number"
              min={LECTURE_LIMITS.n.min}
              max={LECTURE_LIMITS.n.max}
              value={lecture.n}
              onChange={(e) => {
                const n = clampInt(e.currentTarget.valueAsNumber, LECTURE_LIMITS.n);
                if (n !== null) setLecture({ n });
              }}
              data-testid="lec-n"
            />
          </label>
          <label>
            seed{' '}
            <input
              type="number"
              min={0}
              value={lecture.seed}
              onChange={(e) => {
                const seed = clampInt(e.currentTarget.valueAsNumber, LECTURE_LIMITS.seed);
                if (seed !== null) setLecture({ seed });
              }}
              data-testid="lec-seed"
            />
          </label>
          <label title="Each NTK score averages log10 κ over this many initialisations (seed, seed + 1, …): on ViTs one initialisation is not a stable ranking">
            inits{' '}
            <input
              type="number"
              min={LECTURE_LIMITS.repeats.min}
              max={LECTURE_LIMITS.repeats.max}
              value={lecture.repeats}
              onChange={(e) => {
                const repeats = clampInt(e.currentTarget.valueAsNumber, LECTURE_LIMITS.repeats);
                if (repeats !== null) setLecture({ repeats });
              }}
              data-testid="lec-repeats"
            />
          </label>
          <span className="meta">{candidates} networks</span>
        </fieldset>
      )}
      {!hidden.has('sliders') && (
        <fieldset className="lec-group" data-testid="lec-sliders" disabled={lecture.lock}>
          <legend>ViNTK{lecture.lock ? ' (locked)' : ''}</legend>
          <label>
            high-frequency proxy{' '}
            <select
              value={lecture.hf}
              disabled={lecture.lock}
              onChange={(e) => {
                const hf = e.currentTarget.value;
                if (isHf(hf)) setLecture({ hf });
              }}
              data-testid="lec-hf"
            >
              <option value="vintk">vintk (r, α)</option>
              <option value="vintk_rfp">vintk_rfp (σ)</option>
              <option value="vintk_ff">vintk_ff (σ): Fourier features into the patch embedding</option>
            </select>
          </label>
          {lecture.hf === 'vintk' ? (
            <>
              <Slider
                label={`r = ${lecture.r.toFixed(2)}`}
                min={LECTURE_LIMITS.r.min}
                max={LECTURE_LIMITS.r.max}
                value={lecture.r}
                disabled={lecture.lock}
                onChange={(r) => setLecture({ r })}
                testId="lec-r"
              />
              <Slider
                label={`α = ${lecture.alpha.toFixed(2)}`}
                min={LECTURE_LIMITS.alpha.min}
                max={LECTURE_LIMITS.alpha.max}
                value={lecture.alpha}
                disabled={lecture.lock}
                onChange={(alpha) => setLecture({ alpha })}
                testId="lec-alpha"
              />
            </>
          ) : (
            <Slider
              label={`σ = ${lecture.sigma}`}
              min={SIGMA_LOG.min}
              max={SIGMA_LOG.max}
              value={Math.log10(lecture.sigma)}
              disabled={lecture.lock}
              onChange={(v) => setLecture({ sigma: sigmaOfSlider(v) })}
              ariaLabel="σ (log scale, 0.01 to 100)"
              testId="lec-sigma"
            />
          )}
        </fieldset>
      )}
    </div>
  );
}

export function LectureToolbar({ lecture }: { lecture: LectureState }) {
  const setLecture = useLectureStore((s) => s.setLecture);
  const last = lectureScreens(lecture.hide).length - 1;
  return (
    <div className="lec-toolbar" data-testid="lec-toolbar">
      <label>
        <input
          type="checkbox"
          checked={lecture.present}
          onChange={(e) =>
            setLecture({
              present: e.currentTarget.checked,
              screen: clampScreen(lecture.screen, lecture.hide),
            })
          }
          data-testid="lec-present"
        />{' '}
        presentation mode
      </label>
      {lecture.present && (
        <span className="lec-stepper">
          <button
            type="button"
            onClick={() => stepScreen(-1)}
            disabled={lecture.screen === 0}
            data-testid="lec-prev"
          >
            ←
          </button>
          <span data-testid="lec-screen">
            {lecture.screen + 1} / {last + 1}
          </span>
          <button
            type="button"
            onClick={() => stepScreen(1)}
            disabled={lecture.screen === last}
            data-testid="lec-next"
          >
            →
          </button>
          <span className="meta"> (arrow keys or PageUp/PageDown)</span>
        </span>
      )}
      <CopyLectureLink lecture={lecture} />
    </div>
  );
}

/** Writes the current lecture with the chosen presentation, hide and lock flags to the clipboard. */
function CopyLectureLink({ lecture }: { lecture: LectureState }) {
  const [present, setPresent] = useState(true);
  const [hide, setHide] = useState<LectureHideGroup[]>(lecture.hide);
  const [lock, setLock] = useState(lecture.lock);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const hidden = canonicalHide(hide);
  // Hiding live training removes its screen: a link made on that screen opens the one before.
  const screen = clampScreen(lecture.screen, hidden);
  const url = `${location.origin}${location.pathname}#${encodeLectureState({ ...lecture, screen, present, hide: hidden, lock })}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      // Clipboard refused (permissions, insecure context): the link is shown below to copy by hand.
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 3000);
  };
  return (
    <details className="lec-copy">
      <summary>Lecture link…</summary>
      <label>
        <input type="checkbox" checked={present} onChange={(e) => setPresent(e.currentTarget.checked)} /> open
        in presentation mode
      </label>
      {LECTURE_HIDE_GROUPS.map((group) => (
        <label key={group}>
          <input
            type="checkbox"
            checked={hide.includes(group)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setHide((h) => (on ? [...h, group] : h.filter((g) => g !== group)));
            }}
            data-testid={`lec-hide-${group}`}
          />{' '}
          hide the {HIDE_LABELS[group]}
        </label>
      ))}
      <label>
        <input
          type="checkbox"
          checked={lock}
          onChange={(e) => setLock(e.currentTarget.checked)}
          data-testid="lec-lock"
        />{' '}
        lock the sliders
      </label>
      <button type="button" onClick={() => void copy()} data-testid="lec-copy-link" data-url={url}>
        {copied === 'copied' ? 'Lecture link copied' : 'Copy lecture link'}
      </button>
      {copied === 'failed' && (
        <p className="meta">
          The clipboard refused; copy this link by hand: <code>{url}</code>
        </p>
      )}
    </details>
  );
}

/** A labelled range input in steps of 0.05 (r, α, and σ on its log scale). */
function Slider(props: {
  label: string;
  min: number;
  max: number;
  value: number;
  disabled: boolean;
  onChange: (value: number) => void;
  testId: string;
  ariaLabel?: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        type="range"
        min={props.min}
        max={props.max}
        step={0.05}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(Number(e.currentTarget.value))}
        aria-label={props.ariaLabel}
        data-testid={props.testId}
      />
    </label>
  );
}
