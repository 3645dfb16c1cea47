/**
 * The tables in public/data/tables as committed (never ../shared/data: a clone without it must pass).
 * Expected numbers are those ../shared/data/README.md and the NB201 paper state, and single values read
 * by eye from the source files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NB201_CELL_COUNT, nb201FromIndex, nb201ToString } from '../spaces/nb201/nb201';
import { vitFromString, vitToString } from '../spaces/vit/vit';
import { parseTable } from '.';
import {
  BUILD_TABLES_COMMAND,
  parseShippedManifest,
  SHIPPED_MANIFEST_FILE,
  type ShippedManifest,
  type ShippedTable,
  shippedTableFromCsv,
} from './shippedTables';
import type { GroundTruthTable } from './types';

const TABLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../public/data/tables');
/** NB201's benchmark arch 0, whose cost ../shared/data/README.md states. */
const BENCHMARK_ARCH_0 =
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|';

function readManifest(): ShippedManifest {
  const path = resolve(TABLES_DIR, SHIPPED_MANIFEST_FILE);
  if (!existsSync(path))
    throw new Error(`${path} is missing: it is committed; ${BUILD_TABLES_COMMAND} remakes it`);
  const parsed = parseShippedManifest(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const manifest = readManifest();
const entry = (id: string): ShippedTable => {
  const found = manifest.tables.find((t) => t.id === id);
  if (!found) throw new Error(`tables.json lists no table "${id}"`);
  return found;
};
const csvOf = (table: ShippedTable) =>
  gunzipSync(readFileSync(resolve(TABLES_DIR, table.file))).toString('utf8');
function built(id: string): GroundTruthTable {
  const result = shippedTableFromCsv(entry(id), csvOf(entry(id)));
  if (!result.ok) throw new Error(result.error.reason);
  return result.value;
}
const values = (t: GroundTruthTable, column: string) => [...t.rows.values()].map((r) => r[column]!);
const present = (t: GroundTruthTable, column: string) => values(t, column).filter(Number.isFinite);
const best = (t: GroundTruthTable, column: string) => Math.max(...present(t, column)).toFixed(2);

describe('public/data/tables/tables.json', () => {
  it('lists the three tables, none made from the unlicensed OoD-ViT-NAS file', () => {
    expect(manifest.tables.map((t) => t.id)).toEqual([
      'nb201',
      'autoformer-autoprox',
      'published-nb201-scores',
    ]);
    expect(manifest.tables.flatMap((t) => t.sources)).not.toContain('vit_oodvitnas_autoformer.csv');
  });

  it.each(manifest.tables.map((t) => [t.file, t] as const))(
    '%s has the size and sha256 listed',
    (_, table) => {
      const bytes = readFileSync(resolve(TABLES_DIR, table.file));
      expect(bytes.length).toBe(table.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(table.sha256);
      // gzip header: no mtime, OS byte 255 (scripts/data/tables/reproducibleGzip.ts).
      expect([...bytes.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
      expect(bytes.readUInt32LE(4)).toBe(0);
      expect(bytes[9]).toBe(255);
      expect(csvOf(table).split('\n', 1)[0]!.split(',')).toContain(table.keyColumn);
    },
  );

  it('has a NOTICE naming every file with its sha256 and licence', () => {
    const notice = readFileSync(resolve(TABLES_DIR, manifest.notice), 'utf8');
    for (const table of manifest.tables) {
      expect(notice).toContain(`${table.file}\n`);
      expect(notice).toContain(`sha256: ${table.sha256}`);
      expect(notice).toContain(`Licence: ${table.licence}`);
    }
    expect(existsSync(resolve(TABLES_DIR, 'vit_oodvitnas_autoformer.csv.gz'))).toBe(false);
  });
});

describe('nb201.csv.gz', () => {
  const table = built('nb201');

  it('holds all 15 625 cells with no value missing', () => {
    expect(table.space).toBe('nb201');
    expect(table.rows.size).toBe(15_625);
    expect(table.notes).toEqual([]);
  });

  it('reaches the best test accuracies of the NB201 paper', () => {
    expect(best(table, 'cifar10_test')).toBe('94.37');
    expect(best(table, 'cifar100_test')).toBe('73.51');
    expect(best(table, 'imagenet16_test')).toBe('47.31');
  });

  it("has NB201's arch 0 with 0.129306 M params and 15.64737 M FLOPs", () => {
    const arch0 = table.rows.get(BENCHMARK_ARCH_0);
    expect(arch0?.params_m).toBe(0.129306);
    expect(arch0?.flops_m).toBe(15.64737);
  });

  it('lists row i as our cell i, and keeps the benchmark index (arch 0 is benchmark row 0)', () => {
    const raw = parseTable(csvOf(entry('nb201')), 'nb201.csv');
    if (!raw.ok) throw new Error(raw.error.reason);
    const arch = raw.value.columns.indexOf('arch');
    const benchmark = raw.value.columns.indexOf('benchmark_index');
    expect(raw.value.rows).toHaveLength(NB201_CELL_COUNT);
    raw.value.rows.forEach((row, i) => {
      if (row.cells[arch] !== nb201ToString(nb201FromIndex(i))) throw new Error(`row ${i} is not cell ${i}`);
    });
    const indices = raw.value.rows.map((row) => Number(row.cells[benchmark]));
    expect(new Set(indices).size).toBe(NB201_CELL_COUNT);
    expect(Math.min(...indices)).toBe(0);
    expect(Math.max(...indices)).toBe(NB201_CELL_COUNT - 1);
    expect(raw.value.rows[indices.indexOf(0)]!.cells[arch]).toBe(BENCHMARK_ARCH_0);
  });
});

describe('autoformer-autoprox.csv.gz', () => {
  const table = built('autoformer-autoprox');

  it('holds the 200 AutoFormer-Ti subnets, every key a valid AutoFormer-Ti architecture', () => {
    expect(table.space).toBe('autoformer-tiny');
    expect(table.rows.size).toBe(200);
    for (const key of table.rows.keys()) {
      const arch = vitFromString(key);
      if (!arch.ok) throw new Error(`${key}: ${arch.error}`);
      expect(arch.value.space).toBe('autoformer-tiny');
      expect(vitToString(arch.value)).toBe(key);
    }
    // gt_autoformer_2 (100 of the rows) has no from-scratch results.
    expect(table.notes).toContain('cifar100_scratch: 100 of 200 values missing (kept as NaN)');
  });

  it("reads Auto-Prox's first row as written in the source", () => {
    const row = table.rows.get('vit:ti:e192:m3.5,4,3.5,4,3.5,3.5,4,3.5,4,4,4,3.5:h4,4,3,4,3,3,4,4,3,3,3,4');
    expect(row?.cifar100_scratch).toBe(68.66);
    expect(row?.imagenet_supernet_inherited).toBe(74.64400003);
  });
});

describe('published-nb201-scores.csv.gz', () => {
  const table = built('published-nb201-scores');
  // A cell in both NAS-Bench-Suite-Zero runs (values read from the source file's two rows).
  const inBoth =
    '|nor_conv_1x1~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|skip_connect~2|';

  it('holds a row for every NB201 cell', () => {
    expect(table.space).toBe('nb201');
    expect(table.rows.size).toBe(15_625);
  });

  it("has NASWOT's jacob_cov for all but the README's 341 dead cells", () => {
    expect(present(table, 'naswot.cifar10.jacob_cov')).toHaveLength(15_625 - 341);
    expect(table.rows.get(BENCHMARK_ARCH_0)?.['naswot.cifar10.jacob_cov']).toBe(-776.4428597251838);
  });

  it('has the 725 NASLib-subset and 1 562 sample cells of NAS-Bench-Suite-Zero on CIFAR-10', () => {
    expect(present(table, 'nbsz_naslib.cifar10.jacov')).toHaveLength(725);
    expect(present(table, 'nbsz_archviz.cifar10.jacov')).toHaveLength(1562);
    expect(table.rows.get(inBoth)?.['nbsz_naslib.cifar10.jacov']).toBe(-38.41205733936127);
    expect(table.rows.get(inBoth)?.['nbsz_archviz.cifar10.jacov']).toBe(-115.21412003971692);
    expect(table.rows.get(inBoth)?.['nbsz.cifar10.naslib_valacc']).toBe(84.98);
    // NASLib's subset has no zen scores; the sample has them all.
    expect(present(table, 'nbsz_naslib.cifar10.zen')).toHaveLength(0);
    expect(present(table, 'nbsz_archviz.cifar10.zen')).toHaveLength(1562);
  });
});
