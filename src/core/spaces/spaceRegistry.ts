/**
 * What a search space is to the rest of the app: one definition per space (in the space's folder),
 * and a registry made from a table of them. Code outside src/core/spaces asks a registry instead of
 * branching on a space's name; the scoring path takes the registry it is given, so a test can add a
 * toy space with one file and one line (src/core/spaces/toySpace.test.ts).
 */
import type { Network } from '../nn/network';
import type { ParseResult } from '../util/parseResult';
import type { CandidateCodec } from './candidateCodec';
import type { Fidelity, FidelityPreset } from './fidelity';
import type { SpaceParamCounts } from './spaceSize';
import type { VitSpaceId } from './vit/vit';

/** The family a proxy's `spaces` list names: spaces of one family take the same proxies and defaults. */
export type SpaceFamily = 'nb201' | 'vit' | 'mlp';

export interface BuiltNetwork {
  /** The architecture text in its canonical form. */
  arch: string;
  network: Network;
  /** What the fidelity meant for this network ("quick: C=8, 1 cell(s)/stage, 32 px"). */
  fidelityNote: string;
}

/** From architecture text at a fidelity to its network; `classesOverride` replaces the space's own classes. */
export type NetworkBuilder = (
  text: string,
  fidelity: Fidelity,
  classesOverride?: number,
) => ParseResult<BuiltNetwork>;

export interface SearchSpace<S extends string = string> {
  id: S;
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
  /** Every architecture as an index, and the space's seeded sampler. */
  candidates: CandidateCodec<S>;
  /**
   * The network builder, loaded on first use: networks need tfjs, and the page's own bundle
   * (which reads this registry for labels and links) never builds one.
   */
  loadBuilder(): Promise<NetworkBuilder>;
  /** The parameter counts of the space's networks at a fidelity (reg_swap's size regulariser), or why none. */
  paramCounts(fidelity: Fidelity, classes?: number): ParseResult<SpaceParamCounts>;
}

export interface SpaceRegistry<S extends string> {
  /** The spaces' ids in the table's order (the UI's). */
  readonly ids: readonly S[];
  has(value: unknown): value is S;
  /** The space's definition; throws on an id the registry does not hold. */
  get(id: S): SearchSpace<S>;
}

export function defineSpaceRegistry<const D extends Record<string, SearchSpace>>(
  definitions: D,
): SpaceRegistry<keyof D & string> {
  type S = keyof D & string;
  for (const [key, space] of Object.entries(definitions)) {
    if (space.id !== key || space.candidates.space !== key) {
      throw new Error(
        `the registry line "${key}" holds the space "${space.id}" (codec "${space.candidates.space}")`,
      );
    }
  }
  const has = (value: unknown): value is S => typeof value === 'string' && Object.hasOwn(definitions, value);
  return {
    ids: Object.keys(definitions) as S[],
    has,
    get(id) {
      if (!has(id)) throw new Error(`unknown search space "${String(id).slice(0, 40)}"`);
      // Each line's id is its key (checked above), so the entry is a SearchSpace<S>.
      return definitions[id] as unknown as SearchSpace<S>;
    },
  };
}
