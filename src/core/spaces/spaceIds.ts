/**
 * The search spaces' ids, apart from their definitions, so modules that only check an id (share
 * links, workers' messages) need no more. The registry (registry.ts) is held to exactly this list.
 */

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

export function isSpaceId(value: unknown): value is SpaceId {
  return (SPACE_IDS as readonly unknown[]).includes(value);
}
