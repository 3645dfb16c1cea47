/** Presentation keys: ArrowRight/PageDown step forward, ArrowLeft/PageUp back (the link follows). */
import { useEffect } from 'react';
import { clampScreen, useLectureStore } from '../../state/lectureState';

const STEP: Record<string, number> = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };

/** A focused slider, text field or menu keeps its own arrow keys; a checkbox or button does not. */
function keepsArrows(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return target.isContentEditable;
}

export function stepScreen(delta: number): void {
  const { lecture, setLecture } = useLectureStore.getState();
  const screen = clampScreen(lecture.screen + delta, lecture.hide);
  if (screen !== lecture.screen) setLecture({ screen });
}

export function useScreenKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      const delta = STEP[event.key];
      if (delta === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
      if (keepsArrows(event.target)) return;
      event.preventDefault();
      stepScreen(delta);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
