/**
 * The caption lines an exported plot carries besides its drawing: the rank correlation it shows and
 * where its data come from (space, sample and seed, fidelity, ground truth; the lab's and the
 * lecture's settings), in the words the views use, so a figure in a paper says how to remake it.
 */

import type { ProxyId } from '../../core/proxies/ids';
import { getProxy } from '../../core/proxies/registry';
import { SPACES } from '../../core/spaces/registry';
import type { CorrelationSummary } from '../../core/stats/correlationSummary';
import { LAB_PANEL_TITLES, type LabState } from '../../state/labState';
import type { LectureState } from '../../state/lectureState';
import { SPACE_LABELS, type ViewState } from '../../state/viewState';
import { boundsText, fmt } from '../correlationText';
import { imagePresetOf } from '../lab/biasConfig';

/** "Spearman ρ = 0.712 [0.510, 0.850] · Kendall τ = …", with the top-k hits where the view counts them. */
export function correlationCaption(c: CorrelationSummary, top?: { k: number; hits: number }): string {
  const hits = top ? ` · top-${top.k} hits: ${top.hits}` : '';
  const how =
    c.intervals === 'pending' ? 'intervals still being computed' : '95% bootstrap intervals, seeded';
  return (
    `Spearman ρ = ${fmt(c.rho.estimate)} ${boundsText(c, c.rho)} · ` +
    `Kendall τ = ${fmt(c.tau.estimate)} ${boundsText(c, c.tau)}${hits} (${how})`
  );
}

/** The Explorer's view: space, candidates and seed, fidelity, the data batch, the ground truth. */
export function explorerProvenance(
  view: ViewState,
  options: { proxies?: readonly ProxyId[]; wholeSpace?: boolean } = {},
): string[] {
  const unit = SPACES[view.space].unit.many;
  const candidates = options.wholeSpace
    ? 'all 15 625 cells'
    : `${view.sampleSize} sampled ${unit} (seed ${view.seed})` +
      (view.added.length > 0 ? ` + ${view.added.length} added` : '');
  const usesData = (options.proxies ?? view.proxies).some((p) => getProxy(p).needsData);
  const data = usesData
    ? ` · data: ${view.data}, ${view.batch === null ? `the ${view.fidelity} fidelity's batch` : `batch ${view.batch}`}`
    : '';
  const truth = view.truth ? [`ground truth: ${view.truth.column} of the table "${view.truth.table}"`] : [];
  return [`${SPACE_LABELS[view.space]} · ${candidates} · ${view.fidelity} fidelity${data}`, ...truth];
}

function mappingText(lab: LabState): string {
  switch (lab.mapping) {
    case 'none':
      return 'no input mapping';
    case 'basic':
      return 'basic mapping [sin 2πz, cos 2πz]';
    case 'positional':
      return `positional mapping, L = ${lab.levels}`;
    case 'gaussian':
      return `Gaussian Fourier features, σ = ${lab.sigma}, m = ${lab.features}`;
  }
}

/** The target of panels 1 and 2 (core/lab/signals.ts): a preset of Rahaman et al. or the edited rows. */
function targetText(lab: LabState): string {
  if (lab.amplitudes === 'custom')
    return (
      `target Σ A sin(2πkz + φ), k = ${lab.components.map(([k]) => k).join(', ')}, ` +
      `A = ${lab.components.map(([, a]) => a).join(', ')}`
    );
  const amplitudes = lab.amplitudes === 'equal' ? 'A = 1' : 'A = 0.1·i';
  return `target of Rahaman et al. 2019: k = 5, 10, …, 50, ${amplitudes}`;
}

function labSettings(lab: LabState): string {
  const mlp = `ReLU MLP, ${lab.depth} hidden layer${lab.depth === 1 ? '' : 's'} of width ${lab.width}`;
  switch (lab.panel) {
    case 'bias':
      return `${targetText(lab)} · no input mapping · training preset ${lab.preset}`;
    case 'fourier':
      return lab.image
        ? `2-D test card · ${mappingText(lab)} · image preset ${imagePresetOf(lab)}`
        : `${targetText(lab)} · ${mappingText(lab)} · training preset ${lab.preset}`;
    case 'spectrum':
      return `${mlp} · ${mappingText(lab)} · ${lab.points} grid points`;
    case 'residual':
      return (
        `target sin 2π${lab.residualK[0]}z + sin 2π${lab.residualK[1]}z · ${lab.steps} gradient-descent ` +
        `steps · ${mlp}, no input mapping · ${lab.points} grid points`
      );
    case 'precond':
      return (
        `targets cos(kt), k = ${lab.frequencies.join(', ')} · mean squared error ≤ ${lab.threshold}, ` +
        `at most ${lab.cap} steps · top ${lab.flatten} eigenvalues flattened · width ${lab.width} · ` +
        `${lab.points} points on the circle`
      );
  }
}

/** The Spectral Lab: the panel, its seed and the settings that panel reads. */
export function labProvenance(lab: LabState): string[] {
  return [`Spectral Lab, panel ${LAB_PANEL_TITLES[lab.panel]} · seed ${lab.seed}`, labSettings(lab)];
}

/**
 * The lecture: which networks (shipped table, seeded sample or an imported table), and how the two
 * proxies were computed. `hfSettings` is the second proxy's settings as the lecture writes them
 * (e.g. "r = 0.25, α = 0.5"), `batch` its data batch (lectureBatchSpec).
 */
export function lectureProvenance(lecture: LectureState, hfSettings: string, batch: string): string[] {
  const networks =
    lecture.source === 'shipped'
      ? `the shipped table's browser-sized ViTs (ours: patch 4, 32 px), accuracy trained here (up to ${lecture.n})`
      : lecture.source === 'sample'
        ? `${lecture.n} browser-sized ViTs sampled with seed ${lecture.seed}, accuracy from the shipped or an imported table`
        : `the first ${lecture.n} rows of the imported table "${lecture.table}"` +
          (lecture.column ? `, column ${lecture.column}` : '') +
          (lecture.tableSpace ? ` (${lecture.tableSpace})` : '');
  return [
    `Networks: ${networks}`,
    `ntk_cond and ${lecture.hf} (${hfSettings}) at quick fidelity · seed ${lecture.seed} · batch ${batch}`,
  ];
}
