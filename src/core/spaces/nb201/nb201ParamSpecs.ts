/**
 * Parameter tensors of the NAS-Bench-201 network (see nb201Network.ts for the forward pass).
 * Kept free of tfjs so counting parameters needs no backend.
 */

import { batchNormSpecs, convSpec, linearSpecs, type ParamSpec } from '../../nn/paramSpec';
import type { Nb201Fidelity } from '../fidelity';
import type { Nb201Cell } from './nb201';

export function stageChannels(fid: Nb201Fidelity): number[] {
  return [fid.channels, fid.channels * 2, fid.channels * 4];
}

export function nb201ParamSpecs(cell: Nb201Cell, fid: Nb201Fidelity): ParamSpec[] {
  const specs: ParamSpec[] = [
    convSpec('stem.conv', 3, 3, fid.channels),
    ...batchNormSpecs('stem.bn', fid.channels),
  ];
  const chans = stageChannels(fid);
  chans.forEach((c, s) => {
    if (s > 0) {
      const cin = chans[s - 1]!;
      specs.push(
        convSpec(`s${s}.reduce.a.conv`, 3, cin, c),
        ...batchNormSpecs(`s${s}.reduce.a.bn`, c),
        convSpec(`s${s}.reduce.b.conv`, 3, c, c),
        ...batchNormSpecs(`s${s}.reduce.b.bn`, c),
        convSpec(`s${s}.reduce.shortcut.conv`, 1, cin, c),
      );
    }
    for (let k = 0; k < fid.cellsPerStage; k++) {
      cell.forEach((op, e) => {
        if (op === 2 || op === 3) {
          const name = `s${s}.c${k}.e${e}`;
          const conv = { ...convSpec(`${name}.conv`, op === 2 ? 1 : 3, c, c), edge: e };
          specs.push(conv, ...batchNormSpecs(`${name}.bn`, c).map((spec) => ({ ...spec, edge: e })));
        }
      });
    }
  });
  const last = chans[2]!;
  specs.push(...batchNormSpecs('head.bn', last), ...linearSpecs('head.fc', last, fid.classes));
  return specs;
}
