import type { DBSchema } from 'idb';
import { createIdStores, memoisedDbOpener } from '../idb-open';
import type { CleaningEntry } from '../analysis/cleaning';
import type { DatasetData, DatasetMeta, DatasetRecord } from './dataset-record';
import { normaliseData, normaliseLog, normaliseMeta, sortMetas } from './dataset-record';

/**
 * Explorer datasets in IndexedDB: they survive reloads, work offline and never leave the device.
 * A database of its own, so its schema version moves independently of the operator log's.
 *
 * Schema history (DATASET_DB_VERSION):
 *   1. object stores `meta` (DatasetMeta), `data` (DatasetData: typed table, report, options,
 *      source file) and `logs` ({ id, entries: CleaningEntry[] }), all keyed by the dataset id.
 * To change it: bump DATASET_DB_VERSION and add an `if (oldVersion < N)` step in `upgrade`,
 * migrating existing records in that step's transaction; never edit an earlier step.
 */
export const DATASET_DB_NAME = 'dosis-coagulante-datasets';
export const DATASET_DB_VERSION = 1;

interface StoredLog {
  id: string;
  entries: CleaningEntry[];
}

interface DatasetDbSchema extends DBSchema {
  meta: { key: string; value: DatasetMeta };
  data: { key: string; value: DatasetData };
  logs: { key: string; value: StoredLog };
}

/** Where datasets live: IndexedDB in the app, memory in tests (or without IndexedDB). */
export interface DatasetRepository {
  /** Every dataset's meta, newest first; unreadable records are skipped. */
  listMeta(): Promise<DatasetMeta[]>;
  /** The table (and report, options, file) of one dataset; undefined when absent or corrupt. */
  getData(id: string): Promise<DatasetData | undefined>;
  getLog(id: string): Promise<CleaningEntry[]>;
  /** Writes the whole dataset in one transaction. */
  put(record: DatasetRecord): Promise<void>;
  putMeta(meta: DatasetMeta): Promise<void>;
  putLog(id: string, entries: readonly CleaningEntry[]): Promise<void>;
  delete(id: string): Promise<void>;
  /** Deletes every dataset. */
  clear(): Promise<void>;
}

const STORES = ['meta', 'data', 'logs'] as const;

/**
 * Await promises and throw the first error, after every one of them has settled (Promise.all
 * would leave the later rejections unhandled).
 */
export async function settleAll(promises: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}

const ignore = (): void => undefined;

/**
 * Make a transaction's requests and await them and its completion. When a transaction aborts
 * (Chromium refuses a value over 127 MiB, so a table of a few million rows cannot be saved),
 * `done` and every request reject, and Chromium may reject some of them while a later request is
 * still being made. So each promise gets a handler the moment it exists, `done` first; a request
 * that throws at once aborts the transaction. The first error is thrown for the caller (the
 * store keeps such a dataset in memory and marks it unsaved).
 */
export async function runTransaction(
  tx: { readonly done: Promise<void>; abort(): void },
  requests: readonly (() => Promise<unknown>)[],
): Promise<void> {
  const pending: Promise<unknown>[] = [tx.done];
  tx.done.catch(ignore);
  try {
    for (const make of requests) {
      const request = make();
      request.catch(ignore);
      pending.push(request);
    }
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing left to stop.
    }
    throw error;
  }
  await settleAll(pending);
}

export function idbDatasetRepository(name: string = DATASET_DB_NAME): DatasetRepository {
  const open = memoisedDbOpener<DatasetDbSchema>(name, DATASET_DB_VERSION, createIdStores(STORES));
  return {
    async listMeta() {
      const rows = await (await open()).getAll('meta');
      return sortMetas(rows.map(normaliseMeta).filter((m): m is DatasetMeta => m !== null));
    },
    async getData(id) {
      const raw = await (await open()).get('data', id);
      return normaliseData(raw) ?? undefined;
    },
    async getLog(id) {
      return normaliseLog(await (await open()).get('logs', id));
    },
    async put(record) {
      const tx = (await open()).transaction(STORES, 'readwrite');
      await runTransaction(tx, [
        () => tx.objectStore('meta').put(record.meta),
        () => tx.objectStore('data').put(record.data),
        () => tx.objectStore('logs').put({ id: record.meta.id, entries: record.cleaningLog }),
      ]);
    },
    async putMeta(meta) {
      await (await open()).put('meta', meta);
    },
    async putLog(id, entries) {
      await (await open()).put('logs', { id, entries: [...entries] });
    },
    async delete(id) {
      const tx = (await open()).transaction(STORES, 'readwrite');
      await runTransaction(tx, [
        () => tx.objectStore('meta').delete(id),
        () => tx.objectStore('data').delete(id),
        () => tx.objectStore('logs').delete(id),
      ]);
    },
    async clear() {
      const tx = (await open()).transaction(STORES, 'readwrite');
      await runTransaction(tx, [
        () => tx.objectStore('meta').clear(),
        () => tx.objectStore('data').clear(),
        () => tx.objectStore('logs').clear(),
      ]);
    },
  };
}

/**
 * In-memory repository with the same contract (tests, and the fallback without IndexedDB).
 * Values are structured-cloned in and out, as IndexedDB would.
 */
export function memoryDatasetRepository(): DatasetRepository {
  const meta = new Map<string, DatasetMeta>();
  const data = new Map<string, DatasetData>();
  const logs = new Map<string, CleaningEntry[]>();
  return {
    async listMeta() {
      return sortMetas(
        [...meta.values()]
          .map((m) => normaliseMeta(structuredClone(m)))
          .filter((m): m is DatasetMeta => m !== null),
      );
    },
    async getData(id) {
      const d = data.get(id);
      return d ? (normaliseData(structuredClone(d)) ?? undefined) : undefined;
    },
    async getLog(id) {
      return normaliseLog(structuredClone(logs.get(id) ?? []));
    },
    async put(record) {
      const id = record.meta.id;
      meta.set(id, structuredClone(record.meta));
      data.set(id, structuredClone(record.data));
      logs.set(id, structuredClone(record.cleaningLog));
    },
    async putMeta(m) {
      meta.set(m.id, structuredClone(m));
    },
    async putLog(id, entries) {
      logs.set(id, structuredClone([...entries]));
    },
    async delete(id) {
      meta.delete(id);
      data.delete(id);
      logs.delete(id);
    },
    async clear() {
      meta.clear();
      data.clear();
      logs.clear();
    },
  };
}
