/**
 * How long the default computation of each NTK panel of the spectral lab takes, per backend:
 *
 *   npx tsx --import ./scripts/node/register-tfjs-esm.mjs scripts/lab/measureNtk.ts [--backend wasm|cpu|both]
 *
 * Panel 3: labNtkSpectrum and ntkConvergence with their defaults. Panel 4: residualProjections with
 * its defaults on the target sin 2πz + ½ sin 8πz. Panel 5: precondComparison with its defaults. Each
 * line gives the wall time and what the computation found, so a slow run can be told from a wrong one.
 */
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { NTK_CONVERGENCE_DEFAULTS, ntkConvergence } from '../../src/core/lab/ntkConvergence';
import { labNtkSpectrum, NTK_SPECTRUM_DEFAULTS } from '../../src/core/lab/ntkSpectrum';
import { PRECOND_DEFAULTS, precondComparison } from '../../src/core/lab/precondGd';
import { RESIDUAL_DEFAULTS, residualProjections } from '../../src/core/lab/residualProjections';
import { failWith, isNodeBackend, startNodeBackend } from '../kit/cli';

const fail: (message: string) => never = failWith('measureNtk');

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'both' } }, strict: true });
const backends = values.backend === 'both' ? ['wasm', 'cpu'] : [values.backend!];
if (!backends.every(isNodeBackend)) fail('--backend must be wasm, cpu or both');

async function timed<T>(
  label: string,
  run: () => Promise<T>,
  describe: (result: T) => string,
): Promise<void> {
  const start = performance.now();
  const result = await run();
  const seconds = (performance.now() - start) / 1000;
  console.log(`  ${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s   ${describe(result)}`);
}

const fmt = (v: number) => v.toPrecision(3);

for (const backend of backends) {
  await startNodeBackend(backend, fail); // our WASM kernels, as the lab's worker
  const threads = backend === 'wasm' ? `, ${getThreadsCount()} thread(s)` : '';
  console.log(`backend ${backend}${threads}`);

  const s = NTK_SPECTRUM_DEFAULTS;
  await timed(
    `3 spectrum: ${s.points.kind} n=${s.points.n}, width ${s.width}, depth ${s.arch.depth}`,
    () => labNtkSpectrum(s),
    (r) => `λ_1 ${fmt(r.empirical.eigenvalues[0]!)}, ‖Θ̂ − Θ∞‖/‖Θ∞‖ ${fmt(r.relativeError ?? Number.NaN)}`,
  );

  const c = NTK_CONVERGENCE_DEFAULTS;
  await timed(
    `3 convergence: widths ${c.widths.join(',')}, ${c.inits} inits`,
    () => ntkConvergence(c.widths, c),
    (r) => `Frobenius error ${r.rows.map((row) => fmt(row.relativeFrobenius)).join(' → ')}`,
  );

  const d = RESIDUAL_DEFAULTS;
  const target = Array.from(
    { length: d.points.n },
    (_, j) => Math.sin((2 * Math.PI * j) / d.points.n) + 0.5 * Math.sin((8 * Math.PI * j) / d.points.n),
  );
  await timed(
    `4 residuals: ${d.points.kind} n=${d.points.n}, width ${d.width}, ${d.iterations} steps`,
    () => residualProjections({ ...d, target }),
    (r) => {
      const first = r.records[0]!;
      const last = r.records.at(-1)!;
      const r0 = Math.sqrt(first.mse * d.points.n);
      const worst = Math.max(
        ...r.records.flatMap((rec) =>
          Array.from(rec.measured, (m, i) => Math.abs(m - rec.predicted[i]!) / r0),
        ),
      );
      return `η ${fmt(r.lr)} (limit ${fmt(r.lrLimit)}), MSE ${fmt(first.mse)} → ${fmt(last.mse)} (predicted ${fmt(last.predictedMse)}), max |measured − predicted|/‖r_0‖ ${fmt(worst)}`;
    },
  );

  const p = PRECOND_DEFAULTS;
  await timed(
    `5 precond: n=${p.n}, width ${p.width}, k=${p.frequencies.join(',')}`,
    () => precondComparison(p),
    (r) =>
      `k' ${r.flatten}; steps GD/pre ${r.frequencies
        .map(
          (f) =>
            `${f.gd.iterationsToThreshold ?? `>${p.maxIterations}`}/${f.preconditioned.iterationsToThreshold}`,
        )
        .join(' ')}; max |f_GD − f_pre| ${r.frequencies.map((f) => fmt(f.maxDifference)).join(' ')}`,
  );
}
