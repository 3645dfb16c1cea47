/**
 * Every proxy by id: the only list of proxies. Adding a proxy = one file (its definition, with a
 * `compute` that loads its computation on first use) plus one line here; the ids, their type and
 * their order (the UI's) follow from it.
 */

import { type SpaceId, spaceFamily } from '../spaces/spaceIds';
import { fisherProxy } from './fisher';
import { flopsProxy } from './flops';
import { gradAlignDetProxy, gradAlignNormProxy, gradAlignProxy } from './gradAlign';
import { gradNormProxy } from './gradNorm';
import { graspProxy } from './grasp';
import { jacobCovProxy } from './jacobCov';
import { ntkCondProxy } from './ntkCond';
import { ntkSpectrumProxy } from './ntkSpectrum';
import { ntkTraceProxy } from './ntkTrace';
import { nwotProxy } from './nwot';
import { paramsProxy } from './params';
import { snipProxy } from './snip';
import { regSwapProxy, swapProxy } from './swap';
import { synflowProxy } from './synflow';
import type { ProxyDefinition, ProxyParams } from './types';
import { vintkProxy } from './vintk';
import { vintkFfProxy } from './vintkFf';
import { vintkRfpProxy } from './vintkRfp';
import { zicoProxy } from './zico';

export const PROXY_REGISTRY = {
  ntk_cond: ntkCondProxy,
  ntk_trace: ntkTraceProxy,
  ntk_spectrum: ntkSpectrumProxy,
  vintk: vintkProxy,
  vintk_rfp: vintkRfpProxy,
  vintk_ff: vintkFfProxy,
  gradalign: gradAlignProxy,
  gradalign_det: gradAlignDetProxy,
  gradalign_norm: gradAlignNormProxy,
  swap: swapProxy,
  reg_swap: regSwapProxy,
  nwot: nwotProxy,
  grad_norm: gradNormProxy,
  snip: snipProxy,
  grasp: graspProxy,
  fisher: fisherProxy,
  jacob_cov: jacobCovProxy,
  synflow: synflowProxy,
  zico: zicoProxy,
  params: paramsProxy,
  flops: flopsProxy,
} as const satisfies Record<string, ProxyDefinition>;

/** Proxy ids are fixed: the UI, the cache keys, the share URL and the command line all use them. */
export type ProxyId = keyof typeof PROXY_REGISTRY;
export const PROXY_IDS = Object.keys(PROXY_REGISTRY) as ProxyId[];

export function isProxyId(value: unknown): value is ProxyId {
  return typeof value === 'string' && Object.hasOwn(PROXY_REGISTRY, value);
}

export function getProxy(id: ProxyId): ProxyDefinition {
  const proxy = PROXY_REGISTRY[id];
  if (!proxy) throw new Error(`proxy "${id}" is not implemented yet`);
  return proxy;
}

/**
 * A proxy's parameters with its registry defaults filled in: those of the job's space family where
 * the proxy declares some (ViTs start from the ViT initialisation), else its own.
 */
export function resolvedParams(id: ProxyId, params: ProxyParams, space?: SpaceId): ProxyParams {
  const proxy = getProxy(id);
  const family = space === undefined ? undefined : proxy.familyDefaults?.[spaceFamily(space)];
  return { ...proxy.defaults, ...family, ...params };
}
