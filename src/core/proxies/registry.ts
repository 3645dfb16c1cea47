/**
 * Every proxy by id: the only list of proxies. Adding a proxy = one file (its definition, with a
 * `compute` that loads its computation on first use) plus one line here; the ids, their type and
 * their order (the UI's) follow from it.
 */

import { spaceFamily } from '../spaces/registry';
import type { SpaceFamily, SpaceId } from '../spaces/spaceIds';
import { azExpressivityProxy, azProgressivityProxy, azTrainabilityProxy } from './azNas';
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
  az_expressivity: azExpressivityProxy,
  az_progressivity: azProgressivityProxy,
  az_trainability: azTrainabilityProxy,
  params: paramsProxy,
  flops: flopsProxy,
} as const satisfies Record<string, ProxyDefinition>;

/** Proxy ids are fixed: the UI, the cache keys, the share URL and the command line all use them. */
export type ProxyId = keyof typeof PROXY_REGISTRY;

/**
 * A registry made from a table of definitions: its ids (in the table's order), the type guard, the
 * lookup and the parameters a job resolves to. The app has one (PROXIES, from PROXY_REGISTRY); a test
 * can make another with one more line (src/core/proxies/toyProxy.test.ts) and score with it.
 */
export interface ProxyRegistry<Id extends string> {
  readonly ids: readonly Id[];
  has(value: unknown): value is Id;
  get(id: Id): ProxyDefinition;
  /**
   * A proxy's parameters with its registry defaults filled in: those of the job's space family where
   * the proxy declares some (ViTs start from the ViT initialisation), else its own.
   */
  resolvedParams(id: Id, params: ProxyParams, family?: SpaceFamily): ProxyParams;
}

export function defineProxyRegistry<const D extends Record<string, ProxyDefinition>>(
  definitions: D,
): ProxyRegistry<keyof D & string> {
  type Id = keyof D & string;
  const has = (value: unknown): value is Id => typeof value === 'string' && Object.hasOwn(definitions, value);
  const get = (id: Id): ProxyDefinition => {
    const proxy = has(id) ? definitions[id] : undefined;
    if (!proxy) throw new Error(`proxy "${String(id)}" is not implemented yet`);
    return proxy;
  };
  return {
    ids: Object.keys(definitions) as Id[],
    has,
    get,
    resolvedParams(id, params, family) {
      const proxy = get(id);
      return {
        ...proxy.defaults,
        ...(family === undefined ? {} : proxy.familyDefaults?.[family]),
        ...params,
      };
    },
  };
}

/** The app's registry: every proxy above. */
export const PROXIES: ProxyRegistry<ProxyId> = defineProxyRegistry(PROXY_REGISTRY);
export const PROXY_IDS = PROXIES.ids as ProxyId[];

export function isProxyId(value: unknown): value is ProxyId {
  return PROXIES.has(value);
}

export function getProxy(id: ProxyId): ProxyDefinition {
  return PROXIES.get(id);
}

/** PROXIES.resolvedParams: a job's parameters with the registry's defaults filled in. */
export function resolvedParams(id: ProxyId, params: ProxyParams, space?: SpaceId): ProxyParams {
  return PROXIES.resolvedParams(id, params, space === undefined ? undefined : spaceFamily(space));
}
