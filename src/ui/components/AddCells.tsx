/** Paste candidates (NB201 strings or NASLib tuples; ViT or MLP architecture text), one per line. */
import { useState } from 'react';
import { useExplorerStore } from '../../state/explorerStore';
import { VIEW_STATE_LIMITS } from '../../state/viewState';

const PLACEHOLDER: Record<string, string> = {
  nb201:
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|\n(0, 2, 3, 2, 3, 1)',
  'vit-browser': 'vit:web:e96:m2,3,4:h2,4,2',
  'autoformer-tiny': 'vit:ti:e192:m3.5,4,4,4,3.5,4,4,4,3.5,4,4,4:h3,4,3,4,3,4,3,4,3,4,3,4',
  mlp: 'mlp:in1:d3:w256:relu:o1:gauss-s10-m256-seed0',
};

import { parsePastedCells } from './pastedCells';

export function AddCells() {
  const view = useExplorerStore((s) => s.view);
  const setView = useExplorerStore((s) => s.setView);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const add = () => {
    const { cells, problems: bad } = parsePastedCells(text, view.space);
    const added = [...view.added];
    for (const c of cells) if (!added.includes(c)) added.push(c);
    const room = VIEW_STATE_LIMITS.added.max;
    const notes = added.length > room ? [...bad, `only the first ${room} added cells are kept`] : bad;
    setView({ added: added.slice(0, room) });
    setProblems(notes);
    // Keep what could not be read, so the user can fix it; clear the rest.
    if (bad.length === 0) setText('');
  };
  return (
    <details className="add-cells" data-testid="add-cells">
      <summary>Add cells ({view.added.length} added)</summary>
      <textarea
        rows={4}
        cols={70}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        placeholder={PLACEHOLDER[view.space] ?? 'one architecture per line'}
        data-testid="add-cells-text"
      />
      <div>
        <button type="button" onClick={add} data-testid="add-cells-button">
          Add
        </button>{' '}
        <button type="button" onClick={() => setView({ added: [] })} data-testid="add-cells-clear">
          Remove added cells
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="notice error" data-testid="add-cells-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
