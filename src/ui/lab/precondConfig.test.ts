import { describe, expect, it } from 'vitest';
import { defaultLabState } from '../../state/labState';
import { formatFrequencies, parseFrequencies, precondConfig } from './precondConfig';

describe('parseFrequencies', () => {
  it('reads commas, spaces and semicolons', () => {
    expect(parseFrequencies(' 1, 2 3;4 ')).toEqual({ ok: true, value: [1, 2, 3, 4] });
    expect(formatFrequencies([1, 2, 3])).toBe('1, 2, 3');
  });

  it('says in words what is wrong', () => {
    expect(parseFrequencies('')).toMatchObject({ ok: false });
    expect(parseFrequencies('1, 2.5')).toEqual({
      ok: false,
      problem: '"2.5" is not a whole number ≥ 0: frequencies are 0, 1, 2, …',
    });
    expect(parseFrequencies('-1')).toMatchObject({ ok: false });
    expect(parseFrequencies('2, 2')).toEqual({ ok: false, problem: 'k = 2 is listed twice.' });
    expect(parseFrequencies('1 2 3 4 5 6 7 8 9 10 11 12 13')).toMatchObject({ ok: false });
  });
});

describe('precondConfig', () => {
  it('takes n, width, k′ and seed from the lab and the rest from the panel', () => {
    const lab = { ...defaultLabState(), points: 32, width: 512, flatten: 9, seed: 5 };
    expect(precondConfig(lab, [1, 3], 1e-4, 800)).toEqual({
      n: 32,
      width: 512,
      frequencies: [1, 3],
      flatten: 9,
      threshold: 1e-4,
      maxIterations: 800,
      seed: 5,
    });
  });
});
