/**
 * Reads one pre-scored set that ships with the app (public/data/prescored/prescored.json and its
 * .jsonl.gz), for unit tests that judge proxies on shipped data only.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  type PrescoredEntry,
  type PrescoredSet,
  parsePrescoredManifest,
  prescoredEntries,
} from '../core/proxies/prescoredSet';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/data/prescored');

export interface ShippedPrescored {
  set: PrescoredSet;
  /** One proxy's values in the set's arch order; NaN where the set has no record. */
  column(proxy: string): number[];
  /** The whole record of one proxy on one arch, if the set has it. */
  record(proxy: string, arch: string): PrescoredEntry | undefined;
}

export function readShippedPrescored(id: string): ShippedPrescored {
  const manifest = parsePrescoredManifest(JSON.parse(readFileSync(resolve(DIR, 'prescored.json'), 'utf8')));
  if (!manifest.ok) throw new Error(manifest.error);
  const set = manifest.value.sets.find((s) => s.id === id);
  if (!set) throw new Error(`prescored.json lists no ${id} set`);
  const { entries } = prescoredEntries(gunzipSync(readFileSync(resolve(DIR, set.file))).toString('utf8'));
  const byKey = new Map(entries.map((e) => [`${e.job.proxy} ${e.job.arch}`, e]));
  const record = (proxy: string, arch: string) => byKey.get(`${proxy} ${arch}`);
  return {
    set,
    record,
    column: (proxy) => set.archs.map((a) => record(proxy, a)?.result.value ?? Number.NaN),
  };
}
