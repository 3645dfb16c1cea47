/**
 * npm run score:combo -- --in SCORES.jsonl [--components a,b,c | --components az-nas] [--out COMBO.jsonl]
 * The AZ-NAS combo (src/core/stats/combo.ts) of the candidates in a score file (`npm run score`'s
 * output): one JSON line per candidate, {"arch","proxy":"combo","value","components","population"},
 * value null (and "missing") where a component has no score. Without --components, the components
 * chosen on the shipped NB201 quick set (src/core/stats/comboDefaults.ts); `az-nas` names AZ-NAS's own
 * four (az_expressivity, az_progressivity, az_trainability, flops). Without --out, stdout.
 * Bad arguments, an unknown or absent component, or a file mixing runs: a message and exit code 2.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isProxyId, type ProxyId } from '../src/core/proxies/ids';
import { AZ_NAS_COMPONENTS, NB201_QUICK_COMBO_COMPONENTS } from '../src/core/stats/comboDefaults';
import { comboRecords, scoreTable } from './scoreComboRecords';

function fail(message: string): never {
  console.error(`score:combo: ${message}`);
  console.error(
    'usage: npm run score:combo -- --in SCORES.jsonl [--components a,b,c | --components az-nas] [--out COMBO.jsonl]',
  );
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: { in: { type: 'string' }, components: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}
const options = parse();
if (!options.in) fail('--in is required');
if (!existsSync(options.in)) fail(`no such file: ${options.in}`);
/** A name for a fixed set of components: AZ-NAS's own four. */
const PRESETS: Record<string, readonly ProxyId[]> = { 'az-nas': AZ_NAS_COMPONENTS };
const named = options.components
  ? options.components
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '')
      .flatMap((c): readonly string[] => PRESETS[c] ?? [c])
  : [...NB201_QUICK_COMBO_COMPONENTS];
const unknown = named.filter((c) => !isProxyId(c));
if (unknown.length > 0) fail(`not proxies: ${unknown.join(', ')}`);
const components = [...new Set(named)] as ProxyId[];
if (components.length === 0) fail('--components names no proxy');

const table = scoreTable(readFileSync(options.in, 'utf8'));
if (table.skippedLines.length > 0)
  console.error(
    `score:combo: skipped ${table.skippedLines.length} line(s) that are not records: ${table.skippedLines.slice(0, 10).join(', ')}`,
  );
if (table.problems.length > 0) fail(table.problems.join('\n'));
const absent = components.filter((c) => !table.scores.has(c));
if (absent.length > 0)
  fail(
    `${options.in} has no scores for ${absent.join(', ')} (it has ${[...table.scores.keys()].join(', ')})`,
  );

const records = comboRecords(table, components);
const text = records.map((r) => JSON.stringify(r)).join('\n');
if (options.out) writeFileSync(options.out, text === '' ? '' : `${text}\n`);
else if (text !== '') process.stdout.write(`${text}\n`);
const ranked = records[0]?.population ?? 0;
console.error(
  `score:combo: ${components.join(' + ')} over ${ranked} of ${records.length} candidates` +
    `${ranked < records.length ? ` (${records.length - ranked} missing a component)` : ''}` +
    `${options.out ? ` -> ${options.out}` : ''}`,
);
