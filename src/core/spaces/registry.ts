/**
 * The app's search spaces: one line per space, each definition in its space's folder (nb201/,
 * vit/, mlp/). Code outside src/core/spaces asks here (or the registry a caller brings, for the
 * scoring path) instead of branching on a space's name.
 */
import { mlpSpace } from './mlp/mlpSpace';
import { nb201Space } from './nb201/nb201Space';
import { defineSpaceRegistry, type SearchSpace, type SpaceFamily, type SpaceRegistry } from './spaceRegistry';
import { VIT_SPACES, type VitSpaceId } from './vit/vit';
import { vitSpace } from './vit/vitSpaces';

export type { SearchSpace } from './spaceRegistry';

/** Every space by id: the only list of spaces (their ids, in the UI's order, are its keys: spaceIds.ts). */
export const SPACES = {
  nb201: nb201Space,
  'autoformer-tiny': vitSpace('autoformer-tiny', 'autoformer-tiny', VIT_SPACES['autoformer-tiny'].label),
  'autoformer-small': vitSpace('autoformer-small', 'autoformer-small', VIT_SPACES['autoformer-small'].label),
  'autoformer-base': vitSpace('autoformer-base', 'autoformer-base', VIT_SPACES['autoformer-base'].label),
  'vit-browser': vitSpace('vit-browser', 'browser', 'browser ViT'),
  mlp: mlpSpace,
} as const;

/** Space ids are fixed: the UI, the cache keys, the share URL and the command line all use them. */
export type SpaceId = keyof typeof SPACES;

/** The app's registry of the table above: what the scoring path uses unless a caller brings another. */
export const SPACE_REGISTRY: SpaceRegistry<SpaceId> = defineSpaceRegistry(SPACES);

export function spaceOf(id: SpaceId): SearchSpace<SpaceId> {
  return SPACES[id];
}

/** The family a proxy's `spaces` list names. */
export function spaceFamily(space: SpaceId): SpaceFamily {
  return SPACES[space].family;
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
