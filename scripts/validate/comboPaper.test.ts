/**
 * The combo at paper fidelity, from committed files only: our scores of the first 145
 * NAS-Bench-Suite-Zero CIFAR-10 cells (C=16, 5 cells per stage, batch 64;
 * bench/results/nb201-scores-paper.jsonl, made by npm run validate:nb201) against the shipped
 * NAS-Bench-201 CIFAR-10 test accuracies. Issue 15's target: components chosen on one half, ρ ≥ 0.88
 * on the other. AZ-NAS's own four need no choosing; their ρ is set beside the paper's 0.91.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AZ_NAS_COMPONENTS } from '../../src/core/stats/comboDefaults';
import { proxyHigherIsBetter } from '../../src/core/stats/comboProxies';
import { comboRho, selectCombo } from '../../src/core/stats/comboSelection';
import { readShippedRows } from '../../src/test/shippedData';
import { scoreTable } from '../scoreComboRecords';
import { NB201_PARTS } from './nb201Parts';

const table = scoreTable(readFileSync(NB201_PARTS.paper.out, 'utf8'));
const cifar10 = new Map(readShippedRows('nb201.csv.gz').map((r) => [r.arch!, Number(r.cifar10_test)]));
const accuracy = table.archs.map((a) => cifar10.get(a) ?? Number.NaN);
/** AZ-NAS's published Spearman ρ with CIFAR-10 test accuracy on NB201 (all 15 625 cells). */
const AZ_NAS_PUBLISHED_RHO = 0.91;

describe('combo at paper fidelity (committed scores, shipped accuracies)', () => {
  it('reads one run of 145 cells, each with an accuracy and a score from every AZ-NAS component', () => {
    expect(table.problems).toEqual([]);
    expect(table.archs).toHaveLength(145);
    expect(accuracy.filter(Number.isNaN)).toEqual([]);
    for (const id of AZ_NAS_COMPONENTS) expect(table.scores.get(id)?.filter(Number.isNaN), id).toEqual([]);
  });

  const result = selectCombo(table.scores, proxyHigherIsBetter, accuracy);

  it('the combo chosen on one half reaches ρ ≥ 0.88 on the other, ahead of the best single proxy', () => {
    expect(result.combo.heldOutN).toBe(result.split.heldOut.length);
    expect(result.combo.heldOutRho).toBeGreaterThanOrEqual(0.88);
    expect(result.combo.heldOutRho).toBeGreaterThan(result.bestSingle.heldOutRho);
  });

  it("AZ-NAS's own four, on every cell, land within 0.05 of the paper's ρ", () => {
    const everyCell = table.archs.map((_, i) => i);
    const rho = comboRho(table.scores, proxyHigherIsBetter, AZ_NAS_COMPONENTS, everyCell, accuracy);
    expect(Math.abs(rho - AZ_NAS_PUBLISHED_RHO)).toBeLessThan(0.05);
    // Nothing here was chosen on the held-out half either; it clears the target there too.
    const heldOut = comboRho(
      table.scores,
      proxyHigherIsBetter,
      AZ_NAS_COMPONENTS,
      result.split.heldOut,
      accuracy,
    );
    expect(heldOut).toBeGreaterThanOrEqual(0.88);
  });
});
