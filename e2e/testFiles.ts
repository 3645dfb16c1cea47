/**
 * Files the end-to-end tests import, as temporary files: the source layouts of src/test (made from the
 * tables that ship with the app, public/data/tables, or written by the test where a source may not
 * ship), never ../shared, so a clone without it passes. Each keeps its source's file name, which the
 * import turns into the table's name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type VitArch, type VitSpaceId, vitSample, vitToString } from '../src/core/spaces/vit/vit';
import { nb201SourceLayoutCsv } from '../src/test/shippedData';
import { autoProxLayoutCsv, naslibShapedFile, oodLayoutCsv } from '../src/test/sourceLayouts';

/** Writes `text` as `name` in a fresh temporary folder and returns its path. */
export function writeTempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'snx-e2e-')), name);
  writeFileSync(path, text);
  return path;
}

/** NAS-Bench-201's table in its source layout (nb201.csv), rebuilt from the shipped one. */
export const nb201CsvFile = (): string => writeTempFile('nb201.csv', nb201SourceLayoutCsv());

/** Auto-Prox's table in its layout (vit_autoprox_gt.csv): the shipped AutoFormer-Ti rows, PiT-Ti rows. */
export const autoProxCsvFile = (): string => writeTempFile('vit_autoprox_gt.csv', autoProxLayoutCsv());

/** NASLib's zero-cost file layout (nb201_zc_naslib.json), from the shipped Suite-Zero cells. */
export const naslibZcJsonFile = (): string => writeTempFile('nb201_zc_naslib.json', naslibShapedFile().text);

/**
 * OoD-ViT-NAS's layout (vit_oodvitnas_autoformer.csv; its real file has no licence and never ships):
 * `perSupernet` distinct seeded samples each of AutoFormer-Ti, -S and -B, in that order.
 */
export function oodLayoutCsvFile(perSupernet = 1001): string {
  const spaces: VitSpaceId[] = ['autoformer-tiny', 'autoformer-small', 'autoformer-base'];
  const archs: VitArch[] = [];
  for (const space of spaces) {
    const seen = new Set<string>();
    for (let seed = 1; seen.size < perSupernet; seed++) {
      for (const arch of vitSample(space, perSupernet, seed)) {
        if (seen.size === perSupernet || seen.has(vitToString(arch))) continue;
        seen.add(vitToString(arch));
        archs.push(arch);
      }
    }
  }
  return writeTempFile('vit_oodvitnas_autoformer.csv', oodLayoutCsv(archs).text);
}
