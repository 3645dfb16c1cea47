/** The search spaces' ids, apart from the networks (no tfjs), so lean modules and workers can check them. */

export const SPACE_IDS = [
  'nb201',
  'autoformer-tiny',
  'autoformer-small',
  'autoformer-base',
  'vit-browser',
  'mlp',
] as const;
export type SpaceId = (typeof SPACE_IDS)[number];

/** The family a proxy's `spaces` list names. */
export type SpaceFamily = 'nb201' | 'vit' | 'mlp';

export function spaceFamily(space: SpaceId): SpaceFamily {
  return space === 'nb201' || space === 'mlp' ? space : 'vit';
}

export function isSpaceId(value: unknown): value is SpaceId {
  return (SPACE_IDS as readonly unknown[]).includes(value);
}
