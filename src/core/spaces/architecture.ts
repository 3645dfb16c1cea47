/**
 * One entry point from (space, architecture text, fidelity) to a Network, for the command line,
 * the workers and the validation scripts: the space's own builder (SearchSpace.loadBuilder), from
 * the app's registry unless the caller brings another. Parsing errors are values, never exceptions.
 */
import type { ParseResult } from '../util/parseResult';
import type { Fidelity } from './fidelity';
import { nb201Fidelity } from './fidelity';
import { SPACE_REGISTRY, spaceFamily } from './registry';
import type { SpaceId } from './spaceIds';
import type { BuiltNetwork, SpaceRegistry } from './spaceRegistry';
import { vitResolution } from './vit/vit';

export { isSpaceId, SPACE_IDS, type SpaceId } from './spaceIds';
export { type Fidelity, nb201Fidelity, spaceFamily, vitResolution };

/** Architecture text in its canonical form plus its network at the given fidelity. */
export async function buildNetwork<S extends string = SpaceId>(
  space: S,
  text: string,
  fidelity: Fidelity,
  /** Output classes in place of the space's own (e.g. 100 to score ViTs for CIFAR-100). */
  classesOverride?: number,
  spaces: SpaceRegistry<S> = SPACE_REGISTRY as unknown as SpaceRegistry<S>,
): Promise<ParseResult<BuiltNetwork>> {
  const build = await spaces.get(space).loadBuilder();
  return build(text, fidelity, classesOverride);
}
