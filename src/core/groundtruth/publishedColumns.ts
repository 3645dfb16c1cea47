/**
 * Which columns of the shipped table of published NB201 scores (public/data/tables/
 * published-nb201-scores.csv.gz) hold the same proxy as one of ours, and how our scores compare with
 * them on the cells both have: Spearman ρ between ours and the paper's, and each against accuracy.
 * Published values come from other code at another fidelity (the full NB201 network, their batch),
 * so a ρ near 1 between ours and theirs, not equal values, is what agreement looks like. Pure.
 */
import type { ProxyId } from '../proxies/ids';
import { spearman } from '../stats/rankCorrelation';

export interface PublishedSource {
  /** Column prefix in the shipped table, e.g. 'nbsz_naslib.cifar10.'. */
  prefix: string;
  label: string;
}

export const PUBLISHED_SOURCES: readonly PublishedSource[] = [
  { prefix: 'naswot.cifar10.', label: 'NASWOT (Mellor et al. 2021)' },
  { prefix: 'nbsz_naslib.cifar10.', label: 'NAS-Bench-Suite-Zero, NASLib' },
  { prefix: 'nbsz_archviz.cifar10.', label: 'NAS-Bench-Suite-Zero, ArchVizD3 mirror' },
];

/** Our proxy → the column name its published counterpart has after the source prefix. */
const PUBLISHED_NAMES: Partial<Record<ProxyId, string[]>> = {
  jacob_cov: ['jacob_cov', 'jacov'],
  nwot: ['nwot'],
  grad_norm: ['grad_norm'],
  snip: ['snip'],
  grasp: ['grasp'],
  fisher: ['fisher'],
  synflow: ['synflow'],
  params: ['params'],
  flops: ['flops'],
};

export interface PublishedColumn {
  proxy: ProxyId;
  column: string;
  source: string;
}

/** The published columns present in `columns` for each of `proxies`, in source order. */
export function publishedColumnsFor(
  proxies: readonly ProxyId[],
  columns: readonly string[],
): PublishedColumn[] {
  const present = new Set(columns);
  return proxies.flatMap((proxy) =>
    PUBLISHED_SOURCES.flatMap((source) =>
      (PUBLISHED_NAMES[proxy] ?? [])
        .map((name) => `${source.prefix}${name}`)
        .filter((column) => present.has(column))
        .map((column) => ({ proxy, column, source: source.label })),
    ),
  );
}

export interface PublishedComparison extends PublishedColumn {
  /** Cells with a finite score of ours, a published value and (for the last two ρ) an accuracy. */
  n: number;
  /** Spearman ρ between our score and the published one. */
  rhoOursPublished: number;
  /** ρ of ours and of the published score against the accuracy, on the same cells. */
  rhoOursAccuracy: number;
  rhoPublishedAccuracy: number;
}

/**
 * One comparison per published column: `ours` and `accuracy` by architecture, `published` the shipped
 * table's rows. ρ is NaN where fewer than three cells have all three values.
 */
export function comparePublished(
  column: PublishedColumn,
  ours: ReadonlyMap<string, number>,
  accuracy: ReadonlyMap<string, number>,
  published: ReadonlyMap<string, Record<string, number>>,
): PublishedComparison {
  const x: number[] = [];
  const p: number[] = [];
  const a: number[] = [];
  for (const [arch, score] of ours) {
    const theirs = published.get(arch)?.[column.column];
    const acc = accuracy.get(arch);
    if (!Number.isFinite(score) || theirs === undefined || !Number.isFinite(theirs)) continue;
    if (acc === undefined || !Number.isFinite(acc)) continue;
    x.push(score);
    p.push(theirs);
    a.push(acc);
  }
  const rho = (u: number[], v: number[]) => (u.length >= 3 ? spearman(u, v) : Number.NaN);
  return {
    ...column,
    n: x.length,
    rhoOursPublished: rho(x, p),
    rhoOursAccuracy: rho(x, a),
    rhoPublishedAccuracy: rho(p, a),
  };
}
