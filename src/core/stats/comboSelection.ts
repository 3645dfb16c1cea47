/**
 * Choosing the components of a combo (combo.ts) honestly: the cells are split into two halves by a
 * seeded shuffle; components are chosen on the selection half only, by greedy forward selection
 * (start empty; add the proxy whose combo with those already chosen has the largest Spearman ρ with
 * accuracy on the selection half; stop at maxComponents or when no addition raises ρ); and the chosen
 * combo is judged on the held-out half alone.
 *
 * combo ranks a population, so on each half it is computed among that half's cells: the held-out ρ
 * uses the held-out cells' scores and accuracies and nothing else (the selection half only decides
 * which components are used). The baseline it is compared with is chosen the same way: the single
 * proxy with the best ρ on the selection half (the first step of the forward selection), judged on the
 * held-out half. A single proxy's combo is a monotone function of its own rank, so its ρ is the
 * proxy's plain Spearman ρ (with ±∞ kept as the extreme ranks).
 */
import { deriveSeed, mulberry32 } from '../util/prng';
import { type ComponentScores, candidateCount, comboScores, type HigherIsBetter } from './combo';
import { spearman } from './rankCorrelation';

export const DEFAULT_MAX_COMPONENTS = 4;
export const DEFAULT_SPLIT_SEED = 0;

export interface HalfSplit {
  /** Cell positions (0 … n−1) where the components are chosen, ascending. */
  selection: number[];
  /** The other cells, where the choice is judged, ascending. */
  heldOut: number[];
}

/**
 * A seeded split of n cells: a Fisher–Yates shuffle by mulberry32(deriveSeed(seed, 'combo-halves'));
 * the first ⌊n/2⌋ shuffled cells are the selection half, the rest (one more when n is odd) held out.
 */
export function splitHalves(n: number, seed: number = DEFAULT_SPLIT_SEED): HalfSplit {
  const rng = mulberry32(deriveSeed(seed, 'combo-halves'));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const half = Math.floor(n / 2);
  const ascending = (a: number, b: number) => a - b;
  return { selection: order.slice(0, half).sort(ascending), heldOut: order.slice(half).sort(ascending) };
}

/** The components' values at the given cells only (the population a half's combo ranks). */
export function restrictTo(
  scores: ComponentScores,
  components: readonly string[],
  cells: readonly number[],
): ComponentScores {
  const out = new Map<string, number[]>();
  for (const id of components) {
    const values = scores.get(id);
    if (!values) throw new RangeError(`combo component "${id}" has no scores`);
    out.set(
      id,
      cells.map((c) => values[c]!),
    );
  }
  return out;
}

/** The combo of `components`, ranked among `cells` only, in the order of `cells`. */
export function comboOn(
  scores: ComponentScores,
  higherIsBetter: HigherIsBetter,
  components: readonly string[],
  cells: readonly number[],
): number[] {
  return comboScores(restrictTo(scores, components, cells), higherIsBetter);
}

/** Spearman ρ of the combo of `components` on `cells` against accuracy there (NaN if it cannot be had). */
export function comboRho(
  scores: ComponentScores,
  higherIsBetter: HigherIsBetter,
  components: readonly string[],
  cells: readonly number[],
  accuracy: readonly number[],
): number {
  const combo = comboOn(scores, higherIsBetter, components, cells);
  return spearman(
    combo,
    cells.map((c) => accuracy[c]!),
  );
}

export interface SelectionStep {
  /** The component added at this step. */
  component: string;
  /** ρ on the selection half of the combo of everything chosen so far. */
  rho: number;
}

/**
 * Greedy forward selection on `cells`: each step adds the remaining proxy that gives the combo the
 * largest ρ (ties: the earlier proxy in `scores`' order); it stops at maxComponents, when no proxy
 * is left, or when the best addition does not raise ρ. A NaN ρ counts as no agreement at all.
 */
export function forwardSelect(
  scores: ComponentScores,
  higherIsBetter: HigherIsBetter,
  accuracy: readonly number[],
  cells: readonly number[],
  maxComponents: number = DEFAULT_MAX_COMPONENTS,
): SelectionStep[] {
  if (!Number.isInteger(maxComponents) || maxComponents < 1)
    throw new RangeError(`maxComponents must be a positive integer, got ${maxComponents}`);
  const steps: SelectionStep[] = [];
  const chosen: string[] = [];
  let current = Number.NEGATIVE_INFINITY;
  while (chosen.length < maxComponents) {
    let best: SelectionStep | null = null;
    for (const id of scores.keys()) {
      if (chosen.includes(id)) continue;
      const rho = comboRho(scores, higherIsBetter, [...chosen, id], cells, accuracy);
      if (!Number.isNaN(rho) && (best === null || rho > best.rho)) best = { component: id, rho };
    }
    if (best === null || best.rho <= current) break;
    chosen.push(best.component);
    steps.push(best);
    current = best.rho;
  }
  return steps;
}

export interface HeldOutFigure {
  /** ρ on the selection half. */
  selectionRho: number;
  /** ρ on the held-out half, the combo ranked among the held-out cells. */
  heldOutRho: number;
  /** Held-out cells with a combo value and an accuracy (the pairs heldOutRho is computed on). */
  heldOutN: number;
}

export interface ComboSelection {
  split: HalfSplit;
  /** The forward selection's steps; components = steps' components in order. */
  steps: SelectionStep[];
  components: string[];
  combo: HeldOutFigure;
  /** The single proxy with the best ρ on the selection half, and how it does held out. */
  bestSingle: HeldOutFigure & { component: string };
  /** Every offered proxy alone, for the report. */
  singles: Record<string, HeldOutFigure>;
}

export interface ComboSelectionOptions {
  maxComponents?: number;
  /** Seed of the split (splitHalves). */
  seed?: number;
}

function figure(
  scores: ComponentScores,
  higherIsBetter: HigherIsBetter,
  components: readonly string[],
  split: HalfSplit,
  accuracy: readonly number[],
): HeldOutFigure {
  const heldOut = comboOn(scores, higherIsBetter, components, split.heldOut);
  const acc = split.heldOut.map((c) => accuracy[c]!);
  return {
    selectionRho: comboRho(scores, higherIsBetter, components, split.selection, accuracy),
    heldOutRho: spearman(heldOut, acc),
    heldOutN: heldOut.filter((v, i) => Number.isFinite(v) && Number.isFinite(acc[i]!)).length,
  };
}

/**
 * Splits the cells (seeded), chooses the components on the selection half by forward selection
 * against `accuracy`, and reports the combo and the best single proxy on both halves. `scores` and
 * `accuracy` are over the same cells; accuracy may be NaN where unknown (those cells drop out of ρ).
 */
export function selectCombo(
  scores: ComponentScores,
  higherIsBetter: HigherIsBetter,
  accuracy: readonly number[],
  options: ComboSelectionOptions = {},
): ComboSelection {
  const n = candidateCount(scores);
  if (accuracy.length !== n)
    throw new RangeError(`accuracy has ${accuracy.length} values, the components ${n}`);
  if (scores.size === 0) throw new RangeError('no proxies to choose from');
  const split = splitHalves(n, options.seed ?? DEFAULT_SPLIT_SEED);
  const steps = forwardSelect(scores, higherIsBetter, accuracy, split.selection, options.maxComponents);
  const components = steps.map((s) => s.component);
  const singles: Record<string, HeldOutFigure> = {};
  for (const id of scores.keys()) singles[id] = figure(scores, higherIsBetter, [id], split, accuracy);
  // The best single is the first forward step; with no step at all (every ρ NaN) the first proxy.
  const first = components[0] ?? scores.keys().next().value!;
  return {
    split,
    steps,
    components,
    combo: components.length
      ? figure(scores, higherIsBetter, components, split, accuracy)
      : { selectionRho: Number.NaN, heldOutRho: Number.NaN, heldOutN: 0 },
    bestSingle: { component: first, ...singles[first]! },
    singles,
  };
}
