import { describe, expect, it } from 'vitest';
import { closedKey, explanationMemory, type KeyValueStorage } from './explanationMemory';

/** A Map behind the Storage methods, as localStorage behaves within one origin. */
function mapStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

/** Storage as a blocked browser gives it: every call throws a SecurityError. */
const throwingStorage: KeyValueStorage = {
  getItem: () => {
    throw new Error('SecurityError: storage is disabled');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError: storage is disabled');
  },
};

describe('explanation memory', () => {
  it('starts with every explanation open', () => {
    const memory = explanationMemory(() => mapStorage());
    expect(memory.isClosed('explorer')).toBe(false);
  });

  it('remembers a close across a new instance over the same storage (a reload)', () => {
    const storage = mapStorage();
    explanationMemory(() => storage).close('explorer');
    const reloaded = explanationMemory(() => storage);
    expect(reloaded.isClosed('explorer')).toBe(true);
    expect(reloaded.isClosed('lab-bias')).toBe(false);
    expect(storage.entries.get(closedKey('explorer'))).toBe('1');
  });

  it('keeps each id apart, and reopening forgets the close for the next instance too', () => {
    const storage = mapStorage();
    const memory = explanationMemory(() => storage);
    memory.close('lab-bias');
    memory.close('lecture');
    memory.reopen('lab-bias');
    expect(memory.isClosed('lab-bias')).toBe(false);
    const reloaded = explanationMemory(() => storage);
    expect(reloaded.isClosed('lab-bias')).toBe(false);
    expect(reloaded.isClosed('lecture')).toBe(true);
  });

  it('never throws when the storage throws, and holds the choice for the session', () => {
    const memory = explanationMemory(() => throwingStorage);
    expect(() => memory.isClosed('explorer')).not.toThrow();
    expect(memory.isClosed('explorer')).toBe(false);
    expect(() => memory.close('explorer')).not.toThrow();
    expect(memory.isClosed('explorer')).toBe(true);
    expect(() => memory.reopen('explorer')).not.toThrow();
    expect(memory.isClosed('explorer')).toBe(false);
    // Nothing was stored: a new instance (a reload) shows the explanation again.
    memory.close('explorer');
    expect(explanationMemory(() => throwingStorage).isClosed('explorer')).toBe(false);
  });

  it('never throws when even reaching the storage throws, or there is none', () => {
    const blocked = explanationMemory(() => {
      throw new Error('SecurityError: access to localStorage is denied');
    });
    expect(blocked.isClosed('explorer')).toBe(false);
    expect(() => blocked.close('explorer')).not.toThrow();
    expect(blocked.isClosed('explorer')).toBe(true);
    const none = explanationMemory(() => null);
    none.close('lecture');
    expect(none.isClosed('lecture')).toBe(true);
  });
});
