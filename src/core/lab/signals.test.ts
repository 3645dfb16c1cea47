import { describe, expect, it } from 'vitest';
import { spectralBiasSignal } from '../data/synthetic';
import { buildTarget, presetComponents, type TargetSpec, targetProblems } from './signals';

function built(spec: TargetSpec) {
  const result = buildTarget(spec);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('lab target signals', () => {
  it('the presets are the paper signal of data/synthetic.ts, with the same phases', () => {
    for (const preset of ['equal', 'increasing'] as const) {
      const signal = built({ kind: 'preset', preset, phaseSeed: 3 });
      const reference = spectralBiasSignal(preset, 3);
      expect(signal.points).toBe(200);
      expect(Array.from(signal.values)).toEqual(Array.from(reference.target));
      expect(signal.components.map((c) => c.k)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
      expect(signal.components.map((c) => c.phase)).toEqual(reference.phases);
      expect(signal.components.map((c) => c.amplitude)).toEqual(reference.amplitudes);
    }
    expect(presetComponents('increasing', 0)[9]!.amplitude).toBeCloseTo(1, 12);
  });

  it('a custom component with a given phase is that sinusoid on the grid (hand values)', () => {
    // 2·sin(2π·4·z + 2π·0.25) = 2·cos(8πz): 2 at z = 0, −2 at z = 1/8 (point 25 of 200), 0 at z = 1/16.
    const signal = built({
      kind: 'custom',
      components: [{ k: 4, amplitude: 2, phase: 0.25 }],
      phaseSeed: 0,
      points: 200,
    });
    expect(signal.values[0]).toBeCloseTo(2, 12);
    expect(signal.values[25]).toBeCloseTo(-2, 12);
    expect(signal.values[12]! + signal.values[13]!).toBeCloseTo(
      2 * (Math.cos(Math.PI * 0.48) + Math.cos(Math.PI * 0.52)),
      12,
    );
  });

  it('draws missing phases from the seed, one draw per component, so editing one phase keeps the others', () => {
    const base = built({
      kind: 'custom',
      components: [
        { k: 3, amplitude: 1 },
        { k: 7, amplitude: 1 },
      ],
      phaseSeed: 9,
    });
    const again = built({
      kind: 'custom',
      components: [
        { k: 3, amplitude: 1 },
        { k: 7, amplitude: 1 },
      ],
      phaseSeed: 9,
    });
    const edited = built({
      kind: 'custom',
      components: [
        { k: 3, amplitude: 1, phase: 0.5 },
        { k: 7, amplitude: 1 },
      ],
      phaseSeed: 9,
    });
    const other = built({
      kind: 'custom',
      components: [
        { k: 3, amplitude: 1 },
        { k: 7, amplitude: 1 },
      ],
      phaseSeed: 10,
    });
    expect(again.components).toEqual(base.components);
    expect(edited.components[0]!.phase).toBe(0.5);
    expect(edited.components[1]!.phase).toBe(base.components[1]!.phase);
    expect(other.components[0]!.phase).not.toBe(base.components[0]!.phase);
    for (const c of base.components) expect(c.phase >= 0 && c.phase < 1).toBe(true);
  });

  it('names every problem in plain words', () => {
    const problems = targetProblems({
      kind: 'custom',
      components: [
        { k: 0, amplitude: 1 },
        { k: 100, amplitude: 1 },
        { k: 5, amplitude: -1 },
        { k: 5, amplitude: Number.NaN },
        { k: 2.5, amplitude: 1, phase: Number.POSITIVE_INFINITY },
      ],
      phaseSeed: 0,
    });
    expect(problems).toContain(
      'component 1: frequency k must be an integer from 1 to 99 (N/2 − 1 for N = 200 points), got 0',
    );
    expect(
      problems.some((p) => p.startsWith('component 2: frequency k must be an integer from 1 to 99')),
    ).toBe(true);
    expect(problems).toContain('component 3: amplitude must be a finite number ≥ 0, got -1');
    expect(problems).toContain(
      'component 4: frequency k = 5 appears more than once (merge the two into one amplitude)',
    );
    expect(problems).toContain('component 4: amplitude must be a finite number ≥ 0, got NaN');
    expect(problems.some((p) => p.startsWith('component 5: frequency k'))).toBe(true);
    expect(problems).toContain('component 5: phase must be a finite number of turns, got Infinity');
    expect(targetProblems({ kind: 'custom', components: [], phaseSeed: 0 })).toEqual([
      'the signal needs at least one component',
    ]);
    const many = Array.from({ length: 21 }, (_, i) => ({ k: i + 1, amplitude: 1 }));
    expect(targetProblems({ kind: 'custom', components: many, phaseSeed: 0 })).toEqual([
      'at most 20 components, got 21',
    ]);
    expect(
      targetProblems({ kind: 'custom', components: [{ k: 1, amplitude: 1 }], phaseSeed: 0, points: 10 }),
    ).toEqual(['grid points must be an integer in [16, 4096], got 10']);
    expect(targetProblems({ kind: 'preset', preset: 'equal', phaseSeed: -1 })).toEqual([
      'the phase seed must be an integer in [0, 2^32), got -1',
    ]);
    const bad = buildTarget({ kind: 'custom', components: [{ k: 0, amplitude: 1 }], phaseSeed: 0 });
    expect(bad.ok).toBe(false);
    // k = N/2 − 1 is the highest allowed; a grid of 64 points allows k up to 31.
    expect(
      targetProblems({ kind: 'custom', components: [{ k: 31, amplitude: 1 }], phaseSeed: 0, points: 64 }),
    ).toEqual([]);
    expect(
      targetProblems({ kind: 'custom', components: [{ k: 32, amplitude: 1 }], phaseSeed: 0, points: 64 }),
    ).toHaveLength(1);
  });
});
