/**
 * The ViNTK evidence on OoD-ViT-NAS's AutoFormer-Tiny networks, from `npm run score` records:
 * per reading (a proxy at given parameters), Spearman ρ and Kendall τ against ImageNet top-1 and
 * OoD accuracy with seeded percentile-bootstrap 95 % intervals, ρ partialled on the parameter
 * count, the agreement of two initialisations, and paired differences against ntk_cond.
 * Pure: the caller reads the files.
 */

import type { ProxyId } from '../../src/core/proxies/ids';
import { getProxy, PROXY_REGISTRY } from '../../src/core/proxies/registry';
import {
  type BootstrapInterval,
  bootstrapKendall,
  bootstrapPaired,
  bootstrapSpearman,
} from '../../src/core/stats/bootstrap';
import { bootstrapPartialSpearman } from '../../src/core/stats/partialSpearman';
import { kendallTauB, spearman } from '../../src/core/stats/rankCorrelation';
import type { ScoreRecord } from '../scoreInProcess';
import type { OodNetwork } from './oodTable';

/** Published Kendall τ against OoD accuracy (OoD-ViT-NAS, Ma et al. 2024, over its AutoFormer subnets). */
export const OOD_PUBLISHED_TAU = [
  { measure: '#params', tau: 0.36 },
  { measure: 'FLOPs', tau: 0.35 },
  { measure: 'DSS', tau: 0.34 },
  { measure: 'AutoProx', tau: 0.33 },
  { measure: 'SNIP', tau: 0.29 },
] as const;

export const OOD_TARGETS = ['imagenet', 'ood'] as const;
export type OodTarget = (typeof OOD_TARGETS)[number];

export interface ReadingValues {
  id: string;
  proxy: string;
  /** The parameters the jobs named (the rest at the registry's defaults). */
  params: Record<string, unknown>;
  /** Sign-adjusted so higher means predicted better, by architecture text. */
  values: Map<string, number>;
  /** Sign-adjusted score of each initialisation, where the record keeps them. */
  perInit: Map<string, number[]>;
}

function paramsText(params: Record<string, unknown>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join(' ');
}

export function readingId(proxy: string, params: Record<string, unknown>): string {
  const text = paramsText(params);
  return text === '' ? proxy : `${proxy} ${text}`;
}

function numbers(value: unknown): number[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'number') ? (value as number[]) : null;
}

/**
 * −log10 κ per init: directly, vintk's (1−α)·lo + α·hi mix of its two runs, or vintk_ff's mapped
 * run (mixed with the plain one when α < 1).
 */
function scorePerInit(details: ScoreRecord['details']): number[] | null {
  if (!details) return null;
  const ff = numbers(details.log10KappaPerInitFf);
  if (ff) {
    const a = typeof details.alpha === 'number' ? details.alpha : 1;
    if (a === 1) return ff.map((k) => -k);
    const plain = numbers(details.log10KappaPerInit);
    return plain && plain.length === ff.length ? ff.map((k, i) => -((1 - a) * plain[i]! + a * k)) : null;
  }
  const direct = numbers(details.log10KappaPerInit);
  if (direct) return direct.map((k) => -k);
  const lo = numbers(details.log10KappaPerInitLo);
  const hi = numbers(details.log10KappaPerInitHi);
  const alpha = typeof details.alpha === 'number' ? details.alpha : Number.NaN;
  if (!lo || !hi || lo.length !== hi.length || !Number.isFinite(alpha)) return null;
  return lo.map((l, i) => -((1 - alpha) * l + alpha * hi[i]!));
}

/** Groups records into readings; failed and non-finite records are left out (n says how many remain). */
export function readingsOf(records: readonly ScoreRecord[]): ReadingValues[] {
  const byId = new Map<string, ReadingValues>();
  for (const r of records) {
    if (r.value === null || !Number.isFinite(r.value) || !(r.proxy in PROXY_REGISTRY)) continue;
    const params = { ...r.job.params };
    const id = readingId(r.proxy, params);
    let reading = byId.get(id);
    if (!reading) {
      reading = { id, proxy: r.proxy, params, values: new Map(), perInit: new Map() };
      byId.set(id, reading);
    }
    const sign = getProxy(r.proxy as ProxyId).higherIsBetter ? 1 : -1;
    reading.values.set(r.arch, sign * r.value);
    const inits = scorePerInit(r.details);
    if (inits)
      reading.perInit.set(
        r.arch,
        inits.map((v) => sign * v),
      );
  }
  return [...byId.values()];
}

export interface TargetFigures {
  rho: BootstrapInterval;
  tau: BootstrapInterval;
  /** ρ partialled on the table's parameter count. */
  partialRho: BootstrapInterval;
}

export interface ReadingFigures {
  id: string;
  n: number;
  targets: Record<OodTarget, TargetFigures>;
  /** ρ between the scores of the first two initialisations (null where not kept). */
  initAgreement: { rho: number; n: number } | null;
}

const BOOT = { seed: 2026 } as const;

function column(networks: readonly OodNetwork[], pick: (n: OodNetwork) => number): number[] {
  return networks.map(pick);
}

export function figuresFor(
  id: string,
  values: ReadonlyMap<string, number>,
  perInit: ReadonlyMap<string, number[]>,
  networks: readonly OodNetwork[],
): ReadingFigures {
  const scored = networks.filter((n) => Number.isFinite(values.get(n.arch)));
  const x = column(scored, (n) => values.get(n.arch)!);
  const params = column(scored, (n) => n.paramsM);
  const targets = {} as Record<OodTarget, TargetFigures>;
  for (const target of OOD_TARGETS) {
    const y = column(scored, (n) => n[target]);
    targets[target] = {
      rho: bootstrapSpearman(x, y, BOOT),
      tau: bootstrapKendall(x, y, BOOT),
      partialRho: bootstrapPartialSpearman(x, y, params, BOOT),
    };
  }
  const twoInits = scored.filter((n) => (perInit.get(n.arch)?.length ?? 0) >= 2);
  const initAgreement =
    twoInits.length >= 3
      ? {
          rho: spearman(
            twoInits.map((n) => perInit.get(n.arch)![0]!),
            twoInits.map((n) => perInit.get(n.arch)![1]!),
          ),
          n: twoInits.length,
        }
      : null;
  return { id, n: scored.length, targets, initAgreement };
}

/**
 * Paired bootstrap of τ(a, target) − τ(b, target) over the networks both readings scored: rows are
 * resampled together, so the interval reflects that the two proxies see the same networks.
 */
export function pairedTauDifference(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  networks: readonly OodNetwork[],
  target: OodTarget,
): BootstrapInterval {
  const both = networks.filter((n) => Number.isFinite(a.get(n.arch)) && Number.isFinite(b.get(n.arch)));
  const rows = both.map((_, i) => i);
  const y = both.map((n) => n[target]);
  const xa = both.map((n) => a.get(n.arch)!);
  const xb = both.map((n) => b.get(n.arch)!);
  const statistic = (sample: readonly number[]) => {
    const ys = sample.map((i) => y[i]!);
    return (
      kendallTauB(
        sample.map((i) => xa[i]!),
        ys,
      ) -
      kendallTauB(
        sample.map((i) => xb[i]!),
        ys,
      )
    );
  };
  return bootstrapPaired(rows, rows, statistic, { ...BOOT, resamples: 500 });
}

/** Agreement of the mean of two disjoint sets of initialisations (two runs with different seeds). */
export function averagedInitAgreement(
  first: ReadonlyMap<string, number>,
  second: ReadonlyMap<string, number>,
): { rho: number; n: number } {
  const archs = [...first.keys()].filter((a) => Number.isFinite(second.get(a)));
  return {
    rho: spearman(
      archs.map((a) => first.get(a)!),
      archs.map((a) => second.get(a)!),
    ),
    n: archs.length,
  };
}

export type Comparison = 'better' | 'worse' | 'indistinguishable';

export function compare(difference: BootstrapInterval): Comparison {
  if (difference.low > 0) return 'better';
  if (difference.high < 0) return 'worse';
  return 'indistinguishable';
}
