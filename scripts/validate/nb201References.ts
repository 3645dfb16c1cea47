/** The published per-cell NB201 scores in ../shared/data, keyed by our NB201 arch string. */
import type { ProxyId } from '../../src/core/proxies/ids';
import { nb201FromString, nb201ToString } from '../../src/core/spaces/nb201/nb201';
import { cellNumber, readReferenceCsv } from '../kit/referenceData';

export const SUITE_ZERO_FILE = 'proxy_scores_nb201_nbsuitezero_subset.csv';
export const NASWOT_FILE = 'proxy_scores_nb201_naswot_jacov_cifar10.csv';

/** Our proxy id → Suite-Zero's column. */
export const SUITE_ZERO_COLUMNS: Partial<Record<ProxyId, string>> = {
  grad_norm: 'grad_norm',
  snip: 'snip',
  grasp: 'grasp',
  fisher: 'fisher',
  jacob_cov: 'jacov',
  synflow: 'synflow',
  nwot: 'nwot',
  params: 'params',
  flops: 'flops',
};

function canonical(arch: string): string {
  const parsed = nb201FromString(arch);
  if (!parsed.ok) throw new Error(`${arch}: ${parsed.error}`);
  return nb201ToString(parsed.value);
}

const isNaslibSubset = (source: string | undefined) => source?.startsWith('NASLib@') === true;

/** The CIFAR-10 cells of NASLib's Suite-Zero subset (≈725), in file order. */
export function suiteZeroCells(): string[] {
  return readReferenceCsv(SUITE_ZERO_FILE)
    .filter((r) => r.dataset === 'cifar10' && isNaslibSubset(r.source))
    .map((r) => canonical(r.arch!));
}

/** Suite-Zero's CIFAR-10 scores (both of its CIFAR-10 sets; the NASLib subset wins a duplicate). */
export function suiteZeroScores(): Map<string, Record<string, number>> {
  const table = new Map<string, Record<string, number>>();
  const rows = readReferenceCsv(SUITE_ZERO_FILE).filter((r) => r.dataset === 'cifar10');
  // Other sources first so the NASLib subset overwrites them.
  rows.sort((a, b) => Number(isNaslibSubset(a.source)) - Number(isNaslibSubset(b.source)));
  for (const row of rows) {
    const scores: Record<string, number> = {};
    for (const column of Object.values(SUITE_ZERO_COLUMNS)) scores[column] = cellNumber(row[column]);
    table.set(canonical(row.arch!), scores);
  }
  return table;
}

/** NASWOT's first-version jacob_cov score for every cell (NaN for its 341 dead ones). */
export function naswotJacov(): Map<string, number> {
  return new Map(
    readReferenceCsv(NASWOT_FILE).map((r) => [canonical(r.arch!), cellNumber(r.naswot_v1_jacov_score)]),
  );
}
