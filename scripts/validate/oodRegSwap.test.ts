import { describe, expect, it } from 'vitest';
import { derivedRegulariser } from '../../src/core/proxies/swapRegulariser';
import { vitResolution } from '../../src/core/spaces/architecture';
import { paramsThousands } from '../../src/core/spaces/spaceSize';
import { VIT_SPACES, vitSample, vitToString } from '../../src/core/spaces/vit/vit';
import { vitParamSpecs } from '../../src/core/spaces/vit/vitParamSpecs';
import type { OodScore } from './oodRecords';
import { regSwapFromSwap } from './oodRegSwap';

const archs = vitSample('autoformer-tiny', 2, 5);
const order = archs.map(vitToString);
const swap = (i: number, value: number, params = {}): OodScore => ({
  i,
  proxy: 'swap',
  params,
  seed: 0,
  value,
});

describe('reg_swap from swap on the OoD networks', () => {
  it('multiplies each default swap score by exp(−(P − μ)²/σ), P counted from the parameter shapes', async () => {
    const regulariser = derivedRegulariser({ id: 'autoformer-tiny', fidelity: 'quick' });
    if (!regulariser.ok) throw new Error(regulariser.error);
    const { mu, sigma } = regulariser.value;
    const fidelity = {
      resolution: vitResolution('autoformer-tiny', 'quick'),
      classes: VIT_SPACES['autoformer-tiny'].classes,
    };
    const derived = await regSwapFromSwap([swap(0, 1000), swap(1, 2000)], order, 'autoformer-tiny', 'quick');
    expect(derived.map((d) => [d.i, d.proxy, d.seed])).toEqual([
      [0, 'reg_swap', 0],
      [1, 'reg_swap', 0],
    ]);
    for (const [k, base] of [1000, 2000].entries()) {
      const p = paramsThousands(vitParamSpecs(archs[k]!, fidelity));
      const factor = Math.exp(-((p - mu) ** 2) / sigma);
      expect(factor).toBeGreaterThan(0);
      expect(factor).toBeLessThanOrEqual(1);
      expect(derived[k]!.value).toBeCloseTo(base * factor, 9);
    }
  });

  it('leaves swap scores at other settings alone and never derives a score that is there', async () => {
    const existing: OodScore = { i: 1, proxy: 'reg_swap', params: {}, seed: 0, value: 5 };
    const derived = await regSwapFromSwap(
      [swap(0, 1000, { repeats: 4 }), swap(1, 2000), existing],
      order,
      'autoformer-tiny',
      'quick',
    );
    expect(derived).toEqual([]);
  });
});
