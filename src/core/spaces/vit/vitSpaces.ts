/** The ViT spaces as the registry knows them (spaceRegistry.ts): AutoFormer's three and our browser ViT. */
import { FIDELITY_PRESETS } from '../fidelity';
import { ARCHITECTURE, base36Link, rewrite } from '../spaceParts';
import type { SearchSpace } from '../spaceRegistry';
import { paramsThousands, SIZE_SAMPLE, SIZE_SAMPLE_SEED } from '../spaceSize';
import { VIT_SPACES, type VitSpaceId, vitFromString, vitResolution, vitSample, vitToString } from './vit';
import { vitCodec } from './vitCodec';
import { vitParamSpecs } from './vitParamSpecs';

/** The definition of the space `id`, which the ViT family calls `vit`. */
export function vitSpace<S extends string>(id: S, vit: VitSpaceId, label: string): SearchSpace<S> {
  const candidates = vitCodec(id, vit);
  return {
    id,
    family: 'vit',
    ours: vit === 'browser',
    label,
    fullLabel: VIT_SPACES[vit].label,
    unit: ARCHITECTURE,
    vit,
    tableSpace: vit,
    input: 'images',
    trainable: true,
    rowLabel(index, arch) {
      const parsed = vitFromString(arch);
      return parsed.ok
        ? `#${index} · e${parsed.value.embed} · depth ${parsed.value.mlpRatio.length}`
        : `#${index}`;
    },
    describeFidelity: (name) =>
      `${name} (${vitResolution(vit, name)} px, batch ${FIDELITY_PRESETS[name].batch})`,
    readCandidate: (text) => candidates.indexOf(text),
    wholeSpaceColumns: false,
    canonical: rewrite(vitFromString, vitToString),
    link: base36Link(id, candidates.size),
    candidates,
    loadBuilder: async () => (await import('./vitBuild')).vitBuilder(vit),
    // A seeded sample at the fidelity's input size and the job's classes (a space has up to 10^17 networks).
    paramCounts(fidelity, classes) {
      const preset = typeof fidelity === 'string' ? fidelity : fidelity.preset;
      const resolution = vitResolution(vit, preset);
      const outputs = classes ?? VIT_SPACES[vit].classes;
      const counts = Float64Array.from(vitSample(vit, SIZE_SAMPLE, SIZE_SAMPLE_SEED), (a) =>
        paramsThousands(vitParamSpecs(a, { resolution, classes: outputs })),
      );
      const source = `${SIZE_SAMPLE} ${id} networks (seed ${SIZE_SAMPLE_SEED}) at ${resolution} px, ${outputs} classes`;
      return { ok: true, value: { counts, source } };
    },
  };
}
