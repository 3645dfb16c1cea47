/** The command line's --param: which proxies a key reaches, how values read, and clear refusals. */
import { describe, expect, it } from 'vitest';
import { proxyParamsFromArgs } from './scoreParams';

describe('--param', () => {
  it('sets a bare key on every chosen proxy that has it, and a prefixed one on that proxy alone', () => {
    const parsed = proxyParamsFromArgs(
      ['repeats=5', 'vintk.alpha=1', 'vintk_rfp.sigma=10'],
      ['ntk_cond', 'vintk', 'vintk_rfp', 'params'],
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(Object.fromEntries(parsed.value)).toEqual({
      ntk_cond: { repeats: 5 },
      vintk: { repeats: 5, alpha: 1 },
      vintk_rfp: { repeats: 5, sigma: 10 },
      params: {},
    });
  });

  it('reads numbers, booleans and text; an init named only by the ViT family still counts as a parameter', () => {
    const parsed = proxyParamsFromArgs(
      ['zico.accumulate=false', 'init=vit', 'ntk_cond.method=loop'],
      ['ntk_cond', 'zico'],
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.get('zico')).toEqual({ accumulate: false, init: 'vit' });
    expect(parsed.value.get('ntk_cond')).toEqual({ init: 'vit', method: 'loop' });
  });

  it('refuses a malformed item, a proxy not chosen and a key no chosen proxy has, naming it', () => {
    const bad = (items: string[]) => {
      const parsed = proxyParamsFromArgs(items, ['ntk_cond', 'params']);
      return parsed.ok ? '' : parsed.error;
    };
    expect(bad(['repeats'])).toMatch(/must be key=value/);
    expect(bad(['vintk.alpha=1'])).toMatch(/vintk is not one of --proxies/);
    expect(bad(['sigma=3'])).toMatch(/no chosen proxy has a parameter "sigma".*ntk_cond: init, repeats/);
  });
});
