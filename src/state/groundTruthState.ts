/**
 * Ground-truth tables: those that ship with the app (public/data/tables, loaded in a worker after the
 * first paint) and those imported from the user's files (kept in IndexedDB by
 * compute/groundTruthStore.ts). `tables` lists both, shipped first; the plots pick one by name.
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

/** A shipped file that could not be loaded: which, and why (plain text). */
export interface ShippedProblem {
  what: string;
  why: string;
}

export interface GroundTruthState {
  /** Shipped tables, then imported ones (an imported name equal to a shipped one is suffixed). */
  tables: GroundTruthTable[];
  shipped: GroundTruthTable[];
  imported: GroundTruthTable[];
  /** Shipped data: not yet asked for, on its way, or arrived (with or without problems). */
  shippedStatus: 'idle' | 'loading' | 'loaded';
  shippedProblems: ShippedProblem[];
  /** Where tables are kept, what went wrong opening it, and stored records skipped as damaged. */
  storage: { kind: 'indexeddb' | 'memory'; problem?: string; skipped?: readonly string[] } | null;
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
  shipped: [],
  imported: [],
  shippedStatus: 'idle',
  shippedProblems: [],
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

/** Suffix of an imported table listed beside a shipped table of the same name (kept from before). */
export const IMPORTED_SUFFIX = ' (imported)';

/** Shipped tables first; an imported table never hides a shipped one of the same name. */
export function mergedTables(
  shipped: readonly GroundTruthTable[],
  imported: readonly GroundTruthTable[],
): GroundTruthTable[] {
  const names = new Set(shipped.map((t) => t.name));
  return [
    ...shipped,
    ...imported.map((t) => (names.has(t.name) ? { ...t, name: `${t.name}${IMPORTED_SUFFIX}` } : t)),
  ];
}

/** Publishes the shipped or the imported tables (or both); `tables` follows. */
export function publishTables(patch: { shipped?: GroundTruthTable[]; imported?: GroundTruthTable[] }): void {
  useGroundTruthStore.setState((s) => {
    const shipped = patch.shipped ?? s.shipped;
    const imported = patch.imported ?? s.imported;
    return { shipped, imported, tables: mergedTables(shipped, imported) };
  });
}

/** True when `name` is a table that ships with the app. */
export function isShippedTableName(name: string): boolean {
  return useGroundTruthStore.getState().shipped.some((t) => t.name === name);
}
