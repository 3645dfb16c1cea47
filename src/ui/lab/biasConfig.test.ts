import { describe, expect, it } from 'vitest';
import { FIT_PRESETS } from '../../core/lab/fitSignal';
import { defaultLabState } from '../../state/labState';
import {
  biasFitConfig,
  checkComponentDraft,
  fourierFitConfig,
  fourierImageConfig,
  highestIndex,
  lowestIndex,
  reachSentence,
  targetSpecOf,
} from './biasConfig';

describe('configs from the lab state', () => {
  it('runs the paper preset target with the quick preset and no mapping on panel 1', () => {
    const lab = { ...defaultLabState(), seed: 7, mapping: 'gaussian' as const };
    const config = biasFitConfig(lab);
    expect(config.target).toEqual({ kind: 'preset', preset: 'equal', phaseSeed: 7 });
    expect(config.arch.mapping).toEqual({ kind: 'none' });
    expect(config.arch.depth).toBe(FIT_PRESETS.quick.depth);
    expect(config.iterations).toBe(1000);
    expect(config.seed).toBe(7);
  });

  it('puts the chosen mapping into the panel 2 config', () => {
    const base = defaultLabState();
    const g = fourierFitConfig({ ...base, mapping: 'gaussian', sigma: 4, features: 32, seed: 3 });
    expect(g.arch.mapping).toEqual({ kind: 'gaussian', sigma: 4, features: 32, seed: 3 });
    const p = fourierFitConfig({ ...base, mapping: 'positional', levels: 5, preset: 'class' });
    expect(p.arch.mapping).toEqual({ kind: 'positional', levels: 5 });
    expect(p.iterations).toBe(FIT_PRESETS.class.iterations);
    const img = fourierImageConfig({ ...base, mapping: 'basic', preset: 'paper' });
    expect(img.arch.inputDim).toBe(2);
    expect(img.arch.mapping).toEqual({ kind: 'basic' });
    // No paper image preset: the class one (400 iterations) runs.
    expect(img.iterations).toBe(400);
  });

  it('turns custom rows into a custom target with the lab seed as phase seed', () => {
    const lab = {
      ...defaultLabState(),
      amplitudes: 'custom' as const,
      components: [[3, 0.5]] as [number, number][],
    };
    expect(targetSpecOf(lab)).toEqual({
      kind: 'custom',
      components: [{ k: 3, amplitude: 0.5 }],
      phaseSeed: 0,
    });
  });
});

describe('checkComponentDraft', () => {
  it('accepts good rows', () => {
    const check = checkComponentDraft(
      [
        { k: '5', amplitude: '1' },
        { k: ' 40', amplitude: '0.25 ' },
      ],
      0,
    );
    expect(check).toEqual({
      components: [
        [5, 1],
        [40, 0.25],
      ],
      problems: [],
    });
  });

  it('names every row that is not a number, keeping none', () => {
    const check = checkComponentDraft(
      [
        { k: 'five', amplitude: '1' },
        { k: '10', amplitude: '' },
      ],
      0,
    );
    expect(check.components).toBeNull();
    expect(check.problems).toEqual([
      'component 1: frequency k must be a whole number, got "five"',
      'component 2: amplitude must be a number, got nothing',
    ]);
  });

  it("passes on the core's problems (repeats, fractions, negative amplitudes, k beyond N/2 − 1)", () => {
    const check = checkComponentDraft(
      [
        { k: '5', amplitude: '1' },
        { k: '5', amplitude: '2' },
        { k: '2.5', amplitude: '1' },
        { k: '7', amplitude: '-1' },
      ],
      0,
    );
    expect(check.components).toBeNull();
    expect(check.problems.some((p) => p.includes('k = 5 appears more than once'))).toBe(true);
    expect(check.problems.some((p) => p.startsWith('component 3: frequency k must be an integer'))).toBe(
      true,
    );
    expect(
      check.problems.some((p) => p.startsWith('component 4: amplitude must be a finite number ≥ 0')),
    ).toBe(true);
  });

  it("applies the share link's limits and refuses an empty list", () => {
    expect(checkComponentDraft([{ k: '120', amplitude: '1' }], 0).problems).toEqual([
      'component 1: frequency k must be at most 99, got 120',
    ]);
    expect(checkComponentDraft([{ k: '3', amplitude: '11' }], 0).problems).toEqual([
      'component 1: amplitude must be at most 10, got 11',
    ]);
    expect(checkComponentDraft([], 0).problems).toEqual(['the signal needs at least one component']);
  });
});

describe('reach summary', () => {
  const components = [
    { k: 20, amplitude: 1 },
    { k: 5, amplitude: 1 },
    { k: 50, amplitude: 1 },
    { k: 60, amplitude: 0 },
  ];

  it('finds the lowest and highest frequency that have an amplitude', () => {
    expect(lowestIndex(components)).toBe(1);
    expect(highestIndex(components)).toBe(2);
    expect(highestIndex([{ k: 3, amplitude: 0 }])).toBe(-1);
  });

  it('fills the numbers into the sentence', () => {
    expect(reachSentence(components, [null, 380, null, null], 1000)).toBe(
      'k=5 reached 0.9 at iteration 380; k=50 had not by 1 000. The low frequency was learned first.',
    );
    expect(reachSentence(components, [40, 20, 60, null], 1000)).toBe(
      'k=5 reached 0.9 at iteration 20; k=50 reached 0.9 at iteration 60. The high frequency took 40 more iterations.',
    );
    expect(reachSentence([{ k: 4, amplitude: 0 }], [null], 10)).toBe(
      'No component has an amplitude above 0, so there is nothing to learn.',
    );
  });
});
