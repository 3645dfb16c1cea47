/**
 * Panel 1 · Frequency bias (Rahaman et al., ICML 2019): an MLP without any input mapping trains on a
 * sum of sines live in the lab's worker; the heat map and the curves show low frequencies learned
 * first. The quick preset starts by itself so a student opening the link sees it within seconds.
 */
import { useMemo } from 'react';
import { callback, labWorker } from '../../compute/labClient';
import type { SignalRecord } from '../../core/lab/fitSignal';
import { useLabStore } from '../../state/labState';
import { PageExplanation } from '../components/Explanation';
import { biasFitConfig } from './biasConfig';
import { PresetAndSeed, TargetControls } from './biasControls';
import { BiasRunBar, SignalFitView } from './biasFitView';
import { type Launch, useStreamedRun } from './biasRun';

export function FrequencyBiasPanel() {
  const lab = useLabStore((s) => s.lab);
  const config = useMemo(() => biasFitConfig(lab), [lab]);
  const key = JSON.stringify(config);
  const launch: Launch<SignalRecord> = (onRecord) =>
    labWorker().api.fitSignal(config, callback(onRecord)) as ReturnType<Launch<SignalRecord>>;
  const auto = config.iterations <= 5_000;
  const run = useStreamedRun(key, launch, auto);
  return (
    <div className="bias-panel" data-testid="bias-panel">
      <p className="lab-intro">
        A small ReLU network learns the target below, a sum of sines. Watch the heat map: each row is a
        frequency k, colour is how much of it the network has learned (1 = all). Low frequencies light up
        first; high ones wait. That is the <em>spectral bias</em>. Panel 2 shows how to make high ones come
        sooner.
      </p>
      <div className="bias-controls">
        <PresetAndSeed testPrefix="bias" />
        <TargetControls testPrefix="bias" />
      </div>
      <BiasRunBar
        run={run}
        total={config.iterations}
        testPrefix="bias"
        hint={auto ? undefined : 'The paper preset runs for about an hour: press Run to start it.'}
      />
      <PageExplanation id="lab-bias" />
      <SignalFitView config={config} run={run} testPrefix="bias" />
    </div>
  );
}
