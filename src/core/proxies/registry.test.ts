/**
 * The registry is the one list of proxies: the ids come from it, each entry names itself, and the
 * order is the one the UI shows.
 */
import { describe, expect, it } from 'vitest';
import { IMPLEMENTED_PROXY_IDS, isProxyId, PROXY_IDS } from './ids';
import { getProxy, PROXY_REGISTRY } from './registry';

describe('the proxy registry', () => {
  it('gives every entry under its own id, and the ids in the order listed', () => {
    for (const [key, definition] of Object.entries(PROXY_REGISTRY)) expect(definition.id).toBe(key);
    expect(PROXY_IDS).toEqual(Object.keys(PROXY_REGISTRY));
    expect(IMPLEMENTED_PROXY_IDS).toEqual(PROXY_IDS);
    expect(PROXY_IDS.slice(0, 3)).toEqual(['ntk_cond', 'ntk_trace', 'ntk_spectrum']);
    expect(new Set(PROXY_IDS).size).toBe(PROXY_IDS.length);
  });

  it('knows its own ids and nothing else, prototype keys included', () => {
    for (const id of PROXY_IDS) expect(isProxyId(id)).toBe(true);
    for (const other of ['', 'NTK_COND', 'toString', '__proto__', 'constructor', 3, null]) {
      expect(isProxyId(other)).toBe(false);
    }
    expect(() => getProxy('nope' as never)).toThrow(/not implemented/);
  });
});
