/**
 * LICENSES, beside the shipped tables: the full texts of the licences the NOTICE names (Apache-2.0
 * §4(a) asks for a copy of the licence with the data, MIT for its notice and copyright line). The
 * texts are committed in scripts/data/licences/ (Apache-2.0 as Debian's common-licenses has it;
 * NASWOT's LICENCE file as its repository has it).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LICENSES_FILE = 'LICENSES';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../licences');

const SECTIONS: { title: string; appliesTo: string; file: string }[] = [
  {
    title: 'Apache License 2.0',
    appliesTo:
      'RoBoT (https://github.com/hzf1174/RoBoT: the test accuracies, params and FLOPs in nb201.csv.gz), ' +
      'Auto-Prox (https://github.com/lliai/Auto-Prox-AAAI24: autoformer-autoprox.csv.gz) and NASLib ' +
      '(https://github.com/automl/NASLib: the nbsz columns of published-nb201-scores.csv.gz).',
    file: 'Apache-2.0.txt',
  },
  {
    title: 'MIT License of NASWOT',
    appliesTo:
      'NASWOT (https://github.com/BayesWatch/nas-without-training: cifar10_valid in nb201.csv.gz and the ' +
      'naswot column of published-nb201-scores.csv.gz).',
    file: 'MIT-NASWOT.txt',
  },
];

export function licensesText(): string {
  const rule = '='.repeat(100);
  return SECTIONS.map(
    (s) =>
      `${rule}\n${s.title}\nApplies to: ${s.appliesTo}\n${rule}\n\n${readFileSync(join(DIR, s.file), 'utf8')}`,
  ).join('\n');
}
