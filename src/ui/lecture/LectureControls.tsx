/**
 * The lecture's controls, in groups a link can hide ("source_hide", "sliders_hide"; "table_hide" and
 * "train_hide" hide the per-network table and live training in LectureView), and the toolbar:
 * presentation mode, screen stepping and the "copy lecture link" chooser of hide and lock flags.
 */
import { useState } from 'react';
import {
  canonicalHide,
  clampScreen,
  LECTURE_HIDE_GROUPS,
  LECTURE_LIMITS,
  type LectureHideGroup,
  type LectureState,
  lectureScreens,
  useLectureStore,
} from '../../state/lectureState';
import { encodeLectureState } from '../../state/lectureUrl';
import type { ShippedTable } from './shippedTable';
import { stepScreen } from './useScreenKeys';

const HIDE_LABELS: Record<LectureHideGroup, string> = {
  source: 'candidate source, n and seed',
  sliders: 'r and α sliders',
  table: 'per-network table',
  train: 'live training (its screen too)',
};

function clampInt(value: number, { min, max }: { min: number; max: number }): number | null {
  if (!Number.isFinite(value)) return null;
  return Math.min(max, Math.max(min, Math.round(value)));
}

export function LectureControls({
  lecture,
  shipped,
  candidates,
}: {
  lecture: LectureState;
  shipped: ShippedTable | null;
  candidates: number;
}) {
  const setLecture = useLectureStore((s) => s.setLecture);
  const hidden = new Set(lecture.hide);
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
              onChange={(e) =>
                setLecture({ source: e.currentTarget.value === 'sample' ? 'sample' : 'shipped' })
              }
              data-testid="lec-source-select"
            >
              <option value="shipped">
                the shipped table (trained here){shipped?.ok ? `, ${shipped.archs.length} rows` : ''}
              </option>
              <option value="sample">a seeded sample of the browser ViT space</option>
            </select>
          </label>
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
          <span className="meta">{candidates} networks</span>
        </fieldset>
      )}
      {!hidden.has('sliders') && (
        <fieldset className="lec-group" data-testid="lec-sliders" disabled={lecture.lock}>
          <legend>ViNTK{lecture.lock ? ' (locked)' : ''}</legend>
          <label>
            r = {lecture.r.toFixed(2)}{' '}
            <input
              type="range"
              min={LECTURE_LIMITS.r.min}
              max={LECTURE_LIMITS.r.max}
              step={0.05}
              value={lecture.r}
              disabled={lecture.lock}
              onChange={(e) => setLecture({ r: Number(e.currentTarget.value) })}
              data-testid="lec-r"
            />
          </label>
          <label>
            α = {lecture.alpha.toFixed(2)}{' '}
            <input
              type="range"
              min={LECTURE_LIMITS.alpha.min}
              max={LECTURE_LIMITS.alpha.max}
              step={0.05}
              value={lecture.alpha}
              disabled={lecture.lock}
              onChange={(e) => setLecture({ alpha: Number(e.currentTarget.value) })}
              data-testid="lec-alpha"
            />
          </label>
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
