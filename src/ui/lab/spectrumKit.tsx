/**
 * What the NTK panels (3–5) share: a debounced worker run that a newer configuration supersedes, the
 * run bar (computing…, progress, Cancel, the worker's error as plain text), a number field that keeps
 * what the user typed and says in words why it was not used, and the log-scale width slider.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { WIDTH_EXPONENTS, widthExponent } from './spectrumConfig';
import { type RunContext, type RunPhase, useWorkerRun } from './useWorkerRun';

export type RunState = 'waiting' | 'computing' | 'done' | 'cancelled' | 'error';

export interface LabRun {
  state: RunState;
  error: string | null;
  /** Milliseconds from the start of the run to its end (null while running). */
  wallMs: number | null;
  cancel(): void;
}

/** The run bar's words for the run's phase before it finishes (an idle panel waits for its settings). */
const LAB_STATE: Record<Exclude<RunPhase, 'finished'>, RunState> = {
  idle: 'waiting',
  waiting: 'waiting',
  running: 'computing',
  error: 'error',
};

/**
 * Runs `start` `delayMs` after the last change of `key` (a serialised configuration), through the
 * lab's one run contract (useWorkerRun.ts): a change while a run is going stops it and drops its
 * late results. A run that ends after Cancel reads 'cancelled' (showing what was reached).
 */
export function useLabRun(
  key: string,
  start: (ctx: RunContext) => Promise<'done' | 'cancelled'>,
  delayMs = 300,
): LabRun {
  const run = useWorkerRun(key, start, { auto: true, delayMs });
  const state: RunState =
    run.phase !== 'finished'
      ? LAB_STATE[run.phase]
      : run.outcome === 'done' && !run.stopped
        ? 'done'
        : 'cancelled';
  return { state, error: run.error, wallMs: run.wallMs, cancel: run.cancel };
}

export interface RunBarProps {
  run: LabRun;
  /** What the run is doing now, e.g. "width 256: 3 of 9". */
  progress?: string;
  /** Fraction done in [0, 1], when known. */
  fraction?: number;
  testId: string;
}

const STATE_TEXT: Record<RunState, string> = {
  waiting: 'waiting for the settings to settle…',
  computing: 'computing…',
  done: 'done',
  cancelled: 'cancelled: showing what was reached',
  error: 'stopped by an error',
};

export function RunBar({ run, progress, fraction, testId }: RunBarProps) {
  return (
    <div className="lab-run" data-testid={testId} data-state={run.state} data-wall-ms={run.wallMs ?? ''}>
      <span className="lab-run-state" aria-live="polite">
        {STATE_TEXT[run.state]}
        {run.state === 'done' && run.wallMs !== null && ` in ${(run.wallMs / 1000).toFixed(1)} s`}
      </span>
      {run.state === 'computing' && fraction !== undefined && (
        <progress max={1} value={Math.min(1, Math.max(0, fraction))} />
      )}
      {progress && (run.state === 'computing' || run.state === 'cancelled') && (
        <span className="lab-run-progress">{progress}</span>
      )}
      {run.state === 'computing' && (
        <button type="button" onClick={run.cancel} data-testid={`${testId}-cancel`}>
          Cancel
        </button>
      )}
      {run.error && (
        <p className="notice error" role="alert" data-testid={`${testId}-error`}>
          {run.error}
        </p>
      )}
    </div>
  );
}

export interface NumberFieldProps {
  label: ReactNode;
  /** Name used in the message when the input is refused. */
  name: string;
  value: number;
  min: number;
  max: number;
  integer?: boolean;
  onCommit(value: number): void;
  testId: string;
  title?: string;
}

/**
 * A number input that commits on Enter or blur. Text that is not a usable value stays in the box
 * (nothing typed is lost) with a plain message saying what is allowed; the setting keeps its value.
 */
export function NumberField({
  label,
  name,
  value,
  min,
  max,
  integer = true,
  onCommit,
  testId,
  title,
}: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setText(String(value));
    setProblem(null);
  }, [value]);
  const commit = () => {
    const trimmed = text.trim();
    const parsed = Number(trimmed);
    const kind = integer ? 'a whole number' : 'a number';
    if (trimmed === '' || !Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
      setProblem(`${name} must be ${kind} from ${min} to ${max}; "${trimmed}" was not used.`);
    } else if (parsed < min || parsed > max) {
      setProblem(`${name} must be from ${min} to ${max}; ${parsed} was not used.`);
    } else {
      setProblem(null);
      if (parsed !== value) onCommit(parsed);
    }
  };
  return (
    <span className="lab-field">
      <label title={title}>
        {label}
        <input
          type="text"
          inputMode={integer ? 'numeric' : 'decimal'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
          aria-invalid={problem !== null}
          data-testid={testId}
        />
      </label>
      {problem && (
        <span className="lab-field-problem" role="alert" data-testid={`${testId}-problem`}>
          {problem}
        </span>
      )}
    </span>
  );
}

/** Hidden width on a log scale: one stop per power of two. */
export function WidthSlider({
  width,
  onCommit,
  testId,
}: {
  width: number;
  onCommit(width: number): void;
  testId: string;
}) {
  const exponent = widthExponent(width);
  const exact = 2 ** exponent === width;
  return (
    <label className="lab-width" title="Hidden width: one stop per power of two">
      width
      <input
        type="range"
        min={WIDTH_EXPONENTS.min}
        max={WIDTH_EXPONENTS.max}
        step={1}
        value={exponent}
        onChange={(e) => onCommit(2 ** Number(e.target.value))}
        aria-valuetext={`width ${width}`}
        data-testid={testId}
        data-width={width}
      />
      <output data-testid={`${testId}-value`}>{width}</output>
      {!exact && <span className="meta"> (from the link; the slider moves in powers of two)</span>}
    </label>
  );
}

/** JSON with every number at full precision (what the e2e test compares). */
export function numbersAttribute(values: ArrayLike<number>): string {
  return JSON.stringify(Array.from(values));
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** 12 → "₁₂", for λ₁₂ and v₁₂. */
export function subscript(n: number): string {
  return [...String(n)].map((d) => SUBSCRIPT_DIGITS[Number(d)] ?? d).join('');
}
