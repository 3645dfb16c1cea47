/**
 * public/data/manifest.json: what scripts/data/prepare-data.ts made, from which package, how the
 * images were chosen, and the sha256 of every shard, so the app and the tests can tell a shard is
 * the one the recipe makes. The script rewrites everything when RECIPE_VERSION changes.
 */
import type { ParseResult } from '../util/parseResult';
import type { Normalisation } from './imageDataset';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'snx-data-manifest';
/** Bump when the selection of images or the shard layout changes: old shards are then remade. */
export const RECIPE_VERSION = 1;
/** The command that makes the files, for every "data missing" message. */
export const PREPARE_DATA_COMMAND = 'npm run prepare-data';

export interface ManifestSource {
  package: string;
  version: string;
  /** The npm tarball's sha512 integrity string. */
  integrity: string;
  /** Files inside the package the shard was made from. */
  files: string[];
}

export interface ManifestEntry {
  file: string;
  dataset: string;
  split: 'train' | 'test';
  count: number;
  perClass: number;
  shape: [number, number, number];
  classes: number;
  classNames: string[];
  bytes: number;
  sha256: string;
  source: ManifestSource;
  /** How the images were chosen from the source, in words. */
  selection: string;
  normalisation: Normalisation;
}

export interface DataManifest {
  format: typeof MANIFEST_FORMAT;
  recipe: number;
  generatedBy: string;
  files: ManifestEntry[];
}

/** Checks the parts of a manifest the app relies on; the rest is for people to read. */
export function parseManifest(text: string): ParseResult<DataManifest> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `${MANIFEST_FILE} is not JSON` };
  }
  const candidate = json as Partial<DataManifest> | null;
  if (!candidate || candidate.format !== MANIFEST_FORMAT || !Array.isArray(candidate.files)) {
    return { ok: false, error: `${MANIFEST_FILE} is not a dataset manifest` };
  }
  const broken = candidate.files.find(
    (f) => typeof f?.file !== 'string' || typeof f.sha256 !== 'string' || typeof f.bytes !== 'number',
  );
  if (broken !== undefined)
    return { ok: false, error: `${MANIFEST_FILE} has an entry without file, bytes, sha256` };
  return { ok: true, value: candidate as DataManifest };
}
