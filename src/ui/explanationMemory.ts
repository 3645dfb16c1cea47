/**
 * Which page explanations the user has closed, remembered per explanation id. The storage comes in
 * as a getter so tests hand in a fake, and so a browser that refuses storage altogether (blocked
 * cookies, some private modes: reading `window.localStorage` itself throws) is only a missing memory:
 * what the user closed still stays closed until the page reloads, and nothing throws.
 */

/** The part of the Web Storage API used here (localStorage satisfies it). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ExplanationMemory {
  isClosed(id: string): boolean;
  close(id: string): void;
  reopen(id: string): void;
}

const KEY_PREFIX = 'spectral-nas.explanation-closed.';

/** The storage key of one explanation's closed flag. */
export function closedKey(id: string): string {
  return KEY_PREFIX + id;
}

/**
 * A memory over `storage()`. Every read and write is guarded: when the storage is missing or throws,
 * the answer comes from what this instance was told in this session.
 */
export function explanationMemory(storage: () => KeyValueStorage | null | undefined): ExplanationMemory {
  const session = new Map<string, boolean>();
  const write = (act: (s: KeyValueStorage) => void) => {
    try {
      const s = storage();
      if (s) act(s);
    } catch {
      // Storage refused (quota, blocked, private mode): the session map still holds the choice.
    }
  };
  return {
    isClosed(id) {
      const known = session.get(id);
      if (known !== undefined) return known;
      try {
        return storage()?.getItem(closedKey(id)) === '1';
      } catch {
        return false;
      }
    },
    close(id) {
      session.set(id, true);
      write((s) => s.setItem(closedKey(id), '1'));
    },
    reopen(id) {
      session.set(id, false);
      write((s) => s.removeItem(closedKey(id)));
    },
  };
}

/** The app's memory: the browser's localStorage, read only when an explanation first renders. */
export const browserExplanationMemory: ExplanationMemory = explanationMemory(() =>
  typeof window === 'undefined' ? null : window.localStorage,
);
