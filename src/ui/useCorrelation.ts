/**
 * ρ and τ of paired values for a view: the estimates in this render, the bootstrap intervals when
 * the statistics worker has them (stale answers, for inputs since replaced, are dropped).
 */
import { useEffect, useMemo, useState } from 'react';
import { correlationIntervals } from '../compute/statsClient';
import { type CorrelationSummary, correlationEstimates } from '../core/stats/correlationSummary';

export function useCorrelation(x: readonly number[], y: readonly number[]): CorrelationSummary {
  const estimates = useMemo(() => correlationEstimates(x, y), [x, y]);
  const [answer, setAnswer] = useState<{
    x: readonly number[];
    y: readonly number[];
    value: CorrelationSummary;
  }>();
  useEffect(() => {
    if (estimates.intervals === 'done') return;
    let live = true;
    void correlationIntervals(x, y).then((value) => {
      if (live) setAnswer({ x, y, value });
    });
    return () => {
      live = false;
    };
  }, [x, y, estimates]);
  return answer && answer.x === x && answer.y === y ? answer.value : estimates;
}
