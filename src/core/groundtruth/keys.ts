/**
 * Architecture keys in imported tables → our canonical strings (nb201ToString, vitToString).
 * NB201 strings and NASLib tuples both become the NB201 string, so tables keyed either way join.
 */
import { nb201FromString, nb201ToString } from '../spaces/nb201/nb201';
import { nb201FromNaslibKey } from '../spaces/nb201/nb201Naslib';
import {
  VIT_SPACE_IDS,
  VIT_SPACES,
  type VitSpaceId,
  vitFromAutoProxJson,
  vitFromOodRow,
  vitFromString,
  vitToString,
} from '../spaces/vit/vit';
import { cellNumber, excerpt } from './text';
import {
  type GroundTruthSpace,
  type KeyKind,
  OOD_DEPTH_COLUMN,
  OOD_KEY_COLUMNS,
  type RawCell,
} from './types';

/** Keys longer than this are rejected before any parsing (an Auto-Prox arch_json is ~250 characters). */
export const MAX_KEY_LENGTH = 2000;

export type KeyParse =
  | { ok: true; key: string; space: GroundTruthSpace }
  /** skip: the row is well formed but not in our spaces; `label` groups the skips in the notes. */
  | { ok: false; skip: true; label: string }
  | { ok: false; skip: false; error: string };

const normalizeSpace = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Names a `space` column may use for each of our ViT spaces (compared without case or punctuation). */
const SPACE_ALIASES: Record<VitSpaceId, readonly string[]> = {
  'autoformer-tiny': ['autoformer-ti', 'autoformer-t', 'autoformer-tiny', 'tiny'],
  'autoformer-small': ['autoformer-s', 'autoformer-small', 'small'],
  'autoformer-base': ['autoformer-b', 'autoformer-base', 'base'],
  browser: ['browser'],
};

/** Our ViT space named by a `space` cell, or null if it names none of ours (e.g. PiT-Ti). */
export function vitSpaceFromLabel(label: string): VitSpaceId | null {
  const wanted = normalizeSpace(label);
  for (const id of VIT_SPACE_IDS) {
    const names = [id, VIT_SPACES[id].label, ...SPACE_ALIASES[id]];
    if (names.some((name) => normalizeSpace(name) === wanted)) return id;
  }
  return null;
}

function parseVit(json: string, spaceLabel: RawCell | undefined): KeyParse {
  const label =
    typeof spaceLabel === 'string' ? spaceLabel.trim() : spaceLabel == null ? '' : String(spaceLabel);
  if (label !== '') {
    const space = vitSpaceFromLabel(label);
    if (!space) return { ok: false, skip: true, label };
    const parsed = vitFromAutoProxJson(space, json);
    return parsed.ok
      ? { ok: true, key: vitToString(parsed.value), space }
      : { ok: false, skip: false, error: `${parsed.error} (for ${VIT_SPACES[space].label})` };
  }
  // No space given: embedding widths differ between all our ViT spaces, so at most one fits.
  for (const space of VIT_SPACE_IDS) {
    const parsed = vitFromAutoProxJson(space, json);
    if (parsed.ok) return { ok: true, key: vitToString(parsed.value), space };
    if (!parsed.error.startsWith('embed ')) return { ok: false, skip: false, error: parsed.error };
  }
  return { ok: false, skip: false, error: 'hidden_dim is not the embedding width of any of our ViT spaces' };
}

/** Parses one key cell; `spaceLabel` is the row's `space` cell for ViT tables (ignored otherwise). */
export function parseKey(kind: KeyKind, cell: RawCell | undefined, spaceLabel?: RawCell): KeyParse {
  if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) {
    return { ok: false, skip: false, error: 'the key is empty' };
  }
  const text = typeof cell === 'string' ? cell : String(cell);
  if (text.length > MAX_KEY_LENGTH) {
    return {
      ok: false,
      skip: false,
      error: `the key is ${text.length} characters long, too long for an architecture`,
    };
  }
  if (kind === 'vit-ood-columns') {
    return {
      ok: false,
      skip: false,
      error: `this key is read from the columns ${OOD_KEY_COLUMNS.join(', ')}`,
    };
  }
  if (kind === 'vit-autoprox-json') return parseVit(text, spaceLabel);
  if (kind === 'vit-text') {
    const vit = vitFromString(text);
    return vit.ok
      ? { ok: true, key: vitToString(vit.value), space: vit.value.space }
      : { ok: false, skip: false, error: vit.error };
  }
  const parsed = kind === 'nb201-string' ? nb201FromString(text) : nb201FromNaslibKey(text);
  return parsed.ok
    ? { ok: true, key: nb201ToString(parsed.value), space: 'nb201' }
    : { ok: false, skip: false, error: parsed.error };
}

/** Whether a cell parses as a key of this kind (ViT: in one of our spaces, inferred from its width). */
export function looksLikeKey(kind: KeyKind, cell: RawCell | undefined): boolean {
  return parseKey(kind, cell).ok;
}

/** Whether text parses as JSON at all (its shape is vitFromOodRow's to check). */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A cell as the plain text vitFromOodRow reads (JSON tables may hold numbers; null is empty). */
const cellText = (cell: RawCell | undefined) => (cell === null || cell === undefined ? '' : String(cell));

/**
 * One OoD-ViT-NAS row's architecture from its four key cells (OOD_KEY_COLUMNS, in that order) and,
 * when the file has OOD_DEPTH_COLUMN, its layer count, which must equal the number of MLP ratios.
 * The supernet is read without case or surrounding spaces (tiny → AutoFormer-Ti).
 */
export function parseOodKey(cells: readonly (RawCell | undefined)[], depthCell?: RawCell): KeyParse {
  const texts = OOD_KEY_COLUMNS.map((_, i) => cellText(cells[i]));
  for (const [i, text] of texts.entries()) {
    const column = OOD_KEY_COLUMNS[i];
    if (text.trim() === '') return { ok: false, skip: false, error: `${column} is empty` };
    if (text.length > MAX_KEY_LENGTH) {
      return {
        ok: false,
        skip: false,
        error: `${column} is ${text.length} characters long, too long for an architecture`,
      };
    }
  }
  const [supernet = '', embed = '', mlp = '', heads = ''] = texts;
  const name = supernet.trim().toLowerCase();
  if (!['tiny', 'small', 'base'].includes(name)) {
    return {
      ok: false,
      skip: false,
      error: `unknown supernet "${excerpt(supernet)}" (OoD-ViT-NAS names tiny, small or base)`,
    };
  }
  const embedText = embed.trim();
  if (typeof cellNumber(embedText) !== 'number') {
    return { ok: false, skip: false, error: `embed_dim "${excerpt(embedText)}" is not a number` };
  }
  // vitFromOodRow says only that one of the two is not JSON; name the column.
  for (const [column, text] of [
    [OOD_KEY_COLUMNS[2], mlp],
    [OOD_KEY_COLUMNS[3], heads],
  ] as const) {
    if (!isJson(text)) {
      return { ok: false, skip: false, error: `${column} "${excerpt(text)}" is not a JSON list of numbers` };
    }
  }
  const parsed = vitFromOodRow(name, embedText, mlp, heads);
  if (!parsed.ok) {
    return {
      ok: false,
      skip: false,
      error: `${parsed.error} (for ${VIT_SPACES[`autoformer-${name}` as VitSpaceId].label})`,
    };
  }
  if (depthCell !== undefined) {
    const depth = cellNumber(depthCell);
    const layers = parsed.value.mlpRatio.length;
    if (depth !== layers) {
      return {
        ok: false,
        skip: false,
        error: `${OOD_DEPTH_COLUMN} is "${excerpt(depthCell)}" but the row lists ${layers} MLP ratios and ${parsed.value.heads.length} head counts`,
      };
    }
  }
  return { ok: true, key: vitToString(parsed.value), space: parsed.value.space };
}
