/** The lecture's toolbar (LectureView.tsx): presentation mode, what a link hides, and the lecture link. */
import { useState } from 'react';
import {
  canonicalHide,
  clampScreen,
  LECTURE_HIDE_GROUPS,
  type LectureHideGroup,
  type LectureState,
  lectureScreens,
  useLectureStore,
} from '../../state/lectureState';
import { encodeLectureState } from '../../state/lectureUrl';
import { stepScreen } from './useScreenKeys';

const HIDE_LABELS: Record<LectureHideGroup, string> = {
  source: 'candidate source, n and seed',
  sliders: 'high-frequency proxy and its sliders',
  table: 'per-network table',
  train: 'live training (its screen too)',
};

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

export function CopyLectureLink({ lecture }: { lecture: LectureState }) {
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
