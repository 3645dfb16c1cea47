/**
 * Panels 1 and 2 (frequency bias, Fourier features): the lab state turned into core configs, the
 * free target's editable rows checked in plain words, and the sentence that says what a run showed.
 * Pure, so it is unit-tested and the e2e test builds the very config the page runs.
 */
import { type FitSignalConfig, presetFitConfig } from '../../core/lab/fitSignal';
import { type FitImageConfig, type IMAGE_PRESETS, presetImageConfig } from '../../core/lab/imageRegression';
import { type TargetSpec, targetProblems } from '../../core/lab/signals';
import type { MlpMapping } from '../../core/spaces/mlp/mlp';
import { LAB_LIMITS, type LabState } from '../../state/labState';

/** σ values the comparison on panel 2 runs, one after another. */
export const SIGMA_SWEEP = [1, 4, 10, 32] as const;

/** The magnitude at which a frequency counts as learned (docs/science.md §7, Rahaman et al.). */
export const REACH_THRESHOLD = 0.9;

/** The target the state describes; its phases are drawn from the lab's seed. */
export function targetSpecOf(lab: LabState): TargetSpec {
  if (lab.amplitudes === 'custom') {
    return {
      kind: 'custom',
      components: lab.components.map(([k, amplitude]) => ({ k, amplitude })),
      phaseSeed: lab.seed,
    };
  }
  return { kind: 'preset', preset: lab.amplitudes, phaseSeed: lab.seed };
}

/** The input mapping the state describes (the Gaussian matrix is drawn from the lab's seed). */
export function mappingOf(lab: LabState): MlpMapping {
  switch (lab.mapping) {
    case 'none':
    case 'basic':
      return { kind: lab.mapping };
    case 'positional':
      return { kind: 'positional', levels: lab.levels };
    case 'gaussian':
      return { kind: 'gaussian', sigma: lab.sigma, features: lab.features, seed: lab.seed };
  }
}

/** Panel 1: the state's preset and target, no input mapping (the bias as it is). */
export function biasFitConfig(lab: LabState): FitSignalConfig {
  return presetFitConfig(lab.preset, targetSpecOf(lab), lab.seed, { kind: 'none' });
}

/** Panel 2, 1-D: the same run behind the chosen mapping (or a given one, for the σ comparison). */
export function fourierFitConfig(lab: LabState, mapping: MlpMapping = mappingOf(lab)): FitSignalConfig {
  return presetFitConfig(lab.preset, targetSpecOf(lab), lab.seed, mapping);
}

/** The image presets have no 'paper' setting; it runs the larger 'class' one. */
export function imagePresetOf(lab: LabState): keyof typeof IMAGE_PRESETS {
  return lab.preset === 'quick' ? 'quick' : 'class';
}

/** Panel 2, image variant: the image preset with the state's mapping. */
export function fourierImageConfig(lab: LabState): FitImageConfig {
  return presetImageConfig(imagePresetOf(lab), mappingOf(lab), lab.seed);
}

/** One editable row of the free target, as typed. */
export interface ComponentDraft {
  k: string;
  amplitude: string;
}

export interface DraftCheck {
  /** The rows as [k, amplitude] when all are usable, else null (the store keeps its last good list). */
  components: [number, number][] | null;
  problems: string[];
}

const quoted = (text: string) => (text.trim() === '' ? 'nothing' : `"${text.trim()}"`);

/**
 * Checks typed rows: numbers first (with the row named), then the share link's limits (LAB_LIMITS:
 * k ≤ 99, amplitude ≤ 10, at most 20 rows), then the core's targetProblems on the resulting spec.
 */
export function checkComponentDraft(rows: readonly ComponentDraft[], seed: number): DraftCheck {
  const problems: string[] = [];
  const parsed: [number, number][] = [];
  rows.forEach((row, i) => {
    const k = Number(row.k.trim());
    const amplitude = Number(row.amplitude.trim());
    if (row.k.trim() === '' || !Number.isFinite(k)) {
      problems.push(`component ${i + 1}: frequency k must be a whole number, got ${quoted(row.k)}`);
    } else if (row.amplitude.trim() === '' || !Number.isFinite(amplitude)) {
      problems.push(`component ${i + 1}: amplitude must be a number, got ${quoted(row.amplitude)}`);
    } else {
      if (k > LAB_LIMITS.k.max && Number.isInteger(k)) {
        problems.push(`component ${i + 1}: frequency k must be at most ${LAB_LIMITS.k.max}, got ${k}`);
      }
      if (amplitude > LAB_LIMITS.amplitude.max) {
        problems.push(
          `component ${i + 1}: amplitude must be at most ${LAB_LIMITS.amplitude.max}, got ${amplitude}`,
        );
      }
      parsed.push([k, amplitude]);
    }
  });
  if (rows.length > LAB_LIMITS.components.max) {
    problems.push(`at most ${LAB_LIMITS.components.max} components, got ${rows.length}`);
  }
  if (problems.length === 0) {
    problems.push(
      ...targetProblems({
        kind: 'custom',
        components: parsed.map(([k, amplitude]) => ({ k, amplitude })),
        phaseSeed: seed,
      }),
    );
  }
  return { components: problems.length === 0 ? parsed : null, problems };
}

/** Index of the highest frequency that has an amplitude (the one that is learned last), or -1. */
export function highestIndex(components: readonly { k: number; amplitude: number }[]): number {
  let best = -1;
  components.forEach((c, i) => {
    if (c.amplitude > 0 && (best < 0 || c.k > components[best]!.k)) best = i;
  });
  return best;
}

/** Index of the lowest frequency that has an amplitude, or -1. */
export function lowestIndex(components: readonly { k: number; amplitude: number }[]): number {
  let best = -1;
  components.forEach((c, i) => {
    if (c.amplitude > 0 && (best < 0 || c.k < components[best]!.k)) best = i;
  });
  return best;
}

const grouped = (n: number) => n.toLocaleString('en-US').replace(/,/g, ' ');

/**
 * "k=5 reached 0.9 at iteration 380; k=50 had not by 1 000." for the lowest and highest frequency
 * (with an amplitude), from iterationsToReach. `done` is the last iteration recorded so far.
 */
export function reachSentence(
  components: readonly { k: number; amplitude: number }[],
  reach: readonly (number | null)[],
  done: number,
): string {
  const low = lowestIndex(components);
  const high = highestIndex(components);
  if (low < 0) return 'No component has an amplitude above 0, so there is nothing to learn.';
  const part = (i: number) => {
    const k = components[i]!.k;
    const at = reach[i];
    return at === null || at === undefined
      ? `k=${k} had not by ${grouped(done)}`
      : `k=${k} reached ${REACH_THRESHOLD} at iteration ${grouped(at)}`;
  };
  if (low === high) return `${part(low)}.`;
  const lowAt = reach[low] ?? null;
  const highAt = reach[high] ?? null;
  let lesson = '';
  if (lowAt !== null && highAt === null) lesson = ' The low frequency was learned first.';
  else if (lowAt !== null && highAt !== null && highAt > lowAt)
    lesson = ` The high frequency took ${grouped(highAt - lowAt)} more iterations.`;
  else if (lowAt !== null && highAt !== null) lesson = ' Both were learned at about the same time.';
  return `${part(low)}; ${part(high)}.${lesson}`;
}
