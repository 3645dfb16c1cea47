/**
 * The ground truth the project ships for the browser ViT space (public/data/groundtruth-vit-browser.csv,
 * written by `npm run groundtruth`): fetched once per page, read with the same importer as the user's
 * own tables. A missing or empty file is a plain-text problem, not an error thrown at the view.
 */
import { type GroundTruthTable, importGroundTruth } from '../../core/groundtruth';

export const SHIPPED_FILE = 'groundtruth-vit-browser.csv';
export const SHIPPED_COLUMN = 'test_acc';
/** The seed-0 accuracy (groundTruthCsv writes one column per seed): what a live run of seed 0 reproduces. */
export const SHIPPED_SEED0_COLUMN = 'test_acc_seed0';

export type ShippedTable =
  | { ok: true; table: GroundTruthTable; archs: string[] }
  | { ok: false; problem: string };

let loading: Promise<ShippedTable> | undefined;

export function shippedTableUrl(): string {
  const base = import.meta.env.BASE_URL.endsWith('/')
    ? import.meta.env.BASE_URL
    : `${import.meta.env.BASE_URL}/`;
  return new URL(`${base}data/${SHIPPED_FILE}`, location.href).href;
}

async function load(): Promise<ShippedTable> {
  const where = `public/data/${SHIPPED_FILE}`;
  const fix = 'run `npm run groundtruth` to make it, or use the seeded sample instead';
  let text: string;
  try {
    const response = await fetch(shippedTableUrl(), { cache: 'no-cache' });
    if (!response.ok) return { ok: false, problem: `${where} is missing (HTTP ${response.status}): ${fix}.` };
    if ((response.headers.get('content-type') ?? '').includes('text/html'))
      return { ok: false, problem: `${where} is missing (the server sent a web page instead): ${fix}.` };
    text = await response.text();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `${where} could not be loaded (${why}): ${fix}.` };
  }
  if (text.trim().split(/\r?\n/).length < 2) return { ok: false, problem: `${where} is empty: ${fix}.` };
  const imported = importGroundTruth(text, { fileName: SHIPPED_FILE, name: 'shipped vit-browser table' });
  if (!imported.ok) {
    const line = imported.error.line === null ? '' : ` (line ${imported.error.line})`;
    return { ok: false, problem: `${where} could not be read${line}: ${imported.error.reason}` };
  }
  const table = imported.value;
  if (!table.columns.includes(SHIPPED_COLUMN))
    return { ok: false, problem: `${where} has no ${SHIPPED_COLUMN} column.` };
  if (table.rows.size === 0) return { ok: false, problem: `${where} has no rows: ${fix}.` };
  return { ok: true, table, archs: [...table.rows.keys()] };
}

/** The shipped table, fetched once (a failed load is tried again on the next call). */
export function loadShippedTable(): Promise<ShippedTable> {
  loading ??= load().then((result) => {
    if (!result.ok) loading = undefined;
    return result;
  });
  return loading;
}

/** The shipped table's seed-0 accuracy of `arch` in percent, when the table has it. */
export function shippedSeed0Accuracy(shipped: ShippedTable | null, arch: string): number | undefined {
  const value = shipped?.ok ? shipped.table.rows.get(arch)?.[SHIPPED_SEED0_COLUMN] : undefined;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
