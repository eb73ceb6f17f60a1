import type { DBSchema } from 'idb';
import { createIdStores, memoisedDbOpener } from '../idb-open';
import {
  normaliseLocalFiles,
  normaliseLocalMeta,
  sortLocalMetas,
  type LocalPackFiles,
  type LocalPackMeta,
  type LocalPackRecord,
} from './pack-record';

/**
 * Model packs kept on this device, in IndexedDB: they survive reloads, work offline and never
 * leave the device unless exported. A database of its own, so its schema moves independently of
 * the datasets' and the operator log's.
 *
 * Schema history (PACK_DB_VERSION):
 *   1. object stores `meta` (LocalPackMeta, with the manifest) and `files`
 *      ({ id, files: { path: Uint8Array }, card }), both keyed by the pack id.
 * To change it: bump PACK_DB_VERSION and add an `if (oldVersion < N)` step in `upgrade`,
 * migrating existing records in that step's transaction; never edit an earlier step.
 */
export const PACK_DB_NAME = 'dosis-coagulante-packs';
export const PACK_DB_VERSION = 1;

interface PackDbSchema extends DBSchema {
  meta: { key: string; value: LocalPackMeta };
  files: { key: string; value: LocalPackFiles };
}

/** Where local packs live: IndexedDB in the app, memory in tests (or without IndexedDB). */
export interface PackRepository {
  /** Every pack's meta, newest first; unreadable or invalid records are skipped. */
  listMeta(): Promise<LocalPackMeta[]>;
  /** A pack's files and model card; undefined when absent or corrupt. */
  getFiles(id: string): Promise<LocalPackFiles | undefined>;
  /** Writes meta and files in one transaction. */
  put(record: LocalPackRecord): Promise<void>;
  delete(id: string): Promise<void>;
}

const STORES = ['meta', 'files'] as const;

export function idbPackRepository(name: string = PACK_DB_NAME): PackRepository {
  const open = memoisedDbOpener<PackDbSchema>(name, PACK_DB_VERSION, createIdStores(STORES));
  return {
    async listMeta() {
      const rows = await (await open()).getAll('meta');
      return sortLocalMetas(
        rows.map(normaliseLocalMeta).filter((m): m is LocalPackMeta => m !== null),
      );
    },
    async getFiles(id) {
      return normaliseLocalFiles(await (await open()).get('files', id)) ?? undefined;
    },
    async put(record) {
      const tx = (await open()).transaction(STORES, 'readwrite');
      await Promise.all([
        tx.objectStore('meta').put(record.meta),
        tx.objectStore('files').put(record.files),
        tx.done,
      ]);
    },
    async delete(id) {
      const tx = (await open()).transaction(STORES, 'readwrite');
      await Promise.all([
        tx.objectStore('meta').delete(id),
        tx.objectStore('files').delete(id),
        tx.done,
      ]);
    },
  };
}

/**
 * In-memory repository with the same contract (tests, and the fallback without IndexedDB).
 * Values are structured-cloned in and out, as IndexedDB would.
 */
export function memoryPackRepository(): PackRepository {
  const meta = new Map<string, LocalPackMeta>();
  const files = new Map<string, LocalPackFiles>();
  return {
    async listMeta() {
      return sortLocalMetas(
        [...meta.values()]
          .map((m) => normaliseLocalMeta(structuredClone(m)))
          .filter((m): m is LocalPackMeta => m !== null),
      );
    },
    async getFiles(id) {
      const f = files.get(id);
      return f ? (normaliseLocalFiles(structuredClone(f)) ?? undefined) : undefined;
    },
    async put(record) {
      meta.set(record.meta.id, structuredClone(record.meta));
      files.set(record.meta.id, structuredClone(record.files));
    },
    async delete(id) {
      meta.delete(id);
      files.delete(id);
    },
  };
}
