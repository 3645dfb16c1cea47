/**
 * Choosing the combo's components from the proxies the view scores. The combo itself (AZ-NAS rank
 * aggregation, core/stats/combo.ts) is computed on the page from the scores already there, and shown
 * as a column of the results table and a choice of the scatter's x axis.
 */

import { IMPLEMENTED_PROXY_IDS, type ProxyId } from '../../core/proxies/ids';
import { getProxy } from '../../core/proxies/registry';
import { SPACES } from '../../core/spaces/registry';
import type { SpaceFamily } from '../../core/spaces/spaceIds';
import { azNasComponents, NB201_QUICK_COMBO_COMPONENTS } from '../../core/stats/comboDefaults';
import { useExplorerStore } from '../../state/explorerStore';
import {
  comboComponentsOf,
  MIN_COMBO_COMPONENTS,
  proxyApplies,
  toggleComboComponent,
} from '../../state/viewState';

/** The combo of the view's candidates, as the table and the scatter show it. */
export interface ComboColumn {
  /** Candidate index → combo (NaN: a component is missing). */
  values: ReadonlyMap<number, number>;
  components: readonly ProxyId[];
}

/** What AZ-NAS's own components are, and what they reached in docs/validation.md, by family. */
const AZ_NAS_NOTE: Partial<Record<SpaceFamily, string>> = {
  nb201:
    "AZ-NAS's four are the paper's own, nothing chosen on these cells. They read every block's output, so they see more at paper fidelity (5 cells per stage): there ρ 0.92 on 145 NB201 cells, 0.86 on the shipped 383 at quick fidelity (docs/validation.md).",
  vit: "AZ-NAS's AutoFormer score, as its authors rank it: expressivity and trainability of the residual stream, and FLOPs; nothing chosen on these networks.",
};

export const COMBO_FORMULA =
  'AZ-NAS combo: Σ log(rank / N) over the components, ranked among the view’s candidates';

export function ComboPanel({ ranked, total }: { ranked: number; total: number }) {
  const view = useExplorerStore((s) => s.view);
  const setView = useExplorerStore((s) => s.setView);
  const chosen: readonly ProxyId[] = view.combo ?? NB201_QUICK_COMBO_COMPONENTS;
  const used = comboComponentsOf(view);
  const unit = SPACES[view.space].unit.many;
  const azNas = azNasComponents(SPACES[view.space].family);
  const azNasApplies = azNas?.every((id) => proxyApplies(id, view.space)) === true;
  const azNasChosen = azNas !== undefined && view.combo !== null && view.combo.join(',') === azNas.join(',');
  // AZ-NAS's own components for this family: scored in this view (added to its proxies) and combined.
  const useAzNas = () => {
    if (!azNas) return;
    setView({
      proxies: IMPLEMENTED_PROXY_IDS.filter((p) => view.proxies.includes(p) || azNas.includes(p)),
      combo: [...azNas],
    });
  };
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
        <button
          type="button"
          disabled={!azNasApplies || azNasChosen}
          onClick={useAzNas}
          data-testid="combo-aznas"
          title={
            azNas && azNasApplies
              ? `${azNas.join(' + ')}: AZ-NAS's own components (Lee & Ham, CVPR 2024), fixed by its authors' code for this kind of network`
              : 'AZ-NAS defines its proxies for cell networks (NB201) and vision transformers only'
          }
        >
          AZ-NAS's own
        </button>
      </span>
      <p className="meta" data-testid="combo-status" data-components={used.join(',')} data-ranked={ranked}>
        {used.length > 0
          ? `combo = Σ log(rank / N) over ${used.join(', ')}: each proxy ranks the N = ${ranked} of ${total} ${unit} that have all of them (1 = worst, N = best, ties share their rank), as AZ-NAS does (Lee & Ham, CVPR 2024). It ranks this view's ${unit}: adding or removing some changes everyone's combo.`
          : `Choose at least ${MIN_COMBO_COMPONENTS} of the proxies this view scores to see a combo.`}{' '}
        The default ({NB201_QUICK_COMBO_COMPONENTS.join(', ')}) was chosen on half of the shipped NB201 quick
        set (before reg_swap version 3); on the other half its ρ with CIFAR-10 test accuracy is 0.89, against
        0.87 for the best single proxy there, reg_swap (docs/validation.md).
        {azNasChosen && ` ${AZ_NAS_NOTE[SPACES[view.space].family] ?? ''}`}
      </p>
    </fieldset>
  );
}
