import { NB201_OPS, type Nb201Cell, nb201FromIndex, nb201ToIndex } from '../../core/spaces/nb201/nb201';
import { CellGraph } from './CellGraph';

/** NB201: the cell graph, where clicking an edge cycles its operation (the new cell joins the view). */
export function DrawableCell({ cell, onDraw }: { cell: number; onDraw(cell: number): void }) {
  const ops = nb201FromIndex(cell);
  const cycle = (edge: number) => {
    const next = ops.map((op, e) => (e === edge ? (op + 1) % NB201_OPS.length : op)) as unknown as Nb201Cell;
    onDraw(nb201ToIndex(next));
  };
  return (
    <>
      <CellGraph cell={ops} width={260} labels onEdgeClick={cycle} />
      <p className="meta">Click an edge to change its operation: the new cell joins the view.</p>
    </>
  );
}
