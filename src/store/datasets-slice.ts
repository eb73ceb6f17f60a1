import type { CleaningEntry } from '../data/analysis/cleaning';
import {
  idbDatasetRepository,
  memoryDatasetRepository,
  type DatasetRepository,
} from '../data/dataset-db/dataset-db';
import {
  createDatasetRecord,
  sortMetas,
  type DatasetMeta,
  type DatasetRecord,
  type NewDataset,
} from '../data/dataset-db/dataset-record';
import type { SliceCreator } from './app-store';

/**
 * The explorer's saved datasets (parsed files and joined tables). IndexedDB is the store of
 * record; the store mirrors the list (metas only) for the UI and keeps the records opened this
 * session in a module cache (tables can be large: they are never put in React state twice).
 * Not persisted to localStorage.
 *
 * A dataset that could not be written (storage full, private mode) stays usable for the session
 * and is listed in `unsavedDatasetIds`, so the UI can say it will not survive a reload.
 */
export type DatasetsStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DatasetsState {
  /** Newest first. */
  datasets: DatasetMeta[];
  datasetsStatus: DatasetsStatus;
  activeDatasetId: string | null;
  unsavedDatasetIds: string[];
}

export interface DatasetsActions {
  /** Read the list from storage (once; later calls are no-ops unless the first failed). */
  loadDatasets: () => Promise<void>;
  /** Store a new dataset; resolves with its meta even when it could not be written. */
  addDataset: (input: NewDataset) => Promise<DatasetMeta>;
  /** Replace a dataset's contents (e.g. a file read again with other settings); keeps its id. */
  replaceDataset: (id: string, input: NewDataset) => Promise<DatasetMeta>;
  /** The full record (table, report, cleaning log), from the cache or storage. */
  openDataset: (id: string) => Promise<DatasetRecord | undefined>;
  /** Record a dataset's cleaning log (after a cleaning step or an undo). */
  setCleaningLog: (id: string, log: readonly CleaningEntry[]) => Promise<void>;
  deleteDataset: (id: string) => Promise<void>;
  /** Delete every dataset, in storage and in memory. */
  deleteAllDatasets: () => Promise<void>;
  setActiveDataset: (id: string | null) => void;
}

export type DatasetsSlice = DatasetsState & DatasetsActions;

let repository: DatasetRepository | undefined;
const cache = new Map<string, DatasetRecord>();

function repo(): DatasetRepository {
  repository ??=
    typeof indexedDB === 'undefined' ? memoryDatasetRepository() : idbDatasetRepository();
  return repository;
}

/** Tests: use another repository (call before the first load). */
export function setDatasetRepository(next: DatasetRepository): void {
  repository = next;
  cache.clear();
}

function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export const createDatasetsSlice: SliceCreator<DatasetsSlice> = (set, get) => {
  async function store(record: DatasetRecord): Promise<DatasetMeta> {
    const id = record.meta.id;
    cache.set(id, record);
    let saved = true;
    try {
      await repo().put(record);
    } catch {
      saved = false;
    }
    set((s) => ({
      datasets: sortMetas([...s.datasets.filter((m) => m.id !== id), record.meta]),
      unsavedDatasetIds: saved
        ? s.unsavedDatasetIds.filter((x) => x !== id)
        : [...new Set([...s.unsavedDatasetIds, id])],
    }));
    return record.meta;
  }

  return {
    datasets: [],
    datasetsStatus: 'idle',
    activeDatasetId: null,
    unsavedDatasetIds: [],

    loadDatasets: async () => {
      const status = get().datasetsStatus;
      if (status === 'loading' || status === 'ready') return;
      set({ datasetsStatus: 'loading' });
      try {
        const metas = await repo().listMeta();
        // Datasets added while loading are kept.
        const added = get().datasets.filter((m) => !metas.some((x) => x.id === m.id));
        set({ datasets: sortMetas([...metas, ...added]), datasetsStatus: 'ready' });
      } catch {
        set({ datasetsStatus: 'error' });
      }
    },

    addDataset: (input) => store(createDatasetRecord(input, newId(), Date.now())),

    replaceDataset: async (id, input) => {
      const previous = get().datasets.find((m) => m.id === id);
      const record = createDatasetRecord(input, id, Date.now());
      if (previous) record.meta.createdAt = previous.createdAt;
      return store(record);
    },

    openDataset: async (id) => {
      const hit = cache.get(id);
      if (hit) return hit;
      const meta = get().datasets.find((m) => m.id === id);
      if (!meta) return undefined;
      try {
        const [data, log] = await Promise.all([repo().getData(id), repo().getLog(id)]);
        if (!data) return undefined;
        const record: DatasetRecord = { meta, data, cleaningLog: log };
        cache.set(id, record);
        return record;
      } catch {
        return undefined;
      }
    },

    setCleaningLog: async (id, log) => {
      const hit = cache.get(id);
      if (hit) cache.set(id, { ...hit, cleaningLog: [...log] });
      const meta = get().datasets.find((m) => m.id === id);
      if (meta) {
        const next = { ...meta, updatedAt: Date.now() };
        set((s) => ({ datasets: s.datasets.map((m) => (m.id === id ? next : m)) }));
        const current = cache.get(id);
        if (current) cache.set(id, { ...current, meta: next });
      }
      try {
        await repo().putLog(id, log);
        if (meta) await repo().putMeta({ ...meta, updatedAt: Date.now() });
      } catch {
        set((s) => ({ unsavedDatasetIds: [...new Set([...s.unsavedDatasetIds, id])] }));
      }
    },

    deleteDataset: async (id) => {
      cache.delete(id);
      set((s) => ({
        datasets: s.datasets.filter((m) => m.id !== id),
        activeDatasetId: s.activeDatasetId === id ? null : s.activeDatasetId,
        unsavedDatasetIds: s.unsavedDatasetIds.filter((x) => x !== id),
      }));
      await repo().delete(id);
    },

    deleteAllDatasets: async () => {
      cache.clear();
      set({ datasets: [], activeDatasetId: null, unsavedDatasetIds: [] });
      await repo().clear();
    },

    setActiveDataset: (id) => set({ activeDatasetId: id }),
  };
};
