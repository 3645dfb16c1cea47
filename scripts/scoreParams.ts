/**
 * The command line's proxy parameters: `--param key=value` sets `key` for every chosen proxy that
 * has such a parameter; `--param proxy.key=value` sets it for that proxy alone. Values that read as
 * numbers become numbers, true/false booleans, anything else stays text (the proxy itself checks
 * ranges and says what it accepts).
 */
import type { ProxyId } from '../src/core/proxies/ids';
import { getProxy } from '../src/core/proxies/registry';
import type { ProxyParams, ProxyParamValue } from '../src/core/proxies/types';

function paramValue(text: string): ProxyParamValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** A proxy's parameter names: its defaults' and those of any space family. */
function parameterNames(id: ProxyId): Set<string> {
  const proxy = getProxy(id);
  const names = new Set(Object.keys(proxy.defaults));
  for (const family of Object.values(proxy.familyDefaults ?? {})) {
    for (const name of Object.keys(family)) names.add(name);
  }
  return names;
}

export function proxyParamsFromArgs(
  given: readonly string[],
  proxies: readonly ProxyId[],
): { ok: true; value: Map<ProxyId, ProxyParams> } | { ok: false; error: string } {
  const out = new Map<ProxyId, Record<string, ProxyParamValue>>(proxies.map((p) => [p, {}]));
  for (const item of given) {
    const match = /^(?:([a-z0-9_]+)\.)?([A-Za-z][A-Za-z0-9_]*)=(.*)$/.exec(item);
    if (!match) return { ok: false, error: `--param "${item}" must be key=value or proxy.key=value` };
    const [, proxy, key, text] = match as unknown as [string, string | undefined, string, string];
    const targets = proxy === undefined ? proxies : proxies.filter((p) => p === proxy);
    if (proxy !== undefined && targets.length === 0) {
      return { ok: false, error: `--param ${item}: ${proxy} is not one of --proxies (${proxies.join(',')})` };
    }
    const having = targets.filter((p) => parameterNames(p).has(key));
    if (having.length === 0) {
      return {
        ok: false,
        error: `--param ${item}: no chosen proxy has a parameter "${key}" (${targets
          .map((p) => `${p}: ${[...parameterNames(p)].join(', ') || 'none'}`)
          .join('; ')})`,
      };
    }
    for (const p of having) out.get(p)![key] = paramValue(text);
  }
  return { ok: true, value: out };
}
