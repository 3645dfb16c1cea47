/**
 * The one contract of every lab panel's worker run: run in the lab worker, let a newer
 * configuration (its key) or leaving the panel supersede the run (the worker is asked to stop and
 * late results of the old run are dropped), Cancel, time it, and turn a worker error into plain text.
 * A panel either starts by itself once its configuration settles (`auto`) or on a button (`start`).
 * What a run shows while it goes (streamed records, progress) is the caller's, kept through
 * RunContext.live(); spectrumKit's useLabRun and biasRun's useStreamedRun are its two shapes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { cancelLab } from '../../compute/labClient';

export type RunPhase = 'idle' | 'waiting' | 'running' | 'finished' | 'error';

export interface RunContext {
  /** False once a newer configuration (or unmounting) has superseded this run: drop its results. */
  live(): boolean;
  /** True once the user pressed Cancel: start no further step. */
  stopped(): boolean;
}

export interface WorkerRun<T> {
  /** 'waiting': an automatic start is due once the configuration settles. */
  phase: RunPhase;
  /** What the finished run resolved with (null before it finishes). */
  outcome: T | null;
  /** Plain text of what the worker threw, when phase is 'error'. */
  error: string | null;
  /** Milliseconds from the start of the run to its end (null while running). */
  wallMs: number | null;
  /** Whether Cancel was pressed during the run that finished. */
  stopped: boolean;
  start(): void;
  cancel(): void;
}

export interface WorkerRunOptions {
  /** Start by itself `delayMs` after the key last changed. */
  auto: boolean;
  delayMs: number;
}

/** Plain text of whatever the worker threw (comlink rebuilds Errors with their message). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useWorkerRun<T>(
  key: string,
  run: ((ctx: RunContext) => Promise<T>) | null,
  { auto, delayMs }: WorkerRunOptions,
): WorkerRun<T> {
  const [phase, setPhase] = useState<RunPhase>('idle');
  const [outcome, setOutcome] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [wallMs, setWallMs] = useState<number | null>(null);
  const [stoppedShown, setStoppedShown] = useState(false);
  const generation = useRef(0);
  const running = useRef(false);
  const stopped = useRef(false);
  const runRef = useRef(run);
  runRef.current = run;

  const start = useCallback(() => {
    const go = runRef.current;
    if (!go) return;
    const mine = ++generation.current;
    const live = () => generation.current === mine;
    stopped.current = false;
    running.current = true;
    setPhase('running');
    setOutcome(null);
    setError(null);
    setWallMs(null);
    setStoppedShown(false);
    const begun = performance.now();
    go({ live, stopped: () => stopped.current }).then(
      (result) => {
        if (!live()) return;
        running.current = false;
        setWallMs(performance.now() - begun);
        setStoppedShown(stopped.current);
        setOutcome(() => result);
        setPhase('finished');
      },
      (e: unknown) => {
        if (!live()) return;
        running.current = false;
        setError(messageOf(e));
        setPhase('error');
      },
    );
  }, []);

  // A new configuration supersedes the running one; with `auto`, the new one starts once it settles.
  useEffect(() => {
    const due = auto && runRef.current !== null;
    setPhase(due ? 'waiting' : 'idle');
    setOutcome(null);
    setError(null);
    setWallMs(null);
    const timer = due ? setTimeout(start, delayMs) : undefined;
    return () => {
      if (timer) clearTimeout(timer);
      generation.current++;
      if (running.current) {
        running.current = false;
        cancelLab();
      }
    };
  }, [key, auto, delayMs, start]);

  const cancel = useCallback(() => {
    stopped.current = true;
    if (running.current) cancelLab();
  }, []);

  return { phase, outcome, error, wallMs, stopped: stoppedShown, start, cancel };
}
