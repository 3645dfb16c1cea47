/**
 * Target signals of the spectral lab (docs/science.md §7): λ(z) = Σ_i A_i sin(2π k_i z + 2π φ_i) on the
 * grid z_j = j/N, j = 0..N−1, of [0, 1). Either one of the paper's presets (Rahaman et al. 2019:
 * k = 5, 10, …, 50, A_i = 1 or 0.1·i, N = 200, φ_i ~ U(0, 1)) or a freely edited list of components.
 * Phases are in turns (φ ∈ [0, 1) is a full cycle); a component without one draws it from the spec's
 * phase seed, so the same spec always gives the same signal.
 */
import { type AmplitudePreset, SPECTRAL_BIAS_POINTS, spectralBiasSignal } from '../data/synthetic';
import type { ParseResult } from '../util/parseResult';
import { deriveSeed, mulberry32 } from '../util/prng';

export interface SignalComponent {
  /** Integer frequency: k whole cycles over [0, 1). */
  k: number;
  amplitude: number;
  /** Phase in turns; drawn from the spec's phaseSeed when absent. */
  phase?: number;
}

export type TargetSpec =
  | { kind: 'preset'; preset: AmplitudePreset; phaseSeed: number }
  | { kind: 'custom'; components: readonly SignalComponent[]; phaseSeed: number; points?: number };

export const TARGET_LIMITS = {
  maxComponents: 20,
  /** Grid sizes a browser handles comfortably; the paper's is 200. */
  points: [16, 4096],
} as const;

export interface TargetSignal {
  /** Grid z_j = j / N on [0, 1). */
  z: Float64Array;
  /** λ(z_j). */
  values: Float64Array;
  /** Every component with its phase filled in, in the order given (presets: k ascending). */
  components: Required<SignalComponent>[];
  points: number;
  /** e.g. "preset equal seed=0", "custom 3 components points=200 seed=0". */
  label: string;
}

/** The paper's presets as component lists (phases from the same stream as data/synthetic.ts). */
export function presetComponents(preset: AmplitudePreset, phaseSeed: number): Required<SignalComponent>[] {
  const s = spectralBiasSignal(preset, phaseSeed, 1);
  return s.frequencies.map((k, i) => ({ k, amplitude: s.amplitudes[i]!, phase: s.phases[i]! }));
}

function describeNumber(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

/** Every problem with a spec, in plain words (empty when it is usable). */
export function targetProblems(spec: TargetSpec): string[] {
  const problems: string[] = [];
  if (!(Number.isInteger(spec.phaseSeed) && spec.phaseSeed >= 0 && spec.phaseSeed <= 0xffffffff)) {
    problems.push(`the phase seed must be an integer in [0, 2^32), got ${describeNumber(spec.phaseSeed)}`);
  }
  if (spec.kind === 'preset') {
    if (spec.preset !== 'equal' && spec.preset !== 'increasing') {
      problems.push(`unknown amplitude preset "${String(spec.preset)}" (equal, increasing)`);
    }
    return problems;
  }
  const points = spec.points ?? SPECTRAL_BIAS_POINTS;
  const [minPoints, maxPoints] = TARGET_LIMITS.points;
  if (!(Number.isInteger(points) && points >= minPoints && points <= maxPoints)) {
    problems.push(
      `grid points must be an integer in [${minPoints}, ${maxPoints}], got ${describeNumber(points)}`,
    );
    return problems;
  }
  const maxK = Math.floor(points / 2) - 1;
  const components = spec.components;
  if (components.length === 0) problems.push('the signal needs at least one component');
  if (components.length > TARGET_LIMITS.maxComponents) {
    problems.push(`at most ${TARGET_LIMITS.maxComponents} components, got ${components.length}`);
  }
  const seen = new Set<number>();
  components.forEach((c, i) => {
    const name = `component ${i + 1}`;
    if (!(Number.isInteger(c.k) && c.k >= 1 && c.k <= maxK)) {
      problems.push(
        `${name}: frequency k must be an integer from 1 to ${maxK} (N/2 − 1 for N = ${points} points), got ${describeNumber(c.k)}`,
      );
    } else if (seen.has(c.k)) {
      problems.push(
        `${name}: frequency k = ${c.k} appears more than once (merge the two into one amplitude)`,
      );
    } else {
      seen.add(c.k);
    }
    if (!(typeof c.amplitude === 'number' && Number.isFinite(c.amplitude) && c.amplitude >= 0)) {
      problems.push(`${name}: amplitude must be a finite number ≥ 0, got ${describeNumber(c.amplitude)}`);
    }
    if (c.phase !== undefined && !(typeof c.phase === 'number' && Number.isFinite(c.phase))) {
      problems.push(`${name}: phase must be a finite number of turns, got ${describeNumber(c.phase)}`);
    }
  });
  return problems;
}

/** Σ_i A_i sin(2π k_i z_j + 2π φ_i) on z_j = j / points. */
export function sumOfSines(components: readonly Required<SignalComponent>[], points: number): Float64Array {
  const values = new Float64Array(points);
  for (let j = 0; j < points; j++) {
    let sum = 0;
    for (const c of components) sum += c.amplitude * Math.sin(2 * Math.PI * ((c.k * j) / points + c.phase));
    values[j] = sum;
  }
  return values;
}

/** The signal of a spec, or every problem with it joined into one message. */
export function buildTarget(spec: TargetSpec): ParseResult<TargetSignal> {
  const problems = targetProblems(spec);
  if (problems.length > 0) return { ok: false, error: problems.join('; ') };
  if (spec.kind === 'preset') {
    const s = spectralBiasSignal(spec.preset, spec.phaseSeed);
    return {
      ok: true,
      value: {
        z: s.z,
        values: s.target,
        components: presetComponents(spec.preset, spec.phaseSeed),
        points: s.z.length,
        label: `preset ${spec.preset} seed=${spec.phaseSeed}`,
      },
    };
  }
  const points = spec.points ?? SPECTRAL_BIAS_POINTS;
  const rng = mulberry32(deriveSeed(spec.phaseSeed, 'lab-signal-phases'));
  // One draw per component whether or not it has a phase, so editing one phase leaves the others.
  const components = spec.components.map((c) => {
    const drawn = rng();
    return { k: c.k, amplitude: c.amplitude, phase: c.phase ?? drawn };
  });
  return {
    ok: true,
    value: {
      z: Float64Array.from({ length: points }, (_, j) => j / points),
      values: sumOfSines(components, points),
      components,
      points,
      label: `custom ${components.length} component${components.length === 1 ? '' : 's'} points=${points} seed=${spec.phaseSeed}`,
    },
  };
}
