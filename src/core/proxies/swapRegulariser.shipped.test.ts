/**
 * reg_swap with μ, σ from the space (swapRegulariser.ts) on shipped data only: the quick-fidelity
 * swap and params records of the 383 NB201 cells of public/data/prescored/nb201-quick.jsonl.gz
 * give reg_swap = swap · exp(−(P/1000 − μ)²/σ) without recomputing swap (reg_swap shares swap's
 * count), against NAS-Bench-201's CIFAR-10 test accuracy (public/data/tables/nb201.csv.gz), beside
 * nwot's ρ on the same cells (issue 15's target). μ and σ come from the whole space's counts by a
 * rule whose centre and width were chosen on these cells (swapRegulariser.ts). The figures are
 * printed once.
 */
import { describe, expect, it } from 'vitest';
import { readShippedRows } from '../../test/shippedData';
import { readShippedPrescored } from '../../test/shippedPrescored';
import { spearman } from '../stats/rankCorrelation';
import { regSwapProxy } from './swap';
import { derivedRegulariser } from './swapRegulariser';
import { regularFactor } from './swapScore';

const { set, column, record } = readShippedPrescored('nb201-quick');
const cifar10 = new Map(readShippedRows('nb201.csv.gz').map((r) => [r.arch!, Number(r.cifar10_test)]));
const accuracy = set.archs.map((a) => cifar10.get(a) ?? Number.NaN);

const derived = derivedRegulariser({ id: 'nb201', fidelity: set.fidelity });
if (!derived.ok) throw new Error(derived.error);
const { mu, sigma } = derived.value;
const swap = column('swap');
const paramsK = column('params').map((p) => p / 1e3);
const regSwap = swap.map((s, i) => s * regularFactor(paramsK[i]!, mu, sigma));
const rho = {
  regSwapSpace: spearman(regSwap, accuracy),
  regSwapVersion1: spearman(
    swap.map((s, i) => s * regularFactor(paramsK[i]!, 13.3, 100)),
    accuracy,
  ),
  swap: spearman(swap, accuracy),
  nwot: spearman(column('nwot'), accuracy),
};

describe(`reg_swap with the space's μ, σ on the shipped NB201 quick set (${set.archs.length} cells), CIFAR-10 test`, () => {
  const f = (v: number) => v.toFixed(3);
  console.log(
    `reg_swap on nb201-quick (shipped, n ${set.archs.length}): μ ${mu.toFixed(3)}k, σ ${sigma.toFixed(1)} ` +
      `(${derived.value.source})\n  ρ reg_swap (space μ, σ) ${f(rho.regSwapSpace)}; reg_swap v1 (13.3, 100) ` +
      `${f(rho.regSwapVersion1)}; swap ${f(rho.swap)}; nwot ${f(rho.nwot)}`,
  );

  it('has swap, params and nwot for every cell', () => {
    for (const values of [swap, paramsK, column('nwot'), accuracy])
      expect(values.filter(Number.isNaN)).toEqual([]);
  });

  it('ranks better than version 1 (μ 13.3, σ 100), which ranked the smallest cells first', () => {
    expect(rho.regSwapVersion1).toBeLessThan(0);
    expect(rho.regSwapSpace).toBeGreaterThan(rho.regSwapVersion1);
  });

  // These cells (378 of them, the ones that are not validation cells) chose the rule's centre and
  // width (swapRegulariser.ts), so reaching nwot here is not held-out evidence: the quick validation
  // table (docs/validation.md) is. What this shows is that the factor now helps swap instead of hurting it.
  it('lifts swap above swap alone and above nwot on these cells (which chose the rule)', () => {
    expect(rho.regSwapSpace).toBeGreaterThan(rho.swap);
    expect(rho.regSwapSpace).toBeGreaterThan(rho.nwot);
  });

  // The shipped set was rescored with reg_swap version 3 (npm run score, build:prescored): its
  // records are this computation.
  it('matches the shipped reg_swap records', () => {
    const shipped = set.archs.map((a) => record('reg_swap', a));
    for (const [i, e] of shipped.entries()) {
      expect(e?.result.details.mu, set.archs[i]).toBe(mu);
      expect(e?.result.details.sigma).toBe(sigma);
      expect(e?.result.value).toBeCloseTo(regSwap[i]!, 6);
    }
    expect(regSwapProxy.version).toBe(3);
  });
});
