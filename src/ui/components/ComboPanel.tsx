/**
 * Choosing the combo's components from the proxies the view scores. The combo itself (AZ-NAS rank
 * aggregation, core/stats/combo.ts) is computed on the page from the scores already there, and shown
 * as a column of the results table and a choice of the scatter's x axis.
 */

import type { ProxyId } from '../../core/proxies/ids';
import { getProxy } from '../../core/proxies/registry';
import { SPACES } from '../../core/spaces/registry';
import { NB201_QUICK_COMBO_COMPONENTS } from '../../core/stats/comboDefaults';
import { useExplorerStore } from '../../state/explorerStore';
import { comboComponentsOf, MIN_COMBO_COMPONENTS, toggleComboComponent } from '../../state/viewState';

/** The combo of the view's candidates, as the table and the scatter show it. */
export interface ComboColumn {
  /** Candidate index → combo (NaN: a component is missing). */
  values: ReadonlyMap<number, number>;
  components: readonly ProxyId[];
}

export const COMBO_FORMULA =
  'AZ-NAS combo: Σ log(rank / N) over the components, ranked among the view’s candidates';

export function ComboPanel({ ranked, total }: { ranked: number; total: number }) {
  const view = useExplorerStore((s) => s.view);
  const setView = useExplorerStore((s) => s.setView);
  const chosen: readonly ProxyId[] = view.combo ?? NB201_QUICK_COMBO_COMPONENTS;
  const used = comboComponentsOf(view);
  const unit = SPACES[view.space].unit.many;
  return (
    <fieldset className="controls combo-panel" data-testid="combo-panel">
      <legend>combo: several proxies' ranks in one score</legend>
      <span className="proxy-picks">
        Components:
        {view.proxies.map((id) => (
          <label key={id} title={getProxy(id).formula}>
            <input
              type="checkbox"
              checked={chosen.includes(id)}
              onChange={() => setView({ combo: toggleComboComponent(view, id) })}
              data-testid={`combo-${id}`}
            />
            {getProxy(id).label}
          </label>
        ))}
        <button
          type="button"
          disabled={view.combo === null}
          onClick={() => setView({ combo: null })}
          data-testid="combo-default"
          title={`${NB201_QUICK_COMBO_COMPONENTS.join(' + ')}: chosen on half of the shipped NB201 quick set`}
        >
          Default components
        </button>
      </span>
      <p className="meta" data-testid="combo-status" data-components={used.join(',')} data-ranked={ranked}>
        {used.length > 0
          ? `combo = Σ log(rank / N) over ${used.join(', ')}: each proxy ranks the N = ${ranked} of ${total} ${unit} that have all of them (1 = worst, N = best, ties share their rank), as AZ-NAS does (Lee & Ham, CVPR 2024). It ranks this view's ${unit}: adding or removing some changes everyone's combo.`
          : `Choose at least ${MIN_COMBO_COMPONENTS} of the proxies this view scores to see a combo.`}{' '}
        The default ({NB201_QUICK_COMBO_COMPONENTS.join(', ')}) was chosen on half of the shipped NB201 quick
        set (before reg_swap version 3); on the other half its ρ with CIFAR-10 test accuracy is 0.89, against
        0.87 for the best single proxy there, reg_swap (docs/validation.md).
      </p>
    </fieldset>
  );
}
