import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Minimal in-memory localStorage: Vitest runs these tests in Node. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

/** A fresh store module over the given storage contents. */
async function loadStore(saved?: unknown) {
  vi.resetModules();
  const storage = memoryStorage();
  vi.stubGlobal('localStorage', storage);
  if (saved !== undefined) storage.setItem('dosis-coagulante:app', JSON.stringify(saved));
  const { useAppStore, STORE_KEY } = await import('./app-store');
  return { useAppStore, storage, STORE_KEY };
}

describe('app store', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
  });

  it('defaults to Spanish', async () => {
    const { useAppStore } = await loadStore();
    expect(useAppStore.getState().language).toBe('es');
  });

  it('persists only the settings data', async () => {
    const { useAppStore, storage, STORE_KEY } = await loadStore();
    useAppStore.getState().setLanguage('en');
    const saved = JSON.parse(storage.getItem(STORE_KEY) ?? 'null') as unknown;
    expect(saved).toEqual({ state: { language: 'en' }, version: 1 });
  });

  it('restores the saved language', async () => {
    const { useAppStore } = await loadStore({ state: { language: 'en' }, version: 1 });
    expect(useAppStore.getState().language).toBe('en');
  });

  it('ignores an unknown saved language', async () => {
    const { useAppStore } = await loadStore({ state: { language: 'fr' }, version: 1 });
    expect(useAppStore.getState().language).toBe('es');
  });
});
