/** Panel 5's controls (PrecondPanel.tsx): the lab settings it reads, each committed on its own. */
import { useState } from 'react';
import { LAB_LIMITS, type LabState } from '../../state/labState';
import {
  formatFrequencies,
  PRECOND_CAP_LIMITS,
  PRECOND_THRESHOLD_LIMITS,
  parseFrequencies,
} from './precondConfig';
import { NumberField, WidthSlider } from './spectrumKit';

function FrequencyField({
  value,
  onCommit,
}: {
  value: readonly number[];
  onCommit(values: readonly number[]): void;
}) {
  const [text, setText] = useState(formatFrequencies(value));
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    const parsed = parseFrequencies(text);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    if (formatFrequencies(parsed.value) !== formatFrequencies(value)) onCommit(parsed.value);
  };
  return (
    <span className="lab-field">
      <label>
        frequencies k
        <input
          type="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
          aria-invalid={problem !== null}
          data-testid="precond-frequencies"
        />
      </label>
      {problem && (
        <span className="lab-field-problem" role="alert" data-testid="precond-frequencies-problem">
          {problem}
        </span>
      )}
    </span>
  );
}

/** Panel 5's settings: width, points, k′, the frequencies, threshold, step cap and seed. */
export function PrecondControls({ lab, setLab }: { lab: LabState; setLab(patch: Partial<LabState>): void }) {
  const { frequencies, threshold, cap } = lab;
  const setFrequencies = (next: readonly number[]) => setLab({ frequencies: [...next] });
  const setThreshold = (next: number) => setLab({ threshold: next });
  const setCap = (next: number) => setLab({ cap: next });
  return (
    <div className="controls lab-controls">
      <WidthSlider width={lab.width} onCommit={(width) => setLab({ width })} testId="precond-width" />
      <NumberField
        label="points n"
        name="The number of points"
        value={lab.points}
        {...LAB_LIMITS.points}
        onCommit={(points) => setLab({ points })}
        testId="precond-points"
      />
      <NumberField
        label="flatten k′"
        name="k′"
        value={lab.flatten}
        {...LAB_LIMITS.flatten}
        onCommit={(flatten) => setLab({ flatten })}
        testId="precond-flatten"
        title="The number of leading NTK eigenvalues flattened to λ_k′"
      />
      <FrequencyField value={frequencies} onCommit={setFrequencies} />
      <NumberField
        label="loss threshold"
        name="The loss threshold"
        value={threshold}
        {...PRECOND_THRESHOLD_LIMITS}
        integer={false}
        onCommit={setThreshold}
        testId="precond-threshold"
      />
      <NumberField
        label="step cap"
        name="The step cap"
        value={cap}
        {...PRECOND_CAP_LIMITS}
        onCommit={setCap}
        testId="precond-cap"
      />
      <NumberField
        label="seed"
        name="The seed"
        value={lab.seed}
        {...LAB_LIMITS.seed}
        onCommit={(seed) => setLab({ seed })}
        testId="precond-seed"
      />
    </div>
  );
}
