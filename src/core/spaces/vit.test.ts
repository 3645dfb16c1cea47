import { describe, expect, it } from 'vitest';
import { readSharedData } from '../../test/sharedData';
import { paramSize } from '../nn/paramSpec';
import { vitParamSpecs } from '../nn/vitParamSpecs';
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
  it('parses all 3 003 OoD-ViT-NAS subnets; our params + 7 680 relative-position parameters per layer equal the published counts', () => {
    const [header, ...rows] = csvRows(readSharedData('vit_oodvitnas_autoformer.csv'));
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
      const published = Math.round(Number(row[col('params_m')]) * 1e6);
      expect(paramsOf(parsed.value) + 7680 * parsed.value.mlpRatio.length).toBe(published);
      checked++;
    }
    expect(checked).toBe(3003);
  });

  it('parses the 200 AutoFormer-Ti rows of Auto-Prox and round-trips every architecture through its string', () => {
    const [header, ...rows] = csvRows(readSharedData('vit_autoprox_gt.csv'));
    const ti = rows.filter((r) => r[header!.indexOf('space')] === 'AutoFormer-Ti');
    expect(ti).toHaveLength(200);
    for (const row of ti) {
      const parsed = vitFromAutoProxJson('autoformer-tiny', row[header!.indexOf('arch_json')]!);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(vitFromString(vitToString(parsed.value))).toEqual({ ok: true, value: parsed.value });
    }
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
