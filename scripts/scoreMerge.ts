/**
 * npm run score:merge -- --out MERGED.jsonl SHARD.jsonl [SHARD.jsonl …]
 * Unites the outputs of `npm run score` shards by key (scripts/scoreMergeRecords.ts). An existing
 * --out is read first, so shards can be merged in as they finish. Writes the merged file atomically,
 * prints what it read, skipped and recovered; exit code 2 for bad arguments or a missing input, 1 when
 * two shards disagree on a key's value (the merged file is still written, the first value kept).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { mergeScoreRecords } from './scoreMergeRecords';

function fail(message: string): never {
  console.error(`score:merge: ${message}`);
  console.error('usage: npm run score:merge -- --out MERGED.jsonl SHARD.jsonl [SHARD.jsonl …]');
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}
const parsed = parse();
const out = parsed.values.out;
if (!out) fail('--out is required');
const shards = parsed.positionals;
if (shards.length === 0) fail('name at least one shard file');
const missing = shards.filter((f) => !existsSync(f));
if (missing.length > 0) fail(`no such file: ${missing.join(', ')}`);

const inputs = [...(existsSync(out) ? [out] : []), ...shards].map((name) => ({
  name,
  text: readFileSync(name, 'utf8'),
}));
const result = mergeScoreRecords(inputs);
const text = result.records.map((r) => JSON.stringify(r)).join('\n');
writeFileSync(`${out}.partial`, text === '' ? '' : `${text}\n`);
renameSync(`${out}.partial`, out);

console.log(
  `score:merge: ${result.records.length} records (${result.read} read from ${inputs.length} files) -> ${out}`,
);
if (result.recovered > 0)
  console.log(`score:merge: ${result.recovered} failed records replaced by scored ones`);
for (const s of result.skipped.slice(0, 10))
  console.log(`score:merge: skipped ${s.file} line ${s.line}: not a record`);
if (result.skipped.length > 10)
  console.log(`score:merge: … ${result.skipped.length - 10} more lines skipped`);
for (const c of result.conflicts.slice(0, 10))
  console.error(
    `score:merge: conflict on ${c.key}: ${c.kept.value} (${c.kept.file}, kept) vs ${c.other.value} (${c.other.file}), relative difference ${c.relativeDifference.toExponential(2)}`,
  );
if (result.conflicts.length > 0) {
  console.error(`score:merge: ${result.conflicts.length} conflicting keys`);
  process.exit(1);
}
