/** NAS-Bench-201 as the registry knows it (spaceRegistry.ts): its names, codec, link, builder and sizes. */
import { FIDELITY_PRESETS, nb201Fidelity } from '../fidelity';
import { rewrite } from '../spaceParts';
import type { SearchSpace } from '../spaceRegistry';
import { paramsThousands } from '../spaceSize';
import { NB201_CELL_COUNT, nb201FromIndex, nb201FromString, nb201ToIndex, nb201ToString } from './nb201';
import { nb201Codec } from './nb201Codec';
import { nb201FromNaslibKey } from './nb201Naslib';
import { nb201ParamSpecs } from './nb201ParamSpecs';

export const nb201Space: SearchSpace<'nb201'> = {
  id: 'nb201',
  family: 'nb201',
  ours: false,
  label: 'NAS-Bench-201',
  fullLabel: 'NAS-Bench-201',
  unit: { one: 'cell', many: 'cells', One: 'Cell', Many: 'Cells' },
  vit: null,
  tableSpace: 'nb201',
  input: 'images',
  trainable: true,
  rowLabel: (index) => `cell ${index}`,
  describeFidelity(name) {
    const f = FIDELITY_PRESETS[name];
    return `${name} (C=${f.channels}, ${f.cellsPerStage} cell${f.cellsPerStage > 1 ? 's' : ''}/stage)`;
  },
  // NB201 strings, or NASLib's operation tuples "(0, 2, 3, 2, 3, 1)".
  readCandidate(text) {
    const parsed = /^[([]/.test(text.trim()) ? nb201FromNaslibKey(text) : nb201FromString(text);
    return parsed.ok ? { ok: true, value: nb201ToIndex(parsed.value) } : parsed;
  },
  wholeSpaceColumns: true,
  canonical: rewrite(nb201FromString, nb201ToString),
  // An NB201 cell as its six base-5 operation digits ("012340").
  link: {
    encode: (index) => index.toString(5).padStart(6, '0'),
    decode: (code) => (/^[0-4]{6}$/.test(code) ? Number.parseInt(code, 5) : null),
    form: 'six base-5 digits',
  },
  candidates: nb201Codec,
  loadBuilder: async () => (await import('./nb201Build')).nb201Build,
  // Every one of the 15 625 cells: counting needs no tfjs (nb201ParamSpecs).
  paramCounts(fidelity) {
    const settings = nb201Fidelity(fidelity);
    if (!settings.ok) return settings;
    const f = settings.value;
    const counts = new Float64Array(NB201_CELL_COUNT);
    for (let i = 0; i < NB201_CELL_COUNT; i++)
      counts[i] = paramsThousands(nb201ParamSpecs(nb201FromIndex(i), f));
    const source = `all ${NB201_CELL_COUNT} NB201 cells at C=${f.channels}, ${f.cellsPerStage} cell(s)/stage`;
    return { ok: true, value: { counts, source } };
  },
};
