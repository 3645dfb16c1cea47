import { describe, expect, it } from 'vitest';
import { readShippedRows } from '../../../test/shippedData';
import { autoProxArchJson, autoProxLayoutCsv, oodLayoutCsv } from '../../../test/sourceLayouts';
import { paramSize } from '../../nn/paramSpec';
import {
  VIT_SPACES,
  type VitArch,
  vitFromAutoProxJson,
  vitFromOodRow,
  vitFromString,
  vitSample,
  vitSpaceSize,
  vitToString,
} from './vit';
import { vitParamSpecs } from './vitParamSpecs';

/** Minimal CSV reader for the reference tables (quoted fields with "" escapes). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trim().split('\n')) {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted && c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        fields.push(field);
        field = '';
      } else field += c;
    }
    fields.push(field);
    rows.push(fields);
  }
  return rows;
}

const paramsOf = (arch: VitArch) =>
  vitParamSpecs(arch, { resolution: 224, classes: 1000 }).reduce((s, spec) => s + paramSize(spec), 0);

describe('ViT spaces', () => {
  it('parses OoD-ViT-NAS rows of all three supernets; our params + 7 680 relative-position parameters per layer equal the counts as published', () => {
    // OoD-ViT-NAS's file has no licence and never ships: the rows are written in its layout by
    // src/test/sourceLayouts.ts for sampled AutoFormer-Ti/S/B subnets, with params_m from AutoFormer's
    // parameter count worked out by hand there. scripts/validate/referenceFiles.ts checks all 3 003
    // rows of the source file the same way.
    const archs = [
      ...vitSample('autoformer-tiny', 40, 11),
      ...vitSample('autoformer-small', 40, 12),
      ...vitSample('autoformer-base', 40, 13),
    ];
    const [header, ...rows] = csvRows(oodLayoutCsv(archs).text);
    const col = (name: string) => header!.indexOf(name);
    let checked = 0;
    for (const row of rows) {
      if (row[col('supernet')] === 'supernet') continue;
      const parsed = vitFromOodRow(
        row[col('supernet')]!,
        row[col('embed_dim')]!,
        row[col('mlp_ratio_json')]!,
        row[col('num_heads_json')]!,
      );
      if (!parsed.ok) throw new Error(`row ${row[col('id')]}: ${parsed.error}`);
      // params_m as written in the row: AutoFormer's count, by hand (autoformerPublishedParams).
      const published = Math.round(Number(row[col('params_m')]) * 1e6);
      expect(paramsOf(parsed.value) + 7680 * parsed.value.mlpRatio.length).toBe(published);
      expect(vitToString(parsed.value)).toBe(vitToString(archs[checked]!));
      checked++;
    }
    expect(checked).toBe(archs.length);
  });

  it('parses the 200 AutoFormer-Ti rows of Auto-Prox and round-trips every architecture through its string', () => {
    // Auto-Prox's table as shipped (public/data/tables/autoformer-autoprox.csv.gz), put back into
    // vit_autoprox_gt.csv's layout (arch_json written from each row's key, 100 PiT-Ti rows after) by
    // src/test/sourceLayouts.ts. scripts/validate/referenceFiles.ts does the same on the source file.
    const keys = readShippedRows('autoformer-autoprox.csv.gz').map((r) => r.arch!);
    const [header, ...rows] = csvRows(autoProxLayoutCsv());
    const ti = rows.filter((r) => r[header!.indexOf('space')] === 'AutoFormer-Ti');
    expect(ti).toHaveLength(200);
    ti.forEach((row, i) => {
      const json = row[header!.indexOf('arch_json')]!;
      expect(json).toBe(autoProxArchJson(keys[i]!));
      const parsed = vitFromAutoProxJson('autoformer-tiny', json);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(vitToString(parsed.value)).toBe(keys[i]);
      expect(vitFromString(vitToString(parsed.value))).toEqual({ ok: true, value: parsed.value });
    });
  });

  it('rejects architectures outside their space with a reason', () => {
    expect(vitFromString('vit:ti:e200:m4:h3')).toMatchObject({ ok: false });
    expect(vitFromString('vit:ti:e192:m4,4:h3')).toMatchObject({ ok: false }); // depth 2 not allowed
    expect(vitFromString('vit:zz:e192:m4:h3')).toMatchObject({ ok: false });
    expect(
      vitFromAutoProxJson('autoformer-tiny', '{"hidden_dim":192,"mlp_ratio":[4],"depth":3,"num_heads":[3]}'),
    ).toMatchObject({ ok: false });
  });

  it('counts the spaces: Σ_depth |embed|·(|ratio|·|heads|)^depth', () => {
    expect(vitSpaceSize(VIT_SPACES['autoformer-tiny'])).toBe(3 * (4 ** 12 + 4 ** 13 + 4 ** 14));
    expect(vitSpaceSize(VIT_SPACES.browser)).toBe(3 * (36 + 6 ** 3 + 6 ** 4 + 6 ** 5 + 6 ** 6));
  });

  it('samples valid architectures reproducibly', () => {
    const a = vitSample('autoformer-small', 50, 3);
    expect(a.map(vitToString)).toEqual(vitSample('autoformer-small', 50, 3).map(vitToString));
    for (const arch of a) expect(vitFromString(vitToString(arch)).ok).toBe(true);
  });
});
