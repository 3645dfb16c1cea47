/**
 * One unit of scoring work, as the UI, the workers, the cache and the command line all see it.
 * Pure: the same job gives the same value in a worker and in Node on the same backend.
 */
import { nb201Network } from '../nn/nb201Network';
import { FIDELITY_PRESETS, type FidelityPreset } from '../spaces/fidelity';
import { nb201FromIndex } from '../spaces/nb201';
import type { ProxyId } from './ids';
import { getProxy, resolvedParams } from './registry';
import type { ProxyOutput, ProxyParams } from './types';

export interface ScoreJob {
  space: 'nb201';
  /** NB201 cell index (six base-5 op digits). */
  cell: number;
  proxy: ProxyId;
  /** Proxy parameters; missing ones take the registry's defaults. */
  params: ProxyParams;
  seed: number;
  fidelity: FidelityPreset;
  /** 'none' for data-free proxies; later, a dataset batch spec. */
  dataset: 'none';
}

export interface ScoreResult extends ProxyOutput {
  /** tfjs backend that produced the value, read back with tf.getBackend(). */
  backend: string;
  /** Wall time of the computation in milliseconds. */
  ms: number;
}

export async function runScoreJob(job: ScoreJob, backend: string, now: () => number): Promise<ScoreResult> {
  const proxy = getProxy(job.proxy);
  const start = now();
  const output = await proxy.compute({
    network: nb201Network(nb201FromIndex(job.cell), FIDELITY_PRESETS[job.fidelity]),
    seed: job.seed,
    params: resolvedParams(job.proxy, job.params),
  });
  return { ...output, backend, ms: now() - start };
}
