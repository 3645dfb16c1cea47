/** The NOTICE beside the shipped tables: for each file its sources, licences, changes, size and hash. */
import { BUILD_TABLES_COMMAND } from '../../../src/core/groundtruth/shippedTables';
import type { BuiltTable } from './builtTable';
import { PROJECTS } from './projects';

export interface NoticeTable {
  built: BuiltTable;
  bytes: number;
  sha256: string;
}

/** Words of `text` in lines of at most `width` characters, the first indented by `first`, the rest by `rest`. */
function wrap(text: string, first: string, rest = first, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  const indent = () => (lines.length === 0 ? first : rest);
  for (const word of text.split(' ')) {
    if (line !== '' && indent().length + line.length + 1 + word.length > width) {
      lines.push(indent() + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent() + line);
  return lines;
}

function tableSection({ built, bytes, sha256 }: NoticeTable): string[] {
  const { entry } = built;
  return [
    entry.file,
    '-'.repeat(entry.file.length),
    ...wrap(built.about, ''),
    `Rows: ${entry.rows}. Size: ${bytes} bytes. sha256: ${sha256}`,
    `Made by: ${BUILD_TABLES_COMMAND} (scripts/data/build-tables.ts)`,
    `Licence: ${entry.licence}`,
    'Sources (in ../shared/data):',
    ...built.credits.flatMap((credit) => [
      `  ${credit.file}`,
      ...credit.parts.flatMap((part) => {
        const p = PROJECTS[part.project];
        return wrap(`${part.what}: ${p.name}, ${p.url}, licence ${p.licence}.`, '    - ', '      ');
      }),
    ]),
    'What the build changed:',
    ...built.changes.flatMap((change) => wrap(change, '  - ', '    ')),
    ...wrap(
      `Key: column ${entry.keyColumn} (${entry.keyKind}). Value columns: ${entry.valueColumns.join(', ')}.`,
      '',
    ),
    '',
  ];
}

export function noticeText(tables: readonly NoticeTable[]): string {
  const head = [
    'Reference tables shipped with Spectral NAS Explorer',
    '===================================================',
    ...wrap(
      'Each .csv.gz file is a gzip-compressed CSV table (UTF-8, one header line, LF line ends) built by ' +
        `scripts/data/build-tables.ts (\`${BUILD_TABLES_COMMAND}\`) from the reference files in ../shared/data, ` +
        'after checking them against the numbers their README states. Values are copied as written; an empty ' +
        'cell means no value. tables.json lists the same files for the app. The licences named below are ' +
        'those of the original projects; their full texts are in LICENSES, beside this file. The data stay ' +
        'under their licences; cite the projects when you use them.',
      '',
    ),
    '',
  ];
  return [...head, ...tables.flatMap(tableSection)].join('\n');
}
