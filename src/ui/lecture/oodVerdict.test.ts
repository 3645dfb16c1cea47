/**
 * The shipped verdict (npm run validate:ood) reads, and says what its own rows say: the sentence's
 * network count and τ values are those of the rows it ships with.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOodVerdict } from './oodVerdict';

const shipped = JSON.parse(readFileSync('public/data/verdicts/ood-vit.json', 'utf8')) as unknown;

describe('the shipped OoD verdict', () => {
  it('parses, and its sentence quotes its rows', () => {
    const parsed = parseOodVerdict(shipped);
    if (!parsed.ok) throw new Error(parsed.error);
    const { verdict, rows } = parsed.value;
    const ntk = rows.find((r) => r.id === 'ntk_cond');
    expect(ntk).toBeDefined();
    expect(verdict).toContain(`On ${ntk!.n} OoD-ViT-NAS AutoFormer-Tiny networks`);
    expect(verdict).toContain(`against ${ntk!.tauOod!.toFixed(2)}`);
    const params = rows.find((r) => r.id === '#params (table)');
    expect(verdict).toContain(`τ ${params!.tauOod!.toFixed(2)}`);
    // Every ViNTK reading scored the same networks as the NTK it is compared with.
    for (const r of rows.filter((row) => row.id.startsWith('vintk'))) expect(r.n).toBe(ntk!.n);
  });

  it('refuses a damaged file with the field that is wrong', () => {
    const broken = { ...(shipped as Record<string, unknown>), verdict: '' };
    const parsed = parseOodVerdict(broken);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/verdicts\/ood-vit\.json: verdict/);
  });
});
