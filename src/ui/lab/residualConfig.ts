/**
 * Panel 4's settings → core configs (pure; the e2e test builds its Node reference with them).
 *
 * Target: y_j = sin(2π k₁ z_j) + sin(2π k₂ z_j) on the grid z_j = j/n (k₁ = 1, k₂ = 4 by default: a
 * slow and a fast component that 400 steps tell apart). Directions followed: the NTK eigen-directions
 * the target projects on most, |⟨v_i, y⟩| largest first (ties to the larger eigenvalue), listed by
 * rank. Since r₀ = −y (the initial function is subtracted), these are the directions whose residual
 * starts large enough to watch; the top few ranks alone would often start near zero.
 */
import type { LabMlpArch } from '../../core/lab/ntkModel';
import type { NtkSpectrumConfig } from '../../core/lab/ntkSpectrum';
import type { ResidualConfig } from '../../core/lab/residualProjections';
import type { LabState } from '../../state/labState';

export const RESIDUAL_DEFAULT_K: readonly [number, number] = [1, 4];
export const RESIDUAL_DEFAULT_ITERATIONS = 400;
export const RESIDUAL_ITERATION_LIMITS = { min: 10, max: 20_000 } as const;
/** Eigen-directions followed. */
export const RESIDUAL_DIRECTIONS = 6;
/** About this many records per run, whatever the number of steps. */
const RECORDS_PER_RUN = 40;

/** A two-layer-or-deeper ReLU MLP on z itself (no mapping: panel 4 shows the plain network's bias). */
export function residualArch(lab: LabState): LabMlpArch {
  return { depth: lab.depth, activation: 'relu', mapping: { kind: 'none' } };
}

/** y_j = Σ_k sin(2π k j/n). */
export function residualTarget(frequencies: readonly number[], n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, j) =>
    frequencies.reduce((sum, k) => sum + Math.sin((2 * Math.PI * k * j) / n), 0),
  );
}

/** A warning (not an error) when a frequency is too high for the grid to show it as itself. */
export function aliasNote(frequencies: readonly number[], n: number): string | null {
  const high = frequencies.filter((k) => 2 * k >= n);
  if (high.length === 0) return null;
  return `On ${n} points a frequency of n/2 = ${n / 2} or more cannot be told from a lower one (aliasing): k = ${high.join(', ')}.`;
}

/** The probe that finds the directions: the same network's NTK with every eigenvector. */
export function residualProbeConfig(lab: LabState): NtkSpectrumConfig {
  return {
    arch: residualArch(lab),
    points: { kind: 'grid', n: lab.points },
    seed: lab.seed,
    width: lab.width,
    topK: lab.points,
  };
}

/** Ranks (0 = largest eigenvalue) of the `count` eigenvectors with the largest |⟨v_i, y⟩|, ascending. */
export function pickDirections(
  eigenvectors: readonly ArrayLike<number>[],
  target: ArrayLike<number>,
  count = RESIDUAL_DIRECTIONS,
): number[] {
  const weight = eigenvectors.map((v, rank) => {
    let dot = 0;
    for (let j = 0; j < target.length; j++) dot += v[j]! * target[j]!;
    return { rank, size: Math.abs(dot) };
  });
  weight.sort((a, b) => b.size - a.size || a.rank - b.rank);
  return weight
    .slice(0, count)
    .map((w) => w.rank)
    .sort((a, b) => a - b);
}

export function recordInterval(iterations: number): number {
  return Math.max(1, Math.round(iterations / RECORDS_PER_RUN));
}

export function residualConfig(
  lab: LabState,
  target: Float64Array,
  iterations: number,
  directions: readonly number[],
): ResidualConfig {
  return {
    arch: residualArch(lab),
    width: lab.width,
    points: { kind: 'grid', n: lab.points },
    seed: lab.seed,
    target,
    iterations,
    recordEvery: recordInterval(iterations),
    directions,
  };
}
