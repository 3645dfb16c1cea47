/** Every implemented proxy by id. Adding a proxy = one file plus one line here. */
import type { ProxyId } from './ids';
import { paramsProxy } from './params';
import { synflowProxy } from './synflow';
import type { ProxyDefinition, ProxyParams } from './types';

export const PROXY_REGISTRY: Partial<Record<ProxyId, ProxyDefinition>> = {
  params: paramsProxy,
  synflow: synflowProxy,
};

export function getProxy(id: ProxyId): ProxyDefinition {
  const proxy = PROXY_REGISTRY[id];
  if (!proxy) throw new Error(`proxy "${id}" is not implemented yet`);
  return proxy;
}

/** A proxy's parameters with its registry defaults filled in. */
export function resolvedParams(id: ProxyId, params: ProxyParams): ProxyParams {
  return { ...getProxy(id).defaults, ...params };
}
