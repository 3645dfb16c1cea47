/**
 * The scoring command line, run as a user runs it (a child process): output lines, a bad
 * architecture line named with exit code 2 while the other lines are still scored, bad arguments.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nb201FromString, nb201ToString } from '../src/core/spaces/nb201/nb201';
import { naslibKey } from '../src/core/spaces/nb201/nb201Naslib';

function score(args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './scripts/node/register-tfjs-esm.mjs', 'scripts/score.ts', ...args],
    { encoding: 'utf8', cwd: process.cwd() },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const CELL = '|nor_conv_3x3~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|';

describe('npm run score', () => {
  it('scores every good line, names the bad one and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const archs = join(dir, 'archs.txt');
    const parsed = nb201FromString(CELL);
    if (!parsed.ok) throw new Error(parsed.error);
    // Line 1: NB201 string; line 2: garbage; line 3: the same cell as a NASLib tuple.
    writeFileSync(archs, `${CELL}\n|not_an_op~0|\n${naslibKey(parsed.value)}\n`);
    const out = join(dir, 'out.jsonl');
    const run = score(['--archs', archs, '--proxies', 'params,flops', '--out', out, '--backend', 'cpu']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 2/);
    const records = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => [r.arch, r.proxy])).toEqual([
      [nb201ToString(parsed.value), 'params'],
      [nb201ToString(parsed.value), 'flops'],
      [nb201ToString(parsed.value), 'params'],
      [nb201ToString(parsed.value), 'flops'],
    ]);
    for (const r of records) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['arch', 'proxy', 'value', 'backend', 'ms', 'warnings']),
      );
      expect(r.backend).toBe('cpu');
    }
    expect(records[0].value).toBe(records[2].value);
  });

  it('builds free NB201 fidelities: quick with C=16 and 5 cells per stage is the NB201 network itself', () => {
    // nb201.csv, arch 0 (|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|)
    // has 0.129306 M parameters (shared/data/README.md).
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const archs = join(dir, 'archs.txt');
    writeFileSync(
      archs,
      '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|\n',
    );
    const run = score([
      '--archs',
      archs,
      '--proxies',
      'params',
      '--channels',
      '16',
      '--cells',
      '5',
      '--backend',
      'cpu',
    ]);
    expect(run.code).toBe(0);
    const record = JSON.parse(run.stdout.trim());
    expect(record.value).toBe(129306);
    expect(record.fidelity).toMatch(/custom/);
    expect(score(['--archs', archs, '--proxies', 'params', '--channels', '0']).code).toBe(2);
  });

  it('rejects unknown proxies, spaces, datasets and a missing source of cells with exit code 2', () => {
    for (const args of [
      ['--sample', '2', '--proxies', 'magic'],
      ['--sample', '2', '--proxies', 'params', '--space', 'nb301'],
      ['--sample', '2', '--proxies', 'params', '--dataset', 'imagenet'],
      ['--proxies', 'params'],
      ['--sample', '2', '--proxies', 'az_progressivity', '--space', 'autoformer-tiny'],
    ]) {
      const run = score(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^score: /);
    }
  });

  it('scores in N processes (--jobs) and in shards (--shard K/N) exactly what one process scores', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const archs = join(dir, 'archs.txt');
    const cells = [
      '|nor_conv_3x3~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|',
      '|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|',
      'not a cell',
      '|avg_pool_3x3~0|+|skip_connect~0|none~1|+|nor_conv_3x3~0|nor_conv_1x1~1|none~2|',
      '|skip_connect~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_3x3~1|skip_connect~2|',
    ];
    writeFileSync(archs, `${cells.join('\n')}\n`);
    const common = ['--archs', archs, '--proxies', 'params,flops', '--backend', 'cpu'];
    /** (arch, proxy, value) of each record, sorted: the order of lines differs between runs. */
    const triples = (text: string) =>
      text
        .trim()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l))
        .map((r) => `${r.arch} ${r.proxy} ${r.value}`)
        .sort();
    const one = score(common);
    const two = score([...common, '--jobs', '2']);
    const shards = [0, 1, 2].map((k) => score([...common, '--shard', `${k}/3`]));
    expect(triples(one.stdout)).toHaveLength(8);
    expect(triples(two.stdout)).toEqual(triples(one.stdout));
    expect(triples(shards.map((r) => r.stdout).join('\n'))).toEqual(triples(one.stdout));
    // The bad line is named by its line number in the file, whichever process met it.
    for (const run of [one, two]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/line 3:/);
    }
    expect(shards.map((r) => r.code)).toEqual([0, 0, 2]);
    // The same shards written to files and merged by key (npm run score:merge) give what one
    // unsharded run writes: the same records, key for key.
    const one2 = join(dir, 'one.jsonl');
    score([...common, '--out', one2]);
    const shardFiles = [0, 1, 2].map((k) => join(dir, `shard-${k}.jsonl`));
    for (const [k, file] of shardFiles.entries()) score([...common, '--shard', `${k}/3`, '--out', file]);
    const merged = join(dir, 'merged.jsonl');
    const merge = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/scoreMerge.ts', '--out', merged, ...shardFiles],
      { encoding: 'utf8', cwd: process.cwd() },
    );
    expect(merge.status, merge.stderr).toBe(0);
    expect(merge.stdout).toContain('8 records');
    const byKey = (file: string) =>
      new Map(
        readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { key: string; value: number })
          .map((r) => [r.key, r.value]),
      );
    expect(byKey(merged)).toEqual(byKey(one2));
    for (const bad of [
      ['--shard', '2/2'],
      ['--shard', 'half'],
      ['--shard', '0/2', '--jobs', '2'],
    ]) {
      const run = score([...common, ...bad]);
      expect(run.code, bad.join(' ')).toBe(2);
      expect(run.stderr, bad.join(' ')).toMatch(/--shard|--jobs/);
    }
  });

  it('goes through the job runner: a rerun into the same --out computes only what is missing, past a torn line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const archs = join(dir, 'archs.txt');
    writeFileSync(archs, `${CELL}\n`);
    const out = join(dir, 'out.jsonl');
    const common = ['--archs', archs, '--out', out, '--backend', 'cpu'];
    expect(score([...common, '--proxies', 'params']).code).toBe(0);
    // A run killed mid-write leaves half a line.
    writeFileSync(out, `${readFileSync(out, 'utf8')}{"key":"abc","job":{"spa`);
    const again = score([...common, '--proxies', 'params,flops']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/1 score\(s\) already in/);
    const records = readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{') && l.endsWith('}'))
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.proxy)).toEqual(['params', 'flops']);
    for (const r of records) expect(r.key).toMatch(/^[0-9a-f]{64}$/);
    // A free fidelity is another computation: another key, computed, not taken from the file.
    const wider = score([...common, '--proxies', 'params', '--channels', '16']);
    expect(wider.stderr).not.toMatch(/already in/);
    const last = JSON.parse(readFileSync(out, 'utf8').trim().split('\n').pop()!);
    expect(last.key).not.toBe(records[0].key);
    expect(last.value).toBeGreaterThan(records[0].value);
  });

  it('fails loudly, in one line and with exit code 2, on an empty archs file and an --out in a missing folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '# nothing but a comment\n\n');
    const none = score(['--archs', empty, '--proxies', 'params', '--backend', 'cpu']);
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toMatch(/^score: --archs file .* holds no architectures/);
    const archs = join(dir, 'archs.txt');
    writeFileSync(archs, `${CELL}\n`);
    const lost = score([
      '--archs',
      archs,
      '--proxies',
      'params',
      '--out',
      join(dir, 'no', 'such', 'out.jsonl'),
    ]);
    expect(lost.code).toBe(2);
    expect(lost.stderr.split('\n')[0]).toMatch(/^score: the folder of --out .* does not exist/);
    expect(lost.stderr).not.toMatch(/\n\s+at /);
  });

  it('retries an error record: a failed job is not a finished one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const archs = join(dir, 'archs.txt');
    writeFileSync(archs, `${CELL}\n`);
    const out = join(dir, 'out.jsonl');
    const common = ['--archs', archs, '--out', out, '--backend', 'cpu', '--proxies', 'params'];
    expect(score(common).code).toBe(0);
    const good = JSON.parse(readFileSync(out, 'utf8').trim());
    const { value: _value, ...rest } = good;
    writeFileSync(out, `${JSON.stringify({ ...rest, error: 'out of memory' })}\n`);
    const again = score(common);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/already in/);
    const last = JSON.parse(readFileSync(out, 'utf8').trim().split('\n').pop()!);
    expect(last.key).toBe(good.key);
    expect(last.value).toBe(good.value);
  });
});
