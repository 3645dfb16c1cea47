/**
 * The one-way layers of docs/architecture.md, checked by `npm run check`:
 *   core (pure computation) ← runtime (tfjs backends, our WASM kernels, data loaders)
 *     ← compute and workers (worker pool, workers, score cache) ← state (stores and the actions that
 *     run work and fill them) ← ui
 * A module may import from its own layer or a layer below, never above, and no import cycle is
 * allowed anywhere. Type-only imports count too: they tie a layer to what is above it all the same.
 * Tests and test helpers may reach across (they drive a layer from outside).
 */
const TEST = '(\\.test\\.tsx?$|^src/test/)';
const layer = (name, from, to) => ({
  name,
  severity: 'error',
  from: { path: from, pathNot: TEST },
  to: { path: to },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'An import cycle: the modules cannot be understood (or loaded) one before the other.',
      from: {},
      to: { circular: true },
    },
    layer('core-is-pure', '^src/core/', '^(src/(runtime|compute|state|ui)|workers|scripts)/'),
    layer('runtime-below-compute', '^src/runtime/', '^(src/(compute|state|ui)|workers)/'),
    layer('compute-below-state', '^(src/compute|workers)/', '^src/(state|ui)/'),
    layer('state-below-ui', '^src/state/', '^src/ui/'),
    layer('app-not-scripts', '^(src|workers)/', '^scripts/'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^node_modules|^dist|^bench/scratch)' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
