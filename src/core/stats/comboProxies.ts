/**
 * The combo (combo.ts) over proxy scores: each component's direction comes from the proxy registry.
 * The Explorer computes it on the page from the scores it holds; the CLI and the validation from
 * score files.
 */
import { isProxyId, type ProxyId } from '../proxies/ids';
import { getProxy } from '../proxies/registry';
import { comboScores } from './combo';

/** The registry's direction for a proxy id; a RangeError for anything that is not one. */
export function proxyHigherIsBetter(id: string): boolean {
  if (!isProxyId(id)) throw new RangeError(`"${id}" is not a proxy`);
  return getProxy(id).higherIsBetter;
}

/**
 * The combo of each candidate from its proxy scores (a missing score is a gap: that candidate gets
 * NaN and the others are ranked among themselves).
 */
export function proxyCombo(
  candidates: readonly Partial<Record<ProxyId, number>>[],
  components: readonly ProxyId[],
): number[] {
  const scores = new Map(components.map((p) => [p, candidates.map((c) => c[p] ?? Number.NaN)] as const));
  return comboScores(scores, proxyHigherIsBetter);
}
