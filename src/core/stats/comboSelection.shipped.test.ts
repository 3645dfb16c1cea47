/**
 * The combo on shipped data only: our quick-fidelity scores of 383 NB201 cells × 22 proxies
 * (public/data/prescored/nb201-quick.jsonl.gz) against NAS-Bench-201's CIFAR-10 test accuracy
 * (public/data/tables/nb201.csv.gz). Components are chosen on one seeded half of the cells and judged
 * on the other; the baseline is the single proxy that is best on the selection half, judged the same
 * way. The figures are printed once.
 */
import { describe, expect, it } from 'vitest';
import { readShippedRows } from '../../test/shippedData';
import { readShippedPrescored } from '../../test/shippedPrescored';
import { NB201_QUICK_COMBO_COMPONENTS } from './comboDefaults';
import { proxyHigherIsBetter } from './comboProxies';
import { comboRho, selectCombo } from './comboSelection';

const { set, column } = readShippedPrescored('nb201-quick');
const scores = new Map(set.proxies.map((p) => [p, column(p)] as const));
const cifar10 = new Map(readShippedRows('nb201.csv.gz').map((r) => [r.arch!, Number(r.cifar10_test)]));
const accuracy = set.archs.map((a) => cifar10.get(a) ?? Number.NaN);

describe('combo on the shipped NB201 quick set (383 cells, 22 proxies), CIFAR-10 test', () => {
  const result = selectCombo(scores, proxyHigherIsBetter, accuracy);
  const f = (v: number) => v.toFixed(3);
  console.log(
    `combo on nb201-quick (shipped): split seed 0, ${result.split.selection.length} selection / ${result.split.heldOut.length} held-out cells\n` +
      `  chosen: ${result.steps.map((s) => `${s.component} (ρ_sel ${f(s.rho)})`).join(' → ')}\n` +
      `  combo held-out ρ ${f(result.combo.heldOutRho)} (n ${result.combo.heldOutN})\n` +
      `  best single on the selection half: ${result.bestSingle.component}, ρ_sel ${f(result.bestSingle.selectionRho)}, held-out ρ ${f(result.bestSingle.heldOutRho)}`,
  );

  it('has every cell scored by every proxy and an accuracy for every cell', () => {
    expect(set.archs).toHaveLength(383);
    expect(scores.size).toBe(22);
    for (const [p, values] of scores) expect(values.filter(Number.isNaN), p).toEqual([]);
    expect(accuracy.filter(Number.isNaN)).toEqual([]);
  });

  // The Explorer's default components were this selection's choice while reg_swap was version 2;
  // with version 3 it took reg_swap in nwot's place, and with AZ-NAS's proxies az_expressivity in
  // ntk_cond's. The defaults stay (a link without a combo field must keep showing the same combo),
  // and must still do what a chosen combo does.
  it("keeps the Explorer's default components (comboDefaults.ts) ahead of the best single proxy", () => {
    expect(result.components).toEqual(['reg_swap', 'az_expressivity', 'synflow', 'jacob_cov']);
    const defaults = comboRho(
      scores,
      proxyHigherIsBetter,
      NB201_QUICK_COMBO_COMPONENTS,
      result.split.heldOut,
      accuracy,
    );
    console.log(`  the defaults (${NB201_QUICK_COMBO_COMPONENTS.join(', ')}): held-out ρ ${f(defaults)}`);
    expect(defaults).toBeGreaterThan(result.bestSingle.heldOutRho);
    expect(defaults).toBeLessThanOrEqual(result.combo.heldOutRho);
  });

  it('beats the best single proxy on the held-out half', () => {
    expect(result.combo.heldOutN).toBe(result.split.heldOut.length);
    expect(result.combo.heldOutRho).toBeGreaterThan(result.bestSingle.heldOutRho);
  });
});
