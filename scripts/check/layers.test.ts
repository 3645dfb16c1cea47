/**
 * The layer and cycle rule of `npm run check` (.dependency-cruiser.cjs) catches what it is for: a
 * back arrow and an import cycle planted in a small tree fail it, each named by its rule, and the
 * same tree without them passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'node_modules/.bin/depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

let tree = '';
afterEach(() => rmSync(tree, { recursive: true, force: true }));

/** Writes the files (path → text) under a fresh folder and runs the rule on its src. */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  tree = mkdtempSync(join(tmpdir(), 'layers-'));
  const all = {
    'tsconfig.json': '{"compilerOptions":{"module":"ESNext","moduleResolution":"Bundler"}}',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  const run = spawnSync(CLI, ['src', '--config', CONFIG, '--output-type', 'err'], {
    cwd: tree,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const CLEAN = {
  'src/core/maths.ts': 'export const two = 2;\n',
  'src/compute/pool.ts': "import { two } from '../core/maths';\nexport const pool = two;\n",
  'src/state/store.ts': "import { pool } from '../compute/pool';\nexport const store = pool;\n",
  'src/ui/view.ts': "import { store } from '../state/store';\nexport const view = store;\n",
};

describe('the layer and cycle rule', () => {
  it('passes imports that only go down', () => {
    const { status, output } = cruise(CLEAN);
    expect(output).not.toMatch(/error/);
    expect(status).toBe(0);
  });

  it('fails a core module importing a state store', () => {
    const { status, output } = cruise({
      ...CLEAN,
      'src/core/maths.ts': "import { store } from '../state/store';\nexport const two = 2 + Number(store);\n",
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/core-is-pure: src\/core\/maths\.ts → src\/state\/store\.ts/);
  });

  it('fails compute importing state, even for a type', () => {
    const { status, output } = cruise({
      ...CLEAN,
      'src/compute/pool.ts':
        "import { two } from '../core/maths';\nimport type { Store } from '../state/types';\nexport const pool: Store = two;\n",
      'src/state/types.ts': 'export type Store = number;\n',
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/compute-below-state: src\/compute\/pool\.ts → src\/state\/types\.ts/);
  });

  it('fails an import cycle inside one layer', () => {
    const { status, output } = cruise({
      ...CLEAN,
      'src/core/a.ts': "import { b } from './b';\nexport const a = () => b();\n",
      'src/core/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/no-cycle: src\/core\/a\.ts/);
  });
});
