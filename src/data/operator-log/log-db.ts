import type { DBSchema } from 'idb';
import { memoisedDbOpener } from '../idb-open';
import { normaliseEntry, type OperatorLogEntry } from './log-entry';

/**
 * Operator-log storage in IndexedDB (survives reloads, works offline, never leaves the device).
 * A database of its own, so its schema version moves independently of other stores.
 *
 * Schema history (LOG_DB_VERSION):
 *   1. object store `entries`, key `id`; indexes `by-report-time` (reportTime) and `by-plant`.
 * To change it: bump LOG_DB_VERSION and add a `if (oldVersion < N)` step in `upgrade`, migrating
 * the existing records in that step's transaction; never edit an earlier step.
 */
export const LOG_DB_NAME = 'dosis-coagulante-operator-log';
export const LOG_DB_VERSION = 1;
const STORE = 'entries';

interface LogDbSchema extends DBSchema {
  entries: {
    key: string;
    value: OperatorLogEntry;
    indexes: { 'by-report-time': number; 'by-plant': string };
  };
}

/** Where the log lives: IndexedDB in the app, memory in tests. */
export interface LogRepository {
  list(): Promise<OperatorLogEntry[]>;
  put(entry: OperatorLogEntry): Promise<void>;
  delete(id: string): Promise<void>;
}

export function idbLogRepository(name: string = LOG_DB_NAME): LogRepository {
  const open = memoisedDbOpener<LogDbSchema>(name, LOG_DB_VERSION, (database, oldVersion) => {
    if (oldVersion < 1) {
      const store = database.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('by-report-time', 'reportTime');
      store.createIndex('by-plant', 'plant');
    }
  });
  return {
    async list() {
      const rows = await (await open()).getAllFromIndex(STORE, 'by-report-time');
      return rows.map(normaliseEntry).filter((e): e is OperatorLogEntry => e !== null);
    },
    async put(entry) {
      await (await open()).put(STORE, entry);
    },
    async delete(id) {
      await (await open()).delete(STORE, id);
    },
  };
}

/** In-memory repository (tests, and a fallback when IndexedDB is unavailable). */
export function memoryLogRepository(initial: readonly OperatorLogEntry[] = []): LogRepository {
  const rows = new Map(initial.map((e) => [e.id, structuredClone(e)]));
  return {
    async list() {
      return [...rows.values()].map((e) => structuredClone(e));
    },
    async put(entry) {
      rows.set(entry.id, structuredClone(entry));
    },
    async delete(id) {
      rows.delete(id);
    },
  };
}
