/**
 * What the app opens on without a link: views prepared from the data that ships with it, so a first
 * visit answers a question at once. The Explorer shows the pre-scored NB201 set (every proxy, read
 * from the cache) against NAS-Bench-201's CIFAR-10 test accuracy; the lecture shows Auto-Prox's 200
 * AutoFormer-Ti subnets with ntk_cond and vintk pre-scored. Both manifests are bundled (a few KB);
 * the tables and scores themselves load in a worker after the first paint.
 */
import prescoredJson from '../../public/data/prescored/prescored.json' with { type: 'json' };
import tablesJson from '../../public/data/tables/tables.json' with { type: 'json' };
import { parseShippedManifest, type ShippedTable } from '../core/groundtruth/shippedTables';
import { PROXY_IDS } from '../core/proxies/ids';
import { type PrescoredSet, parsePrescoredManifest } from '../core/proxies/prescoredSet';
import { nb201FromString, nb201ToIndex } from '../core/spaces/nb201/nb201';
import type { SpaceId } from '../core/spaces/spaceIds';
import { DEFAULT_LECTURE_STATE, LECTURE_LIMITS, type LectureState } from './lectureState';
import { DEFAULT_VIEW_STATE, type ViewState } from './viewState';

/** The pre-scored set the Explorer opens on, and the one the lecture's scatters read. */
export const FIRST_EXPLORER_SET = 'nb201-quick';
const FIRST_EXPLORER_SPACE: SpaceId = 'nb201';
export const FIRST_LECTURE_SET = 'autoformer-ti-quick';
export const FIRST_EXPLORER_COLUMN = 'cifar10_test';
/** Auto-Prox's from-scratch CIFAR-100 accuracy: training, not a supernet's inherited weights. */
export const FIRST_LECTURE_COLUMN = 'cifar100_scratch';
/** Auto-Prox trained the first 100 of its 200 AutoFormer-Ti rows from scratch (the column's rows). */
const FIRST_LECTURE_ROWS = 100;

const prescored = parsePrescoredManifest(prescoredJson);
const tables = parseShippedManifest(tablesJson);

/** True when `name` is the name of a table the bundled manifest lists (loaded or not yet). */
export function isShippedTableNameInManifest(name: string): boolean {
  return tables.ok && tables.value.tables.some((t) => t.name === name);
}

/** The pre-scored sets the bundled manifest lists (none where it does not parse). */
export function shippedPrescoredSets(): readonly PrescoredSet[] {
  return prescored.ok ? prescored.value.sets : [];
}

function prescoredSet(id: string): PrescoredSet | undefined {
  return prescored.ok ? prescored.value.sets.find((s) => s.id === id) : undefined;
}

function shippedTable(space: string, column: string): ShippedTable | undefined {
  return tables.ok
    ? tables.value.tables.find((t) => t.space === space && t.accuracyColumns.includes(column))
    : undefined;
}

/** The Explorer without a link: the pre-scored NB201 cells, all their proxies, CIFAR-10 test attached. */
export function firstVisitView(): ViewState {
  const set = prescoredSet(FIRST_EXPLORER_SET);
  const table = shippedTable(FIRST_EXPLORER_SPACE, FIRST_EXPLORER_COLUMN);
  if (set?.space !== FIRST_EXPLORER_SPACE || !table) return { ...DEFAULT_VIEW_STATE, added: [] };
  const cells = set.archs.flatMap((arch) => {
    const parsed = nb201FromString(arch);
    return parsed.ok ? [nb201ToIndex(parsed.value)] : [];
  });
  return {
    ...DEFAULT_VIEW_STATE,
    sampleSize: 0,
    seed: set.seed,
    fidelity: set.fidelity,
    proxies: PROXY_IDS.filter((p) => set.proxies.includes(p)),
    added: cells,
    selected: cells[0] ?? null,
    truth: { table: table.name, column: FIRST_EXPLORER_COLUMN },
  };
}

/** The lecture without a link: the Auto-Prox AutoFormer-Ti table, every row, scores pre-computed. */
export function preparedLectureState(): LectureState {
  const set = prescoredSet(FIRST_LECTURE_SET);
  const table = shippedTable('autoformer-tiny', FIRST_LECTURE_COLUMN);
  if (!set || !table) return { ...DEFAULT_LECTURE_STATE, hide: [] };
  return {
    ...DEFAULT_LECTURE_STATE,
    hide: [],
    source: 'table',
    table: table.name,
    column: FIRST_LECTURE_COLUMN,
    tableSpace: 'autoformer-tiny',
    seed: set.seed,
    n: Math.min(LECTURE_LIMITS.n.max, FIRST_LECTURE_ROWS, set.archs.length),
  };
}
