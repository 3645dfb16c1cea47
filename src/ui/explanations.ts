/**
 * The short "what am I looking at?" texts shown next to each page's main plot, all in one place so
 * they can be reviewed together. Each has three lines: what is on screen (the axes), what to try
 * first (controls named by their visible labels, marked **like this**), and what to expect. Papers
 * are cited by author and year: the user has no project files to look up.
 */

export interface ExplanationText {
  title: string;
  /** What the plot shows: its axes and marks. */
  see: string;
  /** The first thing to click or change. */
  tryFirst: string;
  /** The result a student should see. */
  expect: string;
}

export const EXPLANATIONS = {
  explorer: {
    title: 'Reading the proxy-vs-accuracy plot',
    see:
      'Each dot is one architecture: across, its proxy score at initialisation (**x: proxy**); ' +
      'up, its accuracy after full training (**y: ground truth**).',
    tryFirst:
      'Switch **x: proxy** between proxies and watch **Spearman ρ** above the plot. ' +
      'Drag a rectangle over some dots to highlight those cells in the table.',
    expect:
      'A higher ρ means the proxy ranks architectures like training does (1: same order, 0: unrelated). ' +
      'On NAS-Bench-201, synflow reaches about 0.75 (Abdelfattah et al., 2021).',
  },
  'lab-bias': {
    title: 'Reading the frequency-bias plots',
    see:
      'The heat map has one row per frequency k and training time to the right; colour is how much of ' +
      'that frequency the network has learned (1 = all of it).',
    tryFirst:
      'Let the quick preset run (it starts by itself), then set **Target amplitudes** to ' +
      '**increasing**: the run restarts.',
    expect:
      'Low frequencies converge first, high ones last, even when the high ones have the larger ' +
      'amplitude (Rahaman et al., 2019).',
  },
  'lab-fourier': {
    title: 'Reading the Fourier-feature plots',
    see: 'The same plots as panel 1, but the network is fed γ(z) = [sin 2πBz, cos 2πBz] instead of z.',
    tryFirst:
      'Set **Input mapping** to **Gaussian**, then press **Compare σ = 1, 4, 10, 32** below the plots.',
    expect:
      'The larger σ, the sooner the highest frequency is learned (Tancik et al., 2020). Too large a σ ' +
      'fits noise between the training points: tick **2-D image variant** to see it.',
  },
  'lab-spectrum': {
    title: 'Reading the NTK spectrum',
    see:
      'The chart shows the NTK’s eigenvalues λᵢ, largest first, on a log axis; the small plots below ' +
      'draw the matching eigenvectors as functions of z.',
    tryFirst: 'Drag the **width** slider, then set **input mapping** to **Gaussian Fourier features**.',
    expect:
      'The first eigenvectors are the smoothest and training is fastest along large λᵢ, so low ' +
      'frequencies converge first. Wider networks sit closer to the dashed infinite-width curve; ' +
      'Fourier features make the eigenvalues fall more slowly.',
  },
  'lab-residual': {
    title: 'Reading prediction against reality',
    see:
      'The large chart follows the training error along a few NTK directions, each relative to its ' +
      'start, step by step. Solid: measured on the network; dashed: what the NTK predicts.',
    tryFirst: 'Raise **k₂** (for example to 12), then move the **width** slider.',
    expect:
      'Directions with a large λᵢ fall fastest, so a higher k₂ takes longer. The wider the network, ' +
      'the closer solid follows dashed.',
  },
  'lab-precond': {
    title: 'Reading the preconditioning plots',
    see:
      'For each target frequency k: the steps plain gradient descent (blue) and preconditioned ' +
      'gradient descent (orange, dashed) need to reach the loss threshold.',
    tryFirst: 'Set **flatten k′** to 1, which flattens nothing, and compare with the default 8.',
    expect:
      'Plain GD needs many more steps as k grows; preconditioned GD reaches high k nearly as fast as ' +
      'low k, and both end at the same function (Geifman et al., 2024). With flatten k′ = 1 they agree.',
  },
  lecture: {
    title: 'Reading the two scatters: NTK against ViNTK',
    see:
      'Each dot is one vision transformer: across, its score at initialisation (left ntk_cond, right ' +
      'the high-frequency proxy); up, its accuracy after training. ρ under each plot measures how ' +
      'well the score ranks them like training does.',
    tryFirst:
      'Move the **r** slider (how much low frequency is removed) or **α** (weight of the ' +
      'high-frequency part), or switch **high-frequency proxy** to **vintk_rfp (σ)**.',
    expect:
      'The claim (Zhou & Zhu, 2024) is that the right ρ beats the left. The difference below the ' +
      'plots says whether it does here; overlapping intervals mean the networks cannot settle it.',
  },
} as const satisfies Record<string, ExplanationText>;

export type ExplanationId = keyof typeof EXPLANATIONS;

export interface TextPart {
  text: string;
  /** A control's visible label, shown in bold. */
  strong: boolean;
}

/** Splits "Set **Input mapping** to …" into plain and bold parts (every second part is bold). */
export function textParts(text: string): TextPart[] {
  return text
    .split('**')
    .map((part, i) => ({ text: part, strong: i % 2 === 1 }))
    .filter((p) => p.text !== '');
}
