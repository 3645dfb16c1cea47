/**
 * Proxy ids are fixed: the UI, the cache keys, the share URL and the command line all use them.
 * The registry (registry.ts) holds the metadata; this list only names what exists.
 */
export const PROXY_IDS = [
  'ntk_cond',
  'ntk_trace',
  'ntk_spectrum',
  'vintk',
  'vintk_rfp',
  'vintk_ff',
  'gradalign',
  'gradalign_det',
  'gradalign_norm',
  'swap',
  'reg_swap',
  'nwot',
  'grad_norm',
  'snip',
  'grasp',
  'fisher',
  'jacob_cov',
  'synflow',
  'zico',
  'params',
  'flops',
] as const;

export type ProxyId = (typeof PROXY_IDS)[number];

/** Proxies with an implementation (registry.ts): all of them. Kept apart so an id can be reserved first. */
export const IMPLEMENTED_PROXY_IDS: readonly ProxyId[] = PROXY_IDS;

export function isProxyId(value: unknown): value is ProxyId {
  return typeof value === 'string' && (PROXY_IDS as readonly string[]).includes(value);
}
