/**
 * One entry per search space: what code outside the space's own modules needs to know of it, so
 * that it asks here instead of branching on the space's name. The architecture text, sampling and
 * index codec live in the space's modules (nb201.ts, vit.ts, mlp.ts, candidateIndex.ts); the
 * network builder in architecture.ts.
 */
import { candidateCodec } from './candidateIndex';
import { FIDELITY_PRESETS, type FidelityPreset } from './fidelity';
import { mlpFromString, mlpToString } from './mlp';
import { nb201FromString, nb201ToIndex, nb201ToString, type ParseResult } from './nb201';
import { nb201FromNaslibKey } from './nb201Naslib';
import type { SpaceFamily, SpaceId } from './spaceIds';
import { VIT_SPACES, type VitSpaceId, vitFromString, vitResolution, vitToString } from './vit';

export interface SearchSpace {
  id: SpaceId;
  /** The family a proxy's `spaces` list names. */
  family: SpaceFamily;
  /** Its name for people: 'NAS-Bench-201', 'AutoFormer-Ti', 'browser ViT', 'MLP'. */
  label: string;
  /** Its full name, as messages about imported tables write it ("Browser ViT (ours: patch 4, 32x32)"). */
  fullLabel: string;
  /** A space of our own making (small enough for a browser), not one from a paper. */
  ours: boolean;
  /** What one candidate is called, and several, each with a capital for the start of a sentence. */
  unit: { one: string; many: string; One: string; Many: string };
  /** The ViT family's own id of the space (vit.ts), or null outside the family. */
  vit: VitSpaceId | null;
  /** How ground-truth tables name the space ("browser" for the browser ViT), or null: no tables of it. */
  tableSpace: 'nb201' | VitSpaceId | null;
  /** What the candidates read: image batches of the view's data set, or points of the [0, 1) grid. */
  input: 'images' | 'grid';
  /** Whether the Explorer can train its candidates briefly for a ground truth. */
  trainable: boolean;
  /** A candidate's row name: "cell 123" (NB201), "#123 · e192 · depth 13" (ViT), "#123 · d3:w256:relu:o1:pos-l8" (MLP). */
  rowLabel(index: number, arch: string): string;
  /** What a fidelity preset means here (NB201: channels and cells; ViT: input size; MLP: as written). */
  describeFidelity(name: FidelityPreset): string;
  /** The index of a candidate a person wrote (pasted, imported), or why it is not one of this space's. */
  readCandidate(text: string): ParseResult<number>;
  /** NB201's whole space fits one worker call: params and FLOPs of every cell (wholeSpace.ts). */
  wholeSpaceColumns: boolean;
  /** The architecture text in its canonical form, or why it is not one of this space's. */
  canonical(text: string): ParseResult<string>;
  /** A candidate's index as a share link writes it, and back (null: not a code of this space). */
  link: { encode(index: number): string; decode(code: string): number | null; form: string };
}

const rewrite =
  <T>(parse: (text: string) => ParseResult<T>, write: (value: T) => string) =>
  (text: string): ParseResult<string> => {
    const parsed = parse(text);
    return parsed.ok ? { ok: true, value: write(parsed.value) } : parsed;
  };

/** Any space but NB201 writes its candidate index in base 36 (candidateIndex.ts). */
function base36Link(space: SpaceId): SearchSpace['link'] {
  return {
    encode: (index) => index.toString(36),
    decode(code) {
      if (!/^[0-9a-z]{1,11}$/.test(code)) return null;
      const index = Number.parseInt(code, 36);
      return Number.isSafeInteger(index) && index < candidateCodec(space).size ? index : null;
    },
    form: `in ${space}`,
  };
}

const ARCHITECTURE = {
  one: 'architecture',
  many: 'architectures',
  One: 'Architecture',
  Many: 'Architectures',
};

function vitSpace(id: SpaceId, vit: VitSpaceId, label: string): SearchSpace {
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
    readCandidate: (text) => candidateCodec(id).indexOf(text),
    wholeSpaceColumns: false,
    canonical: rewrite(vitFromString, vitToString),
    link: base36Link(id),
  };
}

export const SPACES: Readonly<Record<SpaceId, SearchSpace>> = {
  nb201: {
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
  },
  'autoformer-tiny': vitSpace('autoformer-tiny', 'autoformer-tiny', VIT_SPACES['autoformer-tiny'].label),
  'autoformer-small': vitSpace('autoformer-small', 'autoformer-small', VIT_SPACES['autoformer-small'].label),
  'autoformer-base': vitSpace('autoformer-base', 'autoformer-base', VIT_SPACES['autoformer-base'].label),
  'vit-browser': vitSpace('vit-browser', 'browser', 'browser ViT'),
  mlp: {
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
    readCandidate: (text) => candidateCodec('mlp').indexOf(text),
    wholeSpaceColumns: false,
    canonical: rewrite(mlpFromString, mlpToString),
    link: base36Link('mlp'),
  },
};

export function spaceOf(id: SpaceId): SearchSpace {
  return SPACES[id];
}

/** The Explorer's space id of a ViT sub-space (vit.ts's 'browser' is the Explorer's 'vit-browser'). */
export function spaceOfVit(vit: VitSpaceId): SpaceId {
  const found = Object.values(SPACES).find((s) => s.vit === vit);
  if (!found) throw new Error(`no space holds the ViT space ${vit}`);
  return found.id;
}

/** The space a ground-truth table's `space` names. */
export function spaceOfTable(tableSpace: 'nb201' | VitSpaceId): SpaceId {
  const found = Object.values(SPACES).find((s) => s.tableSpace === tableSpace);
  if (!found) throw new Error(`no space is named ${tableSpace} in tables`);
  return found.id;
}
