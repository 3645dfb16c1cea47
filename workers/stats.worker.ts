/// <reference lib="webworker" />
/**
 * Worker entry: bootstrap intervals of rank correlations, off the page's thread (a Kendall bootstrap
 * over a whole search space takes seconds; even a small one is a frame's worth of work per update).
 */
import { expose } from 'comlink';
import { type CorrelationSummary, correlationWithIntervals } from '../src/core/stats/correlationSummary';

const api = {
  correlation(x: Float64Array, y: Float64Array): CorrelationSummary {
    return correlationWithIntervals(Array.from(x), Array.from(y));
  },
};

export type StatsWorkerApi = typeof api;

expose(api);
