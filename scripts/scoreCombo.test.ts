/**
 * npm run score:combo as a user runs it (a child process): `--components az-nas` names AZ-NAS's four,
 * and its values equal the combo of those four named one by one; an unknown name is refused.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AZ_NAS_COMPONENTS } from '../src/core/stats/comboDefaults';
import { NB201_PARTS } from './validate/nb201Parts';

function scoreCombo(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scoreCombo.ts', ...args], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const records = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { arch: string; value: number | null; components: string[] });

describe('npm run score:combo', () => {
  it("--components az-nas is AZ-NAS's four, the same as naming them", () => {
    const preset = scoreCombo(['--in', NB201_PARTS.paper.out, '--components', 'az-nas']);
    const named = scoreCombo(['--in', NB201_PARTS.paper.out, '--components', AZ_NAS_COMPONENTS.join(',')]);
    expect(preset.code).toBe(0);
    expect(named.code).toBe(0);
    const a = records(preset.stdout);
    expect(a).toHaveLength(145);
    expect(a[0]!.components).toEqual([...AZ_NAS_COMPONENTS]);
    expect(a).toEqual(records(named.stdout));
  });

  it('refuses a name that is neither a proxy nor a preset', () => {
    const run = scoreCombo(['--in', NB201_PARTS.paper.out, '--components', 'az-nas,zen']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not proxies: zen');
  });
});
