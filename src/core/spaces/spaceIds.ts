/** The search spaces' ids: the keys of the registry's table (registry.ts), in its order. */
import { SPACES, type SpaceId } from './registry';

export type { SpaceFamily } from './spaceRegistry';
export type { SpaceId };

export const SPACE_IDS = Object.keys(SPACES) as readonly SpaceId[];

export function isSpaceId(value: unknown): value is SpaceId {
  return typeof value === 'string' && Object.hasOwn(SPACES, value);
}
