/** Panel 3's controls (SpectrumPanel.tsx): the network, the points and the mapping whose NTK is drawn. */
import { LAB_LIMITS, type LabState, MAPPING_CHOICES } from '../../state/labState';
import { NumberField, WidthSlider } from './spectrumKit';

const MAPPING_TEXT: Record<LabState['mapping'], string> = {
  none: 'none (z itself)',
  basic: 'basic [sin 2πz, cos 2πz]',
  positional: 'positional (frequencies 1, 2, 4, …)',
  gaussian: 'Gaussian Fourier features',
};

export function SpectrumControls({ lab, setLab }: { lab: LabState; setLab(patch: Partial<LabState>): void }) {
  const L = LAB_LIMITS;
  return (
    <div className="controls lab-controls">
      <WidthSlider width={lab.width} onCommit={(width) => setLab({ width })} testId="spectrum-width" />
      <NumberField
        label="hidden layers"
        name="The number of hidden layers"
        value={lab.depth}
        {...L.depth}
        onCommit={(depth) => setLab({ depth })}
        testId="spectrum-depth"
      />
      <NumberField
        label="grid points n"
        name="The number of points"
        value={lab.points}
        {...L.points}
        onCommit={(points) => setLab({ points })}
        testId="spectrum-points"
      />
      <label>
        input mapping
        <select
          value={lab.mapping}
          onChange={(e) => setLab({ mapping: e.target.value as LabState['mapping'] })}
          data-testid="spectrum-mapping"
        >
          {MAPPING_CHOICES.map((m) => (
            <option key={m} value={m}>
              {MAPPING_TEXT[m]}
            </option>
          ))}
        </select>
      </label>
      {lab.mapping === 'gaussian' && (
        <>
          <NumberField
            label="σ"
            name="σ"
            value={lab.sigma}
            {...L.sigma}
            integer={false}
            onCommit={(sigma) => setLab({ sigma })}
            testId="spectrum-sigma"
            title="Scale of the Gaussian frequencies B ~ N(0, σ²)"
          />
          <NumberField
            label="features m"
            name="The number of features"
            value={lab.features}
            {...L.features}
            onCommit={(features) => setLab({ features })}
            testId="spectrum-features"
          />
        </>
      )}
      {lab.mapping === 'positional' && (
        <NumberField
          label="levels"
          name="The number of levels"
          value={lab.levels}
          {...L.levels}
          onCommit={(levels) => setLab({ levels })}
          testId="spectrum-levels"
        />
      )}
      <NumberField
        label="seed"
        name="The seed"
        value={lab.seed}
        min={L.seed.min}
        max={L.seed.max}
        onCommit={(seed) => setLab({ seed })}
        testId="spectrum-seed"
      />
    </div>
  );
}
