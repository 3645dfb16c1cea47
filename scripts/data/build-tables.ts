/**
 * Builds the reference tables the app ships (public/data/tables/, committed) from ../shared/data:
 *   nb201.csv.gz                   all 15 625 NAS-Bench-201 cells: accuracies, params, FLOPs
 *   autoformer-autoprox.csv.gz     Auto-Prox's 200 AutoFormer-Ti subnets and their accuracies
 *   published-nb201-scores.csv.gz  NASWOT jacob_cov (all cells) and NAS-Bench-Suite-Zero scores
 *   tables.json                    the manifest the app reads (src/core/groundtruth/shippedTables.ts)
 *   NOTICE                         source, licence and transformation of each file
 *   LICENSES                       the full texts of those licences
 * Every table is checked against the numbers ../shared/data/README.md states before anything is
 * written, and built twice to make sure the bytes are reproducible. vit_oodvitnas_autoformer.csv has
 * no known licence and is never shipped.
 * For maintainers: a clone without ../shared/data uses the committed files and never runs this.
 * Run: npm run build:tables [-- --check]   (--check compares with the committed files; exit 1 if stale)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  BUILD_TABLES_COMMAND,
  parseShippedManifest,
  SHIPPED_MANIFEST_FILE,
  SHIPPED_MANIFEST_FORMAT,
  SHIPPED_MANIFEST_VERSION,
  SHIPPED_TABLES_DIR,
  type ShippedManifest,
  shippedTableFromCsv,
} from '../../src/core/groundtruth/shippedTables';
import { missingReferences, REFERENCE_DIR, readReference } from '../kit/referenceData';
import { AUTOPROX_SOURCE, buildAutoproxTable } from './tables/autoproxTable';
import type { BuiltTable } from './tables/builtTable';
import { TableCheckError } from './tables/check';
import { LICENSES_FILE, licensesText } from './tables/licences';
import { buildNb201Table, NB201_SOURCE, nb201BenchmarkRows } from './tables/nb201Table';
import { noticeText } from './tables/notice';
import { buildPublishedScoresTable, NASWOT_SOURCE, NBSZ_SOURCE } from './tables/publishedScoresTable';
import { reproducibleGzip } from './tables/reproducibleGzip';
import { readSourceCsv } from './tables/sourceCsv';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED_DATA = REFERENCE_DIR;
const OUT_DIR = join(ROOT, 'public', SHIPPED_TABLES_DIR);
const NOTICE_FILE = 'NOTICE';
const SOURCES = [NB201_SOURCE, AUTOPROX_SOURCE, NASWOT_SOURCE, NBSZ_SOURCE];

const log = (line: string) => console.log(`[build-tables] ${line}`);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Output file name → bytes, in the order they are listed. */
type Outputs = Map<string, Uint8Array>;

function readSources(): Map<string, string> {
  const texts = new Map<string, string>();
  for (const name of SOURCES) texts.set(name, readReference(name));
  return texts;
}

function buildTables(texts: ReadonlyMap<string, string>): BuiltTable[] {
  const source = (name: string) => readSourceCsv(name, texts.get(name)!);
  const nb201 = source(NB201_SOURCE);
  return [
    buildNb201Table(nb201),
    buildAutoproxTable(source(AUTOPROX_SOURCE)),
    buildPublishedScoresTable(source(NBSZ_SOURCE), source(NASWOT_SOURCE), nb201BenchmarkRows(nb201)),
  ];
}

function buildOutputs(texts: ReadonlyMap<string, string>): Outputs {
  const tables = buildTables(texts).map((built) => {
    const gz = reproducibleGzip(built.csv);
    return { built, gz, bytes: gz.length, sha256: sha256(gz) };
  });
  const manifest: ShippedManifest = {
    format: SHIPPED_MANIFEST_FORMAT,
    version: SHIPPED_MANIFEST_VERSION,
    generatedBy: 'scripts/data/build-tables.ts',
    notice: NOTICE_FILE,
    tables: tables.map((t) => ({ ...t.built.entry, bytes: t.bytes, sha256: t.sha256 })),
  };
  const parsed = parseShippedManifest(manifest);
  if (!parsed.ok) throw new TableCheckError(`the manifest built does not parse: ${parsed.error}`);
  // The app's own path from CSV to GroundTruthTable must accept every table as built.
  for (const [i, t] of tables.entries()) {
    const table = shippedTableFromCsv(parsed.value.tables[i]!, gunzipSync(t.gz).toString('utf8'));
    if (!table.ok) throw new TableCheckError(`${t.built.entry.file} does not import: ${table.error.reason}`);
  }
  const outputs: Outputs = new Map(tables.map((t) => [t.built.entry.file, t.gz]));
  outputs.set(SHIPPED_MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  outputs.set(NOTICE_FILE, Buffer.from(noticeText(tables), 'utf8'));
  outputs.set(LICENSES_FILE, Buffer.from(licensesText(), 'utf8'));
  return outputs;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Why the committed file differs from the built one, or null when it is the same. */
function staleReason(name: string, built: Uint8Array): string | null {
  const path = join(OUT_DIR, name);
  if (!existsSync(path)) return 'missing';
  const committed = readFileSync(path);
  if (sameBytes(committed, built)) return null;
  if (name.endsWith('.gz')) {
    try {
      if (gunzipSync(committed).equals(gunzipSync(built)))
        return 'same table, different compressed bytes (another zlib build?)';
    } catch {
      return 'not a gzip file';
    }
  }
  return 'content differs';
}

/** Writes beside the target and renames, so a killed run never leaves half a file under its name. */
function writeAtomically(path: string, data: Uint8Array): void {
  writeFileSync(`${path}.partial`, data);
  renameSync(`${path}.partial`, path);
}

function main(): number {
  const checkOnly = process.argv.includes('--check');
  if (!existsSync(SHARED_DATA)) {
    console.error(
      `[build-tables] the reference data folder ${SHARED_DATA} is missing.\n` +
        '  This script rebuilds public/data/tables/ from ../shared/data (beside the checkout) and is for\n' +
        '  maintainers only; the built tables are committed, so a clone needs nothing from it.',
    );
    return 1;
  }
  const absent = missingReferences(SOURCES);
  if (absent.length > 0) {
    console.error(`[build-tables] missing in ${SHARED_DATA}: ${absent.join(', ')}`);
    return 1;
  }
  const started = performance.now();
  let outputs: Outputs;
  try {
    const texts = readSources();
    outputs = buildOutputs(texts);
    // Reproducibility: a second build from the same text must give the same bytes.
    const again = buildOutputs(texts);
    for (const [name, bytes] of outputs) {
      if (!sameBytes(bytes, again.get(name)!)) throw new TableCheckError(`${name}: two builds differ`);
    }
  } catch (error) {
    if (!(error instanceof TableCheckError)) throw error;
    console.error(`[build-tables] check failed, nothing written: ${error.message}`);
    return 1;
  }
  for (const [name, bytes] of outputs) log(`${name}: ${bytes.length} bytes (${kilobytes(bytes.length)})`);
  const total = [...outputs].filter(([n]) => n.endsWith('.gz')).reduce((s, [, b]) => s + b.length, 0);
  log(`tables in all: ${kilobytes(total)}; built twice with identical bytes`);

  if (checkOnly) {
    const stale = [...outputs].flatMap(([name, bytes]) => {
      const reason = staleReason(name, bytes);
      return reason ? [`${name}: ${reason}`] : [];
    });
    if (stale.length > 0) {
      console.error(
        `[build-tables] ${relative(ROOT, OUT_DIR)} is stale; run ${BUILD_TABLES_COMMAND}:\n  ${stale.join('\n  ')}`,
      );
      return 1;
    }
    log(`${relative(ROOT, OUT_DIR)} is up to date`);
    return 0;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, bytes] of outputs) writeAtomically(join(OUT_DIR, name), bytes);
  log(
    `wrote ${outputs.size} files to ${relative(ROOT, OUT_DIR)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return 0;
}

process.exitCode = main();
