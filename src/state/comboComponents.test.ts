import { describe, expect, it } from 'vitest';
import { comboComponentsOf, DEFAULT_VIEW_STATE, toggleComboComponent } from './viewState';

describe('the view’s combo components', () => {
  it('default to comboDefaults.ts, keeping only the proxies the view scores, in the combo’s order', () => {
    const all = { combo: null, proxies: ['params', 'synflow', 'nwot', 'ntk_cond', 'jacob_cov'] as const };
    expect(comboComponentsOf({ ...all, proxies: [...all.proxies] })).toEqual([
      'nwot',
      'synflow',
      'ntk_cond',
      'jacob_cov',
    ]);
    expect(comboComponentsOf({ combo: ['params', 'nwot'], proxies: ['nwot', 'params', 'swap'] })).toEqual([
      'params',
      'nwot',
    ]);
  });

  it('are none when fewer than two of them are scored (one proxy’s rank is no combination)', () => {
    // The default view scores params and synflow: only synflow is a default component.
    expect(comboComponentsOf(DEFAULT_VIEW_STATE)).toEqual([]);
    expect(comboComponentsOf({ combo: [], proxies: ['nwot', 'synflow'] })).toEqual([]);
  });

  it('toggle: the defaults become an explicit list; a new component goes last', () => {
    expect(toggleComboComponent({ combo: null }, 'synflow')).toEqual(['nwot', 'ntk_cond', 'jacob_cov']);
    expect(toggleComboComponent({ combo: null }, 'swap')).toEqual([
      'nwot',
      'synflow',
      'ntk_cond',
      'jacob_cov',
      'swap',
    ]);
    expect(toggleComboComponent({ combo: ['nwot'] }, 'nwot')).toEqual([]);
  });
});
