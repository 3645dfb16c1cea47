import { describe, expect, it } from 'vitest';
import type { GroundTruthSpace, GroundTruthTable } from '../core/groundtruth';
import { type VitSpaceId, vitToString } from '../core/spaces/vit/vit';
import { defaultLectureState } from './lectureState';
import { lectureSpacesOf, resolveLectureTable, tableLectureCandidates, vitTables } from './lectureTable';

/** A ViT text of `space`, all layers alike. */
function vit(space: VitSpaceId, embed: number, depth: number, ratio: number, heads: number): string {
  return vitToString({ space, embed, mlpRatio: Array(depth).fill(ratio), heads: Array(depth).fill(heads) });
}

const TI = [
  vit('autoformer-tiny', 192, 12, 3.5, 3),
  vit('autoformer-tiny', 216, 13, 4, 4),
  vit('autoformer-tiny', 240, 14, 3.5, 4),
  vit('autoformer-tiny', 192, 14, 4, 3),
  vit('autoformer-tiny', 240, 12, 4, 3),
];
const S = [vit('autoformer-small', 320, 12, 3, 5), vit('autoformer-small', 448, 14, 4, 7)];

function table(
  name: string,
  rows: [string, Record<string, number>][],
  spaces: GroundTruthSpace[],
  columns = ['top1', 'params'],
): GroundTruthTable {
  return {
    name,
    space: spaces[0]!,
    ...(spaces.length > 1 ? { spaces } : {}),
    keyKind: 'vit-text',
    columns,
    rows: new Map(rows),
    notes: [],
  };
}

// Rows interleave the two spaces; the second and fourth Ti rows have no top-1.
const OOD = table(
  'ood',
  [
    [TI[0]!, { top1: 75.3, params: 6 }],
    [S[0]!, { top1: 80.1, params: 22 }],
    [TI[1]!, { top1: Number.NaN, params: 7 }],
    [TI[2]!, { top1: 74.2, params: 8 }],
    [TI[3]!, { top1: Number.POSITIVE_INFINITY, params: 5 }],
    [S[1]!, { top1: 81.9, params: 30 }],
    [TI[4]!, { top1: 76, params: 9 }],
  ],
  ['autoformer-tiny', 'autoformer-small'],
);
const NB201 = table(
  'nb',
  [['|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|none~2|', { acc: 1 }]],
  ['nb201'],
  ['acc'],
);

describe('an imported table as the lecture’s candidates', () => {
  it('are the first n rows of the space with a finite value, in table order, with those values', () => {
    expect(tableLectureCandidates(OOD, 'top1', 'autoformer-tiny', 2)).toEqual({
      archs: [TI[0], TI[2]],
      accuracies: [75.3, 74.2],
      inSpace: 5,
      withValue: 3,
    });
    // More asked for than there are: all three with a value; the others are never made up.
    expect(tableLectureCandidates(OOD, 'top1', 'autoformer-tiny', 200)).toEqual({
      archs: [TI[0], TI[2], TI[4]],
      accuracies: [75.3, 74.2, 76],
      inSpace: 5,
      withValue: 3,
    });
    // Another column: every Ti row has a parameter count.
    expect(tableLectureCandidates(OOD, 'params', 'autoformer-tiny', 4).accuracies).toEqual([6, 7, 8, 5]);
  });

  it('take only the chosen space of a table spanning several', () => {
    expect(tableLectureCandidates(OOD, 'top1', 'autoformer-small', 5)).toEqual({
      archs: S,
      accuracies: [80.1, 81.9],
      inSpace: 2,
      withValue: 2,
    });
    expect(tableLectureCandidates(OOD, 'top1', 'autoformer-base', 5)).toEqual({
      archs: [],
      accuracies: [],
      inSpace: 0,
      withValue: 0,
    });
    // A column the table does not have gives no candidates (and no exception).
    expect(tableLectureCandidates(OOD, 'nope', 'autoformer-tiny', 5).archs).toEqual([]);
  });

  it('list only tables holding ViTs, with their spaces in table order', () => {
    expect(vitTables([NB201, OOD]).map((t) => t.name)).toEqual(['ood']);
    expect(lectureSpacesOf(OOD)).toEqual(['autoformer-tiny', 'autoformer-small']);
    const browser = table('web', [[vit('browser', 64, 2, 2, 2), { top1: 50 }]], ['browser']);
    expect(lectureSpacesOf(browser)).toEqual(['vit-browser']);
  });
});

describe('the lecture’s table choice', () => {
  const base = { ...defaultLectureState(), source: 'table' as const };

  it('uses the named table, column and space when the table has them', () => {
    const choice = resolveLectureTable(
      { ...base, table: 'ood', column: 'params', tableSpace: 'autoformer-small' },
      [NB201, OOD],
    );
    expect(choice).toMatchObject({ ok: true, column: 'params', space: 'autoformer-small', notes: [] });
    expect(choice.ok && choice.table).toBe(OOD);
    expect(choice.ok && choice.spaces).toEqual(['autoformer-tiny', 'autoformer-small']);
  });

  it('falls back to the accuracy column and the first space, saying what was used instead', () => {
    const choice = resolveLectureTable({ ...base, table: 'ood', column: '', tableSpace: null }, [OOD]);
    expect(choice).toMatchObject({ ok: true, column: 'top1', space: 'autoformer-tiny', notes: [] });
    const wrong = resolveLectureTable(
      { ...base, table: 'ood', column: 'acc5', tableSpace: 'autoformer-base' },
      [OOD],
    );
    expect(wrong).toMatchObject({ ok: true, column: 'top1', space: 'autoformer-tiny' });
    expect(wrong.ok && wrong.notes).toEqual([
      'The table "ood" has no column "acc5"; its column "top1" is used.',
      'The table "ood" has no AutoFormer-B rows; its AutoFormer-Ti rows are used.',
    ]);
  });

  it('says which table to import, and how, when the lecture names one not loaded here', () => {
    const choice = resolveLectureTable(
      { ...base, table: 'vit_autoprox_gt', column: 'cifar100_scratch', tableSpace: null },
      [OOD],
    );
    expect(choice).toEqual({
      ok: false,
      reason: 'missing',
      message:
        'This lecture compares against the column "cifar100_scratch" of the table "vit_autoprox_gt", which is not loaded here: import that file with "Import a table…" under Networks to see the plots (links never carry the table itself).',
    });
    const hidden = resolveLectureTable({ ...base, table: 'x', column: '', tableSpace: null }, [], true);
    expect(hidden.ok ? '' : hidden.message).toBe(
      'This lecture compares against the table "x", which is not loaded here: import that file in the Explorer\'s Ground truth panel (this link hides the lecture\'s Networks controls), then come back to this page (links never carry the table itself).',
    );
    const trained = resolveLectureTable(
      { ...base, table: 'trained: vit-browser x', column: 'c', tableSpace: null },
      [],
    );
    expect(trained.ok ? '' : trained.message).toContain('made by short training in the Explorer');
  });

  it('refuses a table of NAS-Bench-201 cells or one without value columns, and asks for a choice when none is named', () => {
    const nb = resolveLectureTable({ ...base, table: 'nb', column: 'acc', tableSpace: null }, [NB201]);
    expect(nb).toMatchObject({ ok: false, reason: 'not-vit' });
    expect(nb.ok ? '' : nb.message).toContain('holds NAS-Bench-201 cells, not ViTs');
    const bare = table('bare', [[TI[0]!, {}]], ['autoformer-tiny'], []);
    expect(
      resolveLectureTable({ ...base, table: 'bare', column: '', tableSpace: null }, [bare]),
    ).toMatchObject({
      ok: false,
      reason: 'no-columns',
    });
    expect(resolveLectureTable({ ...base, table: '', column: '', tableSpace: null }, [OOD])).toMatchObject({
      ok: false,
      reason: 'none',
    });
  });
});
