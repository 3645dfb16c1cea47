/**
 * What the NTK panels (3–5) share: a debounced worker run that a newer configuration supersedes, the
 * run bar (computing…, progress, Cancel, the worker's error as plain text), a number field that keeps
 * what the user typed and says in words why it was not used, and the log-scale width slider.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { cancelLab } from '../../compute/labClient';
import { WIDTH_EXPONENTS, widthExponent } from './spectrumConfig';

export type RunState = 'waiting' | 'computing' | 'done' | 'cancelled' | 'error';

export interface RunContext {
  /** False once a newer configuration (or unmounting) has superseded this run: drop its results. */
  live(): boolean;
  /** True once the user pressed Cancel: start no further step. */
  stopped(): boolean;
}

export interface LabRun {
  state: RunState;
  error: string | null;
  /** Milliseconds from the start of the run to its end (null while running). */
  wallMs: number | null;
  cancel(): void;
}

/** Plain text of whatever the worker threw (comlink rebuilds Errors with their message). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Runs `start` `delayMs` after the last change of `key` (a serialised configuration). A change while
 * a run is going asks the worker to stop it (the worker also aborts a run when a new one starts) and
 * marks it superseded, so its late records are dropped.
 */
export function useLabRun(
  key: string,
  start: (ctx: RunContext) => Promise<'done' | 'cancelled'>,
  delayMs = 300,
): LabRun {
  const [state, setState] = useState<RunState>('waiting');
  const [error, setError] = useState<string | null>(null);
  const [wallMs, setWallMs] = useState<number | null>(null);
  const generation = useRef(0);
  const running = useRef(false);
  const stopped = useRef(false);
  const startRef = useRef(start);
  startRef.current = start;

  // The run restarts when the configuration's key changes; `start` is read through a ref.
  useEffect(() => {
    setState('waiting');
    const timer = setTimeout(() => {
      const mine = ++generation.current;
      const live = () => generation.current === mine;
      stopped.current = false;
      running.current = true;
      setState('computing');
      setError(null);
      setWallMs(null);
      const begun = performance.now();
      startRef.current({ live, stopped: () => stopped.current }).then(
        (status) => {
          if (!live()) return;
          running.current = false;
          setWallMs(performance.now() - begun);
          setState(status === 'done' && !stopped.current ? 'done' : 'cancelled');
        },
        (e: unknown) => {
          if (!live()) return;
          running.current = false;
          setError(messageOf(e));
          setState('error');
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      generation.current++;
      if (running.current) {
        running.current = false;
        cancelLab();
      }
    };
  }, [key, delayMs]);

  return {
    state,
    error,
    wallMs,
    cancel: () => {
      stopped.current = true;
      cancelLab();
    },
  };
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
