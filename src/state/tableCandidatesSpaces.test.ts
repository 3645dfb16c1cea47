/** viewOfTable on a table spanning several spaces (OoD-ViT-NAS holds AutoFormer-Ti, -S and -B). */
import { describe, expect, it } from 'vitest';
import type { GroundTruthTable } from '../core/groundtruth';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { viewOfTable, viewSpacesOf } from './tableCandidates';
import { defaultViewState, switchSpace } from './viewState';

const tiny = candidateCodec('autoformer-tiny');
const small = candidateCodec('autoformer-small');

// Two tiny rows, three small ones, interleaved as a file might list them.
const table: GroundTruthTable = {
  name: 'ood',
  space: 'autoformer-tiny',
  spaces: ['autoformer-tiny', 'autoformer-small'],
  keyKind: 'vit-ood-columns',
  columns: ['acc'],
  rows: new Map(
    [tiny.archOf(5), small.archOf(9), tiny.archOf(2), small.archOf(1), small.archOf(4)].map((a, i) => [
      a,
      { acc: i },
    ]),
  ),
  notes: [],
};

describe('viewOfTable with several spaces', () => {
  it('lists the spaces of a table', () => {
    expect(viewSpacesOf(table)).toEqual(['autoformer-tiny', 'autoformer-small']);
    expect(viewSpacesOf({ ...table, spaces: undefined })).toEqual(['autoformer-tiny']);
  });

  it('takes the rows of the view’s space when the table has it, and counts the others', () => {
    const inSmall = switchSpace(defaultViewState(), 'autoformer-small');
    const { view, leftOut, otherSpaces } = viewOfTable(inSmall, table);
    expect(view.space).toBe('autoformer-small');
    expect(view.added).toEqual([9, 1, 4]);
    expect(view.sampleSize).toBe(0);
    expect(leftOut).toBe(0);
    expect(otherSpaces).toBe(2);
  });

  it('takes the table’s first space when the view shows one the table lacks', () => {
    const { view, otherSpaces } = viewOfTable(defaultViewState(), table);
    expect(defaultViewState().space).toBe('nb201');
    expect(view.space).toBe('autoformer-tiny');
    expect(view.added).toEqual([5, 2]);
    expect(otherSpaces).toBe(3);
  });
});
