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
    expect(saved).toEqual({
      state: {
        language: 'en',
        dosing: { strengthPercent: null, densityKgPerL: null, flowLps: null },
        activePackId: 'aguaclara-honduras',
      },
      version: 1,
    });
  });

  it('restores the saved language', async () => {
    const { useAppStore } = await loadStore({ state: { language: 'en' }, version: 1 });
    expect(useAppStore.getState().language).toBe('en');
  });

  it('ignores an unknown saved language', async () => {
    const { useAppStore } = await loadStore({ state: { language: 'fr' }, version: 1 });
    expect(useAppStore.getState().language).toBe('es');
  });

  it('keeps the dosing settings and the active pack across a reload', async () => {
    const first = await loadStore();
    first.useAppStore.getState().setDosing({ strengthPercent: 10, densityKgPerL: 1.3 });
    first.useAppStore.getState().setActivePack('aguaclara-honduras-prev-dose');
    const saved = JSON.parse(first.storage.getItem(first.STORE_KEY) ?? 'null') as unknown;
    const { useAppStore } = await loadStore(saved);
    expect(useAppStore.getState().dosing).toEqual({
      strengthPercent: 10,
      densityKgPerL: 1.3,
      flowLps: null,
    });
    expect(useAppStore.getState().activePackId).toBe('aguaclara-honduras-prev-dose');
  });

  it('refuses invalid dosing values and pack ids, in actions and from storage', async () => {
    const { useAppStore } = await loadStore({
      state: {
        language: 'es',
        dosing: { strengthPercent: 250, densityKgPerL: 'x', flowLps: 120 },
        activePackId: '../evil',
      },
      version: 1,
    });
    expect(useAppStore.getState().dosing).toEqual({
      strengthPercent: null,
      densityKgPerL: null,
      flowLps: 120,
    });
    expect(useAppStore.getState().activePackId).toBe('aguaclara-honduras');
    useAppStore.getState().setDosing({ strengthPercent: 0, flowLps: -5, densityKgPerL: 1.2 });
    expect(useAppStore.getState().dosing).toEqual({
      strengthPercent: null,
      densityKgPerL: 1.2,
      flowLps: 120,
    });
    useAppStore.getState().setActivePack('Not A Pack');
    expect(useAppStore.getState().activePackId).toBe('aguaclara-honduras');
  });

  it('records, edits and deletes operator-log entries through the repository', async () => {
    vi.resetModules();
    vi.stubGlobal('localStorage', memoryStorage());
    const { setLogRepository } = await import('./operator-log-slice');
    const { memoryLogRepository } = await import('../data/operator-log/log-db');
    const repo = memoryLogRepository();
    setLogRepository(repo);
    const { useAppStore } = await import('./app-store');
    await useAppStore.getState().loadLog();
    expect(useAppStore.getState().logStatus).toBe('ready');
    const entry = await useAppStore.getState().addLogEntry({
      packId: 'aguaclara-honduras',
      reportTime: Date.UTC(2015, 5, 10, 8),
      plant: 'aga',
      inputs: { plant: 'aga', raw_turbidity: 12.5 },
      prediction: null,
      appliedDose: 6,
      jarTestDose: null,
      settledObserved: null,
      note: 'n',
    });
    expect((await repo.list()).map((e) => e.id)).toEqual([entry.id]);
    await useAppStore.getState().updateLogEntry(entry.id, { settledObserved: 0.8 });
    expect((await repo.list())[0]?.settledObserved).toBe(0.8);
    expect(useAppStore.getState().logEntries[0]?.settledObserved).toBe(0.8);
    await useAppStore.getState().deleteLogEntry(entry.id);
    expect(await repo.list()).toEqual([]);
    expect(useAppStore.getState().logEntries).toEqual([]);
  });

  it('does not persist the operator log to localStorage', async () => {
    const { useAppStore, storage, STORE_KEY } = await loadStore();
    useAppStore.getState().setLanguage('en');
    expect(storage.getItem(STORE_KEY)).not.toContain('logEntries');
  });
});
