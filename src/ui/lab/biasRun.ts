/**
 * A lab fit streamed from the worker into React state (panels 1 and 2): records arrive through a
 * comlink callback and are flushed to the view at most every FLUSH_MS; a newer run, Cancel, or
 * leaving the panel stops the old one, and records of a superseded run are dropped. Optionally the
 * run starts by itself shortly after its configuration (the key) settles.
 */
import { useEffect, useMemo, useState } from 'react';
import type { LabFitStatus } from '../../core/lab/fitLoop';
import { type RunContext, type RunPhase, useWorkerRun } from './useWorkerRun';

export type StreamStatus = 'idle' | 'running' | LabFitStatus | 'error';

export interface StreamedRun<R> {
  status: StreamStatus;
  records: R[];
  error: string | null;
  /** Iterations per second measured between the first and the latest record (null before two). */
  itPerSec: number | null;
  /** Wall-clock seconds from pressing Run (or the auto start) to the end, once finished. */
  seconds: number | null;
  start(): void;
  cancel(): void;
}

export type Launch<R> = (
  onRecord: (record: R) => void,
) => Promise<{ status: LabFitStatus; iterations: number }>;

const FLUSH_MS = 60;

/** A fit not yet finished, as its run bar names it (one due to start by itself still reads idle). */
const STREAM_STATUS: Record<Exclude<RunPhase, 'finished'>, StreamStatus> = {
  idle: 'idle',
  waiting: 'idle',
  running: 'running',
  error: 'error',
};

/** The lab's one run contract (useWorkerRun.ts), with the fit's records streamed into state. */
export function useStreamedRun<R extends { iteration: number }>(
  key: string,
  launch: Launch<R> | null,
  auto: boolean,
  delayMs = 250,
): StreamedRun<R> {
  const [records, setRecords] = useState<R[]>([]);
  const [itPerSec, setItPerSec] = useState<number | null>(null);

  const run = useMemo(() => {
    if (!launch) return null;
    return (ctx: RunContext) => {
      const buffer: R[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      let firstAt: { iteration: number; ms: number } | null = null;
      let rate: number | null = null;
      const flush = () => {
        timer = undefined;
        if (!ctx.live()) return;
        setRecords([...buffer]);
        setItPerSec(rate);
      };
      setRecords([]);
      setItPerSec(null);
      const flushNow = () => {
        if (timer) clearTimeout(timer);
        flush();
      };
      return launch((record) => {
        if (!ctx.live()) return;
        const now = performance.now();
        if (!firstAt) firstAt = { iteration: record.iteration, ms: now };
        else if (now > firstAt.ms)
          rate = ((record.iteration - firstAt.iteration) * 1000) / (now - firstAt.ms);
        buffer.push(record);
        timer ??= setTimeout(flush, FLUSH_MS);
      }).then(
        (result) => {
          flushNow();
          return result.status;
        },
        (e: unknown) => {
          flushNow();
          throw e;
        },
      );
    };
  }, [launch]);

  const shared = useWorkerRun(key, run, { auto, delayMs });
  // What is shown always belongs to the configuration now set.
  useEffect(() => {
    setRecords([]);
    setItPerSec(null);
  }, [key]);

  const status: StreamStatus =
    shared.phase === 'finished' ? (shared.outcome ?? 'done') : STREAM_STATUS[shared.phase];
  return {
    status,
    records,
    error: shared.error,
    itPerSec,
    seconds: shared.wallMs === null ? null : shared.wallMs / 1000,
    start: shared.start,
    cancel: shared.cancel,
  };
}
