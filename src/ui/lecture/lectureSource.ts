/** Where the lecture's networks and accuracies come from (LectureView.tsx): the shipped table, imported tables, a table chosen as the source. */
import { useEffect, useMemo, useState } from 'react';
import type { GroundTruthTable } from '../../core/groundtruth';
import { SPACES } from '../../core/spaces/registry';
import { defaultColumn } from '../../state/groundTruthState';
import type { LectureState } from '../../state/lectureState';
import { resolveLectureTable, tableLectureCandidates } from '../../state/lectureTable';
import { loadShippedTable, SHIPPED_COLUMN, type ShippedTable } from './shippedTable';

export function useShippedTable(): ShippedTable | null {
  const [shipped, setShipped] = useState<ShippedTable | null>(null);
  useEffect(() => {
    let live = true;
    void loadShippedTable().then((t) => live && setShipped(t));
    return () => {
      live = false;
    };
  }, []);
  return shipped;
}

/** Accuracy of an architecture: the shipped table first, then the user's imported browser-ViT tables. */

export function accuracyOf(
  arch: string,
  shipped: ShippedTable | null,
  imported: readonly GroundTruthTable[],
): number | undefined {
  const own = shipped?.ok ? shipped.table.rows.get(arch)?.[SHIPPED_COLUMN] : undefined;
  if (own !== undefined && Number.isFinite(own)) return own;
  for (const table of imported) {
    if (table.space !== SPACES['vit-browser'].tableSpace) continue;
    const column = defaultColumn(table);
    const value = column ? table.rows.get(arch)?.[column] : undefined;
    if (value !== undefined && Number.isFinite(value)) return value;
  }
  return undefined;
}

/** What the lecture's 'table' source gives: the choice as resolved, and its candidates. */

export function useTableSource(lecture: LectureState, imported: readonly GroundTruthTable[]) {
  const { source, table, column, tableSpace, n, hide } = lecture;
  const sourceHidden = hide.includes('source');
  const choice = useMemo(
    () =>
      source === 'table' ? resolveLectureTable({ table, column, tableSpace }, imported, sourceHidden) : null,
    [source, table, column, tableSpace, imported, sourceHidden],
  );
  const candidates = useMemo(
    () => (choice?.ok ? tableLectureCandidates(choice.table, choice.column, choice.space, n) : null),
    [choice, n],
  );
  return { choice, candidates };
}
