/**
 * The projects the shipped tables come from, with the licence ../shared/data/README.md gives for each
 * (and where the project's own files say something else, that too).
 */
export const PROJECTS = {
  robot: {
    name: 'RoBoT (Robustifying and Boosting Training-Free NAS, ICLR 2024)',
    url: 'https://github.com/hzf1174/RoBoT',
    licence: 'Apache-2.0',
  },
  naswot: {
    name: 'NASWOT (Neural Architecture Search without Training, ICML 2021)',
    url: 'https://github.com/BayesWatch/nas-without-training',
    licence: 'MIT (stated in its README)',
  },
  naslib: {
    name: 'NASLib / NAS-Bench-Suite-Zero (NeurIPS 2022 Datasets and Benchmarks)',
    url: 'https://github.com/automl/NASLib',
    licence: 'Apache-2.0',
  },
  archviz: {
    name: 'ArchVizD3 (a mirror of a 10 % sample of NAS-Bench-Suite-Zero zc_nasbench201.json)',
    url: 'https://github.com/pprp/ArchVizD3',
    licence: 'MIT (stated in its README)',
  },
  autoprox: {
    name: 'Auto-Prox (AAAI 2024)',
    url: 'https://github.com/lliai/Auto-Prox-AAAI24',
    licence: 'Apache-2.0 (its LICENSE file; its README says MIT)',
  },
} as const;

export type ProjectId = keyof typeof PROJECTS;
