/**
 * Imported ground-truth tables and which column the plots compare against. Tables come from the
 * user's files (kept in IndexedDB by compute/groundTruthStore.ts); nothing is bundled.
 */
import { create } from 'zustand';
import type { GroundTruthTable, ImportError, RawTable } from '../core/groundtruth';

/** A file read and parsed, waiting for the user to choose its column mapping in the dialog. */
export interface PendingImport {
  /** Tells one pending import from the next, so the dialog starts afresh for each file. */
  id: number;
  fileName: string;
  raw: RawTable;
}

export interface GroundTruthState {
  tables: GroundTruthTable[];
  storage: { kind: 'indexeddb' | 'memory'; problem?: string } | null;
  /** The last import that failed: file name, line and reason (plain text). Tables already loaded stay. */
  importError: (ImportError & { file: string }) | null;
  /** What the last successful import noted (skipped rows, missing values). */
  importNotes: string[];
  importing: boolean;
  /** The parsed file the mapping dialog is open for; null when no dialog is open. */
  pendingImport: PendingImport | null;
  /** True once the stored tables have been read (so a missing table can be reported). */
  loaded: boolean;
}

export const useGroundTruthStore = create<GroundTruthState>()(() => ({
  tables: [],
  storage: null,
  importError: null,
  importNotes: [],
  importing: false,
  pendingImport: null,
  loaded: false,
}));

/** A sensible first column to compare against: a test accuracy if there is one. */
export function defaultColumn(table: GroundTruthTable): string | undefined {
  return (
    table.columns.find((c) => /cifar10_test|test/.test(c)) ??
    table.columns.find((c) => /acc|top1/i.test(c)) ??
    table.columns[0]
  );
}
