/**
 * What the table says about each NB201 candidate besides its scores: its isomorphism class (the
 * class's smallest cell index) and the parameters and FLOPs of the NB201 network (paper fidelity,
 * NB201's counting rules), so these match the benchmark's own table.
 */
import { nb201Flops } from '../../core/nn/nb201Flops';
import { nb201ParamSpecs } from '../../core/nn/nb201ParamSpecs';
import { paramSize } from '../../core/nn/paramSpec';
import { FIDELITY_PRESETS } from '../../core/spaces/fidelity';
import { type Nb201Cell, nb201ToIndex } from '../../core/spaces/nb201';
import { nb201CanonicalCell } from '../../core/spaces/nb201Canonical';

export interface CellFacts {
  canonical: number;
  params: number;
  flops: number;
}

const known = new Map<number, CellFacts>();

export function cellFacts(cell: Nb201Cell): CellFacts {
  const index = nb201ToIndex(cell);
  const cached = known.get(index);
  if (cached) return cached;
  const paper = FIDELITY_PRESETS.paper;
  const specs = nb201ParamSpecs(cell, paper);
  const facts = {
    canonical: nb201ToIndex(nb201CanonicalCell(cell)),
    params: specs.reduce((sum, s) => sum + paramSize(s), 0),
    flops: nb201Flops(specs, paper.resolution)?.total ?? Number.NaN,
  };
  known.set(index, facts);
  return facts;
}
