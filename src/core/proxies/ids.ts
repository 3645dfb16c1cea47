/**
 * The proxy ids, for modules that only need the names: they come from the registry (registry.ts),
 * the one list of proxies.
 */
import { PROXY_IDS, type ProxyId } from './registry';

export { isProxyId, PROXY_IDS, type ProxyId } from './registry';

/** Proxies with an implementation: all of them (every registry entry has one). */
export const IMPLEMENTED_PROXY_IDS: readonly ProxyId[] = PROXY_IDS;
