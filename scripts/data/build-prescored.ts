/**
 * npm run build:prescored -- --id nb201-quick --name "…" --records OUT.jsonl --command "npm run score -- …"
 *
 * Turns the JSON lines of an `npm run score` run into a shipped pre-scored set: only architectures
 * with a record for every proxy of the run are kept (a run stopped part-way leaves its last ones
 * incomplete; failed records are not scores), in the run's order, gzip-compressed reproducibly into
 * public/data/prescored/<id>.jsonl.gz; prescored.json lists the set and NOTICE gives the command.
 * `--check` verifies the shipped files against prescored.json instead (no ../shared needed).
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROXY_IDS, type ProxyId } from '../../src/core/proxies/ids';
import {
  PRESCORED_DIR,
  PRESCORED_FORMAT,
  PRESCORED_MANIFEST_FILE,
  PRESCORED_VERSION,
  type PrescoredManifest,
  type PrescoredSet,
  parsePrescoredManifest,
  prescoredEntries,
} from '../../src/core/proxies/prescoredSet';
import { failWith } from '../kit/cli';
import { reproducibleGzip } from './tables/reproducibleGzip';

const OUT_DIR = join('public', PRESCORED_DIR);
const MANIFEST_PATH = join(OUT_DIR, PRESCORED_MANIFEST_FILE);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const fail: (message: string) => never = failWith('build:prescored');

function readManifest(): PrescoredManifest {
  if (!existsSync(MANIFEST_PATH)) return { format: PRESCORED_FORMAT, version: PRESCORED_VERSION, sets: [] };
  const parsed = parsePrescoredManifest(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')));
  if (!parsed.ok) fail(parsed.error);
  return parsed.value;
}

function noticeText(manifest: PrescoredManifest): string {
  const lines = [
    'Pre-scored sets shipped with Spectral NAS Explorer',
    '',
    "Our own scores, computed by this project's command line (`npm run score`, one thread, WebAssembly",
    'backend) and loaded into the score cache on a first visit. They are ours (the licence of this',
    'repository); the architectures they score come from the search spaces named below. Each file is',
    "the command's JSON lines, keeping only architectures with a record for every proxy, gzip-compressed",
    'by scripts/data/build-prescored.ts.',
    '',
  ];
  for (const set of manifest.sets) {
    lines.push(
      `${set.file}: ${set.name}`,
      `  ${set.archs.length} architectures × ${set.proxies.length} proxies = ${set.records} records, ` +
        `${set.fidelity} fidelity, seed ${set.seed}`,
      `  made by: ${set.command}`,
      '',
    );
  }
  return lines.join('\n');
}

function check(): number {
  const manifest = readManifest();
  let bad = 0;
  for (const set of manifest.sets) {
    const path = join(OUT_DIR, set.file);
    const bytes = existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
    const why = !bytes
      ? 'is missing'
      : sha256(bytes) !== set.sha256
        ? `does not match its sha256 in ${PRESCORED_MANIFEST_FILE}`
        : null;
    if (why) {
      console.error(`build:prescored --check: ${path} ${why}`);
      bad++;
    }
  }
  if (bad === 0)
    console.log(`build:prescored --check: ${manifest.sets.length} set(s) match ${MANIFEST_PATH}`);
  return bad === 0 ? 0 : 1;
}

function build(options: { id: string; name: string; records: string; command: string }): number {
  // A run still writing (or stopped) may leave a torn last line: that record is not kept.
  const lines = readFileSync(options.records, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const last = lines.at(-1);
  if (last !== undefined && prescoredEntries(last).badLines > 0) lines.pop();
  const { entries, badLines } = prescoredEntries(lines.join('\n'));
  if (badLines > 0) fail(`${options.records}: ${badLines} line(s) are not score records`);
  if (entries.length === 0) fail(`${options.records} holds no scores`);
  const first = entries[0]!.job;
  const proxies = PROXY_IDS.filter((p) => entries.some((e) => e.job.proxy === p));
  // Records by architecture, in the run's order; one record per proxy (the last, as a rerun appends).
  const byArch = new Map<string, Map<ProxyId, string>>();
  const linesByKey = new Map(lines.map((l) => [(JSON.parse(l) as { key: string }).key, l]));
  for (const e of entries) {
    const { space, seed, fidelity } = e.job;
    if (space !== first.space || seed !== first.seed || fidelity !== first.fidelity)
      fail('the records mix spaces, seeds or fidelities: make one set per run');
    const arch = byArch.get(e.job.arch) ?? new Map<ProxyId, string>();
    arch.set(e.job.proxy, linesByKey.get(e.key)!);
    byArch.set(e.job.arch, arch);
  }
  const complete = [...byArch].filter(([, records]) => proxies.every((p) => records.has(p)));
  if (complete.length === 0) fail('no architecture has a record for every proxy');
  const text = `${complete.flatMap(([, records]) => proxies.map((p) => records.get(p)!)).join('\n')}\n`;
  const gz = reproducibleGzip(text);
  const set: PrescoredSet = {
    id: options.id,
    file: `${options.id}.jsonl.gz`,
    name: options.name,
    space: first.space,
    seed: first.seed,
    fidelity: first.fidelity,
    proxies,
    archs: complete.map(([arch]) => arch),
    records: complete.length * proxies.length,
    bytes: gz.length,
    sha256: sha256(gz),
    command: options.command,
  };
  const manifest = readManifest();
  manifest.sets = [...manifest.sets.filter((s) => s.id !== set.id), set].sort((a, b) =>
    a.id < b.id ? -1 : 1,
  );
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, set.file), gz);
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 1)}\n`);
  writeFileSync(join(OUT_DIR, 'NOTICE'), noticeText(manifest));
  console.log(
    `build:prescored: ${set.file}: ${set.archs.length} of ${byArch.size} architectures complete, ` +
      `${proxies.length} proxies, ${set.records} records, ${(gz.length / 1024).toFixed(0)} KiB`,
  );
  return 0;
}

const { values } = parseArgs({
  options: {
    id: { type: 'string' },
    name: { type: 'string' },
    records: { type: 'string' },
    command: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});
if (values.check) process.exit(check());
if (!values.id || !/^[a-z0-9-]+$/.test(values.id)) fail('--id must be lower-case letters, digits and -');
if (!values.name || !values.records || !values.command) fail('--name, --records and --command are required');
process.exit(build({ id: values.id, name: values.name, records: values.records, command: values.command }));
