import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CleaningEntry } from '../data/analysis/cleaning';
import type { DatasetRepository } from '../data/dataset-db/dataset-db';
import type { DataTable } from '../data/data-table';

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

const table = (n = 2): DataTable => ({
  name: 'a.csv',
  rowCount: n,
  columns: [{ name: 'x', kind: 'number', values: new Float64Array(n).fill(1) }],
});

const entry: CleaningEntry = {
  op: 'remove',
  column: 'x',
  params: { rows: [0] },
  changedRows: [0],
  at: 1,
};

/** A fresh store over a fresh in-memory repository. */
async function setup(repo?: DatasetRepository) {
  vi.resetModules();
  vi.stubGlobal('localStorage', memoryStorage());
  const { useAppStore } = await import('./app-store');
  const slice = await import('./datasets-slice');
  const db = await import('../data/dataset-db/dataset-db');
  const repository = repo ?? db.memoryDatasetRepository();
  slice.setDatasetRepository(repository);
  return { store: useAppStore, repository };
}

describe('datasets slice', () => {
  beforeEach(() => vi.unstubAllGlobals());

  it('adds, lists, replaces and deletes datasets through the repository', async () => {
    const { store, repository } = await setup();
    const s = () => store.getState();
    const meta = await s().addDataset({
      name: 'a.csv',
      kind: 'file',
      origin: 'upload',
      synthetic: false,
      table: table(),
    });
    expect(s().datasets.map((m) => m.id)).toEqual([meta.id]);
    expect((await repository.listMeta()).map((m) => m.id)).toEqual([meta.id]);

    await s().setCleaningLog(meta.id, [entry]);
    expect(await repository.getLog(meta.id)).toEqual([entry]);
    expect((await s().openDataset(meta.id))?.cleaningLog).toEqual([entry]);

    const again = await s().replaceDataset(meta.id, {
      name: 'a.csv',
      kind: 'file',
      origin: 'upload',
      synthetic: false,
      table: table(5),
    });
    expect(again.id).toBe(meta.id);
    expect(again.createdAt).toBe(meta.createdAt);
    expect(s().datasets).toHaveLength(1);
    expect((await s().openDataset(meta.id))?.data.table.rowCount).toBe(5);
    // A new table starts a new cleaning history.
    expect((await s().openDataset(meta.id))?.cleaningLog).toEqual([]);

    s().setActiveDataset(meta.id);
    await s().deleteDataset(meta.id);
    expect(s().datasets).toEqual([]);
    expect(s().activeDatasetId).toBeNull();
    expect(await repository.listMeta()).toEqual([]);
  });

  it('loads saved datasets once and deletes everything', async () => {
    const first = await setup();
    await first.store.getState().addDataset({
      name: 'b.csv',
      kind: 'file',
      origin: 'sample-synthetic',
      synthetic: true,
      table: table(),
    });
    // A new page over the same storage.
    const { store } = await setup(first.repository);
    expect(store.getState().datasets).toEqual([]);
    await store.getState().loadDatasets();
    expect(store.getState().datasetsStatus).toBe('ready');
    expect(store.getState().datasets.map((m) => m.name)).toEqual(['b.csv']);
    expect(
      (await store.getState().openDataset(store.getState().datasets[0]!.id))?.meta.synthetic,
    ).toBe(true);
    await store.getState().deleteAllDatasets();
    expect(store.getState().datasets).toEqual([]);
    expect(await first.repository.listMeta()).toEqual([]);
  });

  it('keeps a dataset usable for the session when storage refuses it', async () => {
    const { store } = await setup();
    const { memoryDatasetRepository } = await import('../data/dataset-db/dataset-db');
    const { setDatasetRepository } = await import('./datasets-slice');
    const full = memoryDatasetRepository();
    setDatasetRepository({ ...full, put: () => Promise.reject(new Error('QuotaExceededError')) });
    const meta = await store.getState().addDataset({
      name: 'c.csv',
      kind: 'file',
      origin: 'upload',
      synthetic: false,
      table: table(),
    });
    expect(store.getState().unsavedDatasetIds).toEqual([meta.id]);
    expect((await store.getState().openDataset(meta.id))?.data.table.rowCount).toBe(2);
  });
});
