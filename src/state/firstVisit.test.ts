/** The views a first visit opens on are made from the shipped manifests (public/data, committed). */
import { describe, expect, it } from 'vitest';
import prescored from '../../public/data/prescored/prescored.json' with { type: 'json' };
import tables from '../../public/data/tables/tables.json' with { type: 'json' };
import { nb201FromIndex, nb201ToString } from '../core/spaces/nb201/nb201';
import { FIRST_EXPLORER_COLUMN, firstVisitView, preparedLectureState } from './firstVisit';
import { mergedTables } from './groundTruthState';

describe('firstVisitView', () => {
  it('shows the pre-scored NB201 cells with every pre-scored proxy against the shipped CIFAR-10 test accuracy', () => {
    const set = prescored.sets.find((s) => s.id === 'nb201-quick')!;
    const view = firstVisitView();
    expect(view.added.map((c) => nb201ToString(nb201FromIndex(c)))).toEqual(set.archs);
    expect(view.sampleSize).toBe(0);
    expect(new Set(view.proxies)).toEqual(new Set(set.proxies));
    expect(view.seed).toBe(set.seed);
    const nb201 = tables.tables.find((t) => t.id === 'nb201')!;
    expect(view.truth).toEqual({ table: nb201.name, column: FIRST_EXPLORER_COLUMN });
    expect(nb201.accuracyColumns).toContain(FIRST_EXPLORER_COLUMN);
  });
});

describe('preparedLectureState', () => {
  it('opens on the shipped Auto-Prox table with the seed its pre-scored set was made with', () => {
    const set = prescored.sets.find((s) => s.id === 'autoformer-ti-quick')!;
    const lecture = preparedLectureState();
    expect(lecture.source).toBe('table');
    expect(lecture.table).toBe(tables.tables.find((t) => t.id === 'autoformer-autoprox')!.name);
    expect(lecture.tableSpace).toBe('autoformer-tiny');
    expect(lecture.seed).toBe(set.seed);
    expect(lecture.n).toBeLessThanOrEqual(set.archs.length);
  });
});

describe('mergedTables', () => {
  const table = (name: string) => ({
    name,
    space: 'nb201' as const,
    keyKind: 'nb201-string' as const,
    columns: [],
    rows: new Map(),
    notes: [],
  });
  it('lists shipped tables first and never lets an imported one hide a shipped one of the same name', () => {
    const merged = mergedTables([table('NAS-Bench-201')], [table('mine'), table('NAS-Bench-201')]);
    expect(merged.map((t) => t.name)).toEqual(['NAS-Bench-201', 'mine', 'NAS-Bench-201 (imported)']);
  });
});
