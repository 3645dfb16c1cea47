import { describe, expect, it } from 'vitest';
import { defaultLabState } from '../../state/labState';
import { labMapping, logLogSlope, spectrumConfig, WIDTH_EXPONENTS, widthExponent } from './spectrumConfig';

describe('labMapping', () => {
  it('turns the lab state into the core mapping, the Gaussian one drawn from the lab seed', () => {
    const lab = { ...defaultLabState(), sigma: 3, features: 16, levels: 5, seed: 7 };
    expect(labMapping({ ...lab, mapping: 'none' })).toEqual({ kind: 'none' });
    expect(labMapping({ ...lab, mapping: 'basic' })).toEqual({ kind: 'basic' });
    expect(labMapping({ ...lab, mapping: 'positional' })).toEqual({ kind: 'positional', levels: 5 });
    expect(labMapping({ ...lab, mapping: 'gaussian' })).toEqual({
      kind: 'gaussian',
      sigma: 3,
      features: 16,
      seed: 7,
    });
  });

  it('gives panel 3 a ReLU net on the grid with the lab width, depth and points', () => {
    const lab = { ...defaultLabState(), width: 256, depth: 2, points: 32, seed: 3 };
    expect(spectrumConfig(lab)).toEqual({
      arch: { depth: 2, activation: 'relu', mapping: { kind: 'none' } },
      points: { kind: 'grid', n: 32 },
      seed: 3,
      width: 256,
      topK: 6,
    });
  });
});

describe('widthExponent', () => {
  it('puts powers of two on their own stop and others on the nearest, inside the slider', () => {
    expect(widthExponent(1024)).toBe(10);
    expect(widthExponent(1000)).toBe(10); // log2(1000) = 9.97
    expect(widthExponent(4)).toBe(WIDTH_EXPONENTS.min);
    expect(widthExponent(8192)).toBe(WIDTH_EXPONENTS.max);
    expect(WIDTH_EXPONENTS).toEqual({ min: 4, max: 12 }); // 16 … 4096, the core's largest width
  });
});

describe('logLogSlope', () => {
  it('recovers the exponent of a power law exactly', () => {
    const rows = [16, 64, 256, 1024].map((width) => ({ width, error: 3 / Math.sqrt(width) }));
    expect(logLogSlope(rows)).toBeCloseTo(-0.5, 12);
  });

  it('is the least-squares slope for scattered points', () => {
    // log2-spaced widths 2, 4, 8 with log errors 0, 1, 0 (natural logs): x = ln2·(1, 2, 3), slope 0.
    const e = Math.E;
    expect(
      logLogSlope([
        { width: 2, error: 1 },
        { width: 4, error: e },
        { width: 8, error: 1 },
      ]),
    ).toBeCloseTo(0, 12);
  });

  it('is NaN with fewer than two usable rows', () => {
    expect(logLogSlope([{ width: 16, error: 0.1 }])).toBeNaN();
    expect(
      logLogSlope([
        { width: 16, error: 0 },
        { width: 32, error: 0.1 },
      ]),
    ).toBeNaN();
  });
});
