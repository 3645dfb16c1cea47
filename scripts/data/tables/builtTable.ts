/** What each table builder hands to build-tables.ts: the manifest entry (less size and hash) and the CSV. */
import type { ShippedTable } from '../../../src/core/groundtruth/shippedTables';
import type { ProjectId } from './projects';

export interface BuiltTable {
  /** For the NOTICE: what the table is, in a sentence. */
  about: string;
  entry: Omit<ShippedTable, 'bytes' | 'sha256'>;
  csv: string;
  /** For the NOTICE: each source file and the projects (and parts) its data comes from. */
  credits: { file: string; parts: { project: ProjectId; what: string }[] }[];
  /** For the NOTICE: what the build changed, one sentence each. */
  changes: string[];
}
