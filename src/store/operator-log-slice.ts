import {
  idbLogRepository,
  memoryLogRepository,
  type LogRepository,
} from '../data/operator-log/log-db';
import {
  applyEdit,
  createEntry,
  type LogEntryEdit,
  type NewLogEntry,
  type OperatorLogEntry,
} from '../data/operator-log/log-entry';
import type { SliceCreator } from './app-store';

/**
 * The operator log, mirrored from IndexedDB (the store of record) for the UI. Not persisted to
 * localStorage: `loadLog()` reads IndexedDB at start-up; every change is written there first.
 */
export type LogStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface OperatorLogState {
  logEntries: OperatorLogEntry[];
  logStatus: LogStatus;
}

export interface OperatorLogActions {
  /** Read the log from storage (once; later calls are no-ops unless the first failed). */
  loadLog: () => Promise<void>;
  /** Record a new entry; resolves with it, rejects when it cannot be stored. */
  addLogEntry: (draft: NewLogEntry) => Promise<OperatorLogEntry>;
  updateLogEntry: (id: string, edit: LogEntryEdit) => Promise<void>;
  deleteLogEntry: (id: string) => Promise<void>;
}

export type OperatorLogSlice = OperatorLogState & OperatorLogActions;

let repository: LogRepository | undefined;

function repo(): LogRepository {
  repository ??= typeof indexedDB === 'undefined' ? memoryLogRepository() : idbLogRepository();
  return repository;
}

/** Tests: use another repository (call before the first load). */
export function setLogRepository(next: LogRepository): void {
  repository = next;
}

function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export const createOperatorLogSlice: SliceCreator<OperatorLogSlice> = (set, get) => ({
  logEntries: [],
  logStatus: 'idle',
  loadLog: async () => {
    const status = get().logStatus;
    if (status === 'loading' || status === 'ready') return;
    set({ logStatus: 'loading' });
    try {
      const entries = await repo().list();
      // Entries added while loading are kept.
      const added = get().logEntries.filter((e) => !entries.some((x) => x.id === e.id));
      set({ logEntries: [...entries, ...added], logStatus: 'ready' });
    } catch {
      set({ logStatus: 'error' });
    }
  },
  addLogEntry: async (draft) => {
    const entry = createEntry(draft, newId(), Date.now());
    await repo().put(entry);
    set((s) => ({ logEntries: [...s.logEntries, entry] }));
    return entry;
  },
  updateLogEntry: async (id, edit) => {
    const current = get().logEntries.find((e) => e.id === id);
    if (!current) return;
    const next = applyEdit(current, edit, Date.now());
    await repo().put(next);
    set((s) => ({ logEntries: s.logEntries.map((e) => (e.id === id ? next : e)) }));
  },
  deleteLogEntry: async (id) => {
    await repo().delete(id);
    set((s) => ({ logEntries: s.logEntries.filter((e) => e.id !== id) }));
  },
});
