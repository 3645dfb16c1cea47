import { describe, expect, it } from 'vitest';
import type { GroundTruthTable } from '../core/groundtruth';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { viewOfTable } from './tableCandidates';
import { defaultViewState } from './viewState';

function table(space: GroundTruthTable['space'], archs: string[]): GroundTruthTable {
  return {
    name: 't',
    space,
    keyKind: 'nb201-string',
    columns: ['acc'],
    rows: new Map(archs.map((a, i) => [a, { acc: i }])),
    notes: [],
  };
}

describe('viewOfTable', () => {
  it('switches to the table’s space and lists its architectures in order, nothing sampled', () => {
    const codec = candidateCodec('vit-browser');
    const archs = [codec.archOf(7), codec.archOf(3), codec.archOf(100)];
    const { view, leftOut } = viewOfTable(defaultViewState(), table('browser', archs));
    expect(view.space).toBe('vit-browser');
    expect(view.sampleSize).toBe(0);
    expect(view.added).toEqual([7, 3, 100]);
    expect(leftOut).toBe(0);
    // params and synflow apply to ViTs too, so both stay.
    expect(view.proxies).toEqual(['params', 'synflow']);
  });

  it('keeps at most 1000 and says how many were left out', () => {
    const codec = candidateCodec('nb201');
    const archs = Array.from({ length: 1200 }, (_, i) => codec.archOf(i * 13));
    const { view, leftOut } = viewOfTable(defaultViewState(), table('nb201', archs));
    expect(view.added).toHaveLength(1000);
    expect(view.added[999]).toBe(999 * 13);
    expect(leftOut).toBe(200);
  });
});
