/** The Spectral Lab's MLP space as the registry knows it (spaceRegistry.ts). */
import { FIDELITY_PRESETS } from '../fidelity';
import { ARCHITECTURE, base36Link, rewrite } from '../spaceParts';
import type { SearchSpace } from '../spaceRegistry';
import { paramsThousands, SIZE_SAMPLE, SIZE_SAMPLE_SEED } from '../spaceSize';
import { mlpFromString, mlpSample, mlpToString } from './mlp';
import { mlpCodec } from './mlpCodec';
import { mlpParamSpecs } from './mlpParamSpecs';

const candidates = mlpCodec();

export const mlpSpace: SearchSpace<'mlp'> = {
  id: 'mlp',
  family: 'mlp',
  ours: true,
  label: 'MLP',
  fullLabel: 'MLP (the Spectral Lab’s coordinate networks)',
  unit: ARCHITECTURE,
  vit: null,
  tableSpace: null,
  input: 'grid',
  trainable: false,
  rowLabel: (index, arch) =>
    mlpFromString(arch).ok ? `#${index} · ${arch.replace(/^mlp:in\d+:/, '')}` : `#${index}`,
  describeFidelity: (name) => `${name} (batch ${FIDELITY_PRESETS[name].batch})`,
  readCandidate: (text) => candidates.indexOf(text),
  wholeSpaceColumns: false,
  canonical: rewrite(mlpFromString, mlpToString),
  link: base36Link('mlp', candidates.size),
  candidates,
  loadBuilder: async () => (await import('./mlpBuild')).mlpBuild,
  paramCounts() {
    const counts = Float64Array.from(mlpSample(SIZE_SAMPLE, SIZE_SAMPLE_SEED), (a) =>
      paramsThousands(mlpParamSpecs(a)),
    );
    return { ok: true, value: { counts, source: `${SIZE_SAMPLE} MLPs (seed ${SIZE_SAMPLE_SEED})` } };
  },
};
