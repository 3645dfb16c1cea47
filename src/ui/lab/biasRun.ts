/**
 * A lab fit streamed from the worker into React state (panels 1 and 2): records arrive through a
 * comlink callback and are flushed to the view at most every FLUSH_MS; a newer run, Cancel, or
 * leaving the panel stops the old one, and records of a superseded run are dropped. Optionally the
 * run starts by itself shortly after its configuration (the key) settles.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { cancelLab } from '../../compute/labClient';
import type { LabFitStatus } from '../../core/lab/fitLoop';

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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useStreamedRun<R extends { iteration: number }>(
  key: string,
  launch: Launch<R> | null,
  auto: boolean,
  delayMs = 250,
): StreamedRun<R> {
  const [status, setStatus] = useState<StreamStatus>('idle');
  const [records, setRecords] = useState<R[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [itPerSec, setItPerSec] = useState<number | null>(null);
  const [seconds, setSeconds] = useState<number | null>(null);
  const generation = useRef(0);
  const running = useRef(false);
  const launchRef = useRef(launch);
  launchRef.current = launch;

  const start = useCallback(() => {
    const go = launchRef.current;
    if (!go) return;
    const mine = ++generation.current;
    const live = () => generation.current === mine;
    running.current = true;
    const buffer: R[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstAt: { iteration: number; ms: number } | null = null;
    let rate: number | null = null;
    const flush = () => {
      timer = undefined;
      if (!live()) return;
      setRecords([...buffer]);
      setItPerSec(rate);
    };
    const begun = performance.now();
    setStatus('running');
    setRecords([]);
    setError(null);
    setItPerSec(null);
    setSeconds(null);
    go((record) => {
      if (!live()) return;
      const now = performance.now();
      if (!firstAt) firstAt = { iteration: record.iteration, ms: now };
      else if (now > firstAt.ms) rate = ((record.iteration - firstAt.iteration) * 1000) / (now - firstAt.ms);
      buffer.push(record);
      timer ??= setTimeout(flush, FLUSH_MS);
    }).then(
      (result) => {
        if (!live()) return;
        running.current = false;
        if (timer) clearTimeout(timer);
        flush();
        setSeconds((performance.now() - begun) / 1000);
        setStatus(result.status);
      },
      (e: unknown) => {
        if (!live()) return;
        running.current = false;
        if (timer) clearTimeout(timer);
        flush();
        setError(messageOf(e));
        setStatus('error');
      },
    );
  }, []);

  const cancel = useCallback(() => {
    if (running.current) cancelLab();
  }, []);

  // A new configuration supersedes the running fit (and clears its records); with `auto`, the new
  // one starts by itself.
  useEffect(() => {
    const timer = auto && launchRef.current ? setTimeout(start, delayMs) : undefined;
    return () => {
      if (timer) clearTimeout(timer);
      generation.current++;
      if (running.current) {
        running.current = false;
        cancelLab();
      }
      // What is shown always belongs to the configuration now set.
      setStatus('idle');
      setRecords([]);
      setItPerSec(null);
      setSeconds(null);
      setError(null);
    };
  }, [key, auto, delayMs, start]);

  return { status, records, error, itPerSec, seconds, start, cancel };
}
