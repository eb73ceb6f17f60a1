import {
  idbPackRepository,
  memoryPackRepository,
  type PackRepository,
} from '../data/pack-db/pack-db';
import {
  createLocalPackRecord,
  sortLocalMetas,
  type LocalPackFiles,
  type LocalPackMeta,
  type LocalPackProblem,
  type NewLocalPack,
} from '../data/pack-db/pack-record';
import type { SliceCreator } from './app-store';
import { DEFAULT_PACK_ID } from './pack-slice';

/**
 * Model packs kept on this device (trained in the Models area or imported from a zip).
 * IndexedDB (`src/data/pack-db/`) is the store of record; the store mirrors the list (metas, which
 * carry the manifest) for the Models list and Operate's pack choice. Files are read on demand.
 * Not persisted to localStorage. `src/store/pack-sources.ts` turns a local pack into an engine
 * pack source, so Operate and batch prediction load it like a shipped one.
 */
export type LocalPacksStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LocalPacksState {
  /** Newest first. */
  localPacks: LocalPackMeta[];
  localPacksStatus: LocalPacksStatus;
}

export type SaveLocalPackResult =
  | { ok: true; meta: LocalPackMeta }
  | { ok: false; problem: LocalPackProblem | { code: 'storage-failed'; detail: string } };

export interface LocalPacksActions {
  /** Read the list from storage (once; later calls are no-ops unless the first failed). */
  loadLocalPacks: () => Promise<void>;
  /** Validate (schema, every listed file present) and store a pack; replaces one with its id. */
  saveLocalPack: (pack: NewLocalPack) => Promise<SaveLocalPackResult>;
  /** A local pack's files and model card, from storage. */
  openLocalPackFiles: (id: string) => Promise<LocalPackFiles | undefined>;
  /** Delete a local pack; Operate falls back to the default pack if it was the active one. */
  deleteLocalPack: (id: string) => Promise<void>;
}

export type LocalPacksSlice = LocalPacksState & LocalPacksActions;

let repository: PackRepository | undefined;
let loading: Promise<void> | undefined;

function repo(): PackRepository {
  repository ??= typeof indexedDB === 'undefined' ? memoryPackRepository() : idbPackRepository();
  return repository;
}

/** Tests: use another repository (call before the first load). */
export function setPackRepository(next: PackRepository): void {
  repository = next;
  loading = undefined;
}

/** Tests and e2e hooks: the repository itself (what a reload would read). */
export function packRepository(): PackRepository {
  return repo();
}

export const createLocalPacksSlice: SliceCreator<LocalPacksSlice> = (set, get) => ({
  localPacks: [],
  localPacksStatus: 'idle',

  loadLocalPacks: () => {
    if (get().localPacksStatus === 'ready') return Promise.resolve();
    if (loading) return loading;
    set({ localPacksStatus: 'loading' });
    const p = (async () => {
      try {
        const metas = await repo().listMeta();
        // Packs saved while loading are kept.
        const added = get().localPacks.filter((m) => !metas.some((x) => x.id === m.id));
        set({ localPacks: sortLocalMetas([...metas, ...added]), localPacksStatus: 'ready' });
      } catch {
        set({ localPacksStatus: 'error' });
      } finally {
        loading = undefined;
      }
    })();
    loading = p;
    return p;
  },

  saveLocalPack: async (pack) => {
    const created = createLocalPackRecord(pack, Date.now());
    if (!created.ok) return created;
    const { record } = created;
    try {
      await repo().put(record);
    } catch (e) {
      return {
        ok: false,
        problem: { code: 'storage-failed', detail: e instanceof Error ? e.message : String(e) },
      };
    }
    set((s) => ({
      localPacks: sortLocalMetas([
        ...s.localPacks.filter((m) => m.id !== record.meta.id),
        record.meta,
      ]),
    }));
    return { ok: true, meta: record.meta };
  },

  openLocalPackFiles: async (id) => {
    try {
      return await repo().getFiles(id);
    } catch {
      return undefined;
    }
  },

  deleteLocalPack: async (id) => {
    await repo().delete(id);
    set((s) => ({
      localPacks: s.localPacks.filter((m) => m.id !== id),
      ...(s.activePackId === id ? { activePackId: DEFAULT_PACK_ID } : {}),
    }));
  },
});
