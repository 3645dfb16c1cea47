/**
 * reg_swap's OoD scores from swap's: reg_swap is swap's pattern count times the size factor
 * exp(−(P − μ)²/σ) (swapScore.ts regSwapScore), and with the defaults both count the same
 * patterns (same initialisations, same batch; the scorer itself shares the counts between them in
 * one process). So each swap score at the default settings gives the reg_swap score of that
 * network at the same seed: P from the network as the scorer builds it, μ and σ from the space at
 * the job's fidelity (swapRegulariser.ts). A direct `npm run score -- --proxies reg_swap` gives the
 * same numbers (docs/validation.md says on which networks this was checked).
 */
import { derivedRegulariser } from '../../src/core/proxies/swapRegulariser';
import { regularFactor } from '../../src/core/proxies/swapScore';
import { buildNetwork } from '../../src/core/spaces/architecture';
import type { FidelityPreset } from '../../src/core/spaces/fidelity';
import type { SpaceId } from '../../src/core/spaces/spaceIds';
import { paramsThousands } from '../../src/core/spaces/spaceSize';
import type { OodScore } from './oodRecords';

/** The reg_swap scores that the swap scores at default settings give, for networks that have none yet. */
export async function regSwapFromSwap(
  scores: readonly OodScore[],
  order: readonly string[],
  space: SpaceId,
  fidelity: FidelityPreset,
): Promise<OodScore[]> {
  const regulariser = derivedRegulariser({ id: space, fidelity });
  if (!regulariser.ok) throw new Error(`μ and σ of ${space}: ${regulariser.error}`);
  const { mu, sigma } = regulariser.value;
  const has = new Set(scores.filter((s) => s.proxy === 'reg_swap').map((s) => `${s.i} ${s.seed}`));
  const derived: OodScore[] = [];
  for (const s of scores) {
    if (s.proxy !== 'swap' || Object.keys(s.params).length > 0 || has.has(`${s.i} ${s.seed}`)) continue;
    const arch = order[s.i];
    if (arch === undefined) throw new Error(`no network ${s.i} in the order`);
    const built = await buildNetwork(space, arch, fidelity);
    if (!built.ok) throw new Error(`network ${s.i}: ${built.error}`);
    const factor = regularFactor(paramsThousands(built.value.network.specs), mu, sigma);
    derived.push({ i: s.i, proxy: 'reg_swap', params: {}, seed: s.seed, value: s.value * factor });
  }
  return derived;
}
