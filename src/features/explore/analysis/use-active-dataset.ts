import { useCallback, useEffect, useState } from 'react';
import type { CleaningEntry } from '../../../data/analysis/cleaning';
import type { DataTable } from '../../../data/data-table';
import type { DatasetMeta } from '../../../data/dataset-db/dataset-record';
import { useAppStore } from '../../../store/app-store';
import { analysis } from '../lib/analysis';

/**
 * The dataset being analysed: its original table (never changed), the cleaning log and the
 * cleaned table every view reads (the log replayed on the original, in the analysis worker).
 * `version` changes whenever the cleaned table does, so views can key their computations on it.
 */
export interface ActiveDataset {
  meta: DatasetMeta;
  original: DataTable;
  table: DataTable;
  log: CleaningEntry[];
  /** Changes whenever `table` does (a cleaning step, an undo, a row filter). */
  version: string;
  /** A row filter is applied: `table` is a subset of the cleaned rows (cleaning is disabled). */
  filtered: boolean;
  /** Record a new step whose result was computed by the caller. */
  commit: (log: CleaningEntry[], table: DataTable) => void;
  /** Replay a shorter log (undo). */
  resetTo: (log: CleaningEntry[]) => Promise<void>;
}

export type ActiveState =
  | { status: 'none' }
  | { status: 'opening' }
  | { status: 'error' }
  | { status: 'ready'; dataset: ActiveDataset };

interface Loaded {
  id: string;
  meta: DatasetMeta;
  original: DataTable;
  table: DataTable;
  log: CleaningEntry[];
  version: number;
}

let versions = 0;

export function useActiveDataset(): ActiveState {
  const id = useAppStore((s) => s.activeDatasetId);
  const meta = useAppStore((s) => s.datasets.find((m) => m.id === s.activeDatasetId));
  const openDataset = useAppStore((s) => s.openDataset);
  const setCleaningLog = useAppStore((s) => s.setCleaningLog);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // A re-read file keeps its id but gets a new table: reload when its creation changes.
  const stamp = meta ? `${meta.id}:${meta.bytes}:${meta.rowCount}:${meta.columns.length}` : '';

  useEffect(() => {
    if (!id) return;
    let live = true;
    (async () => {
      const record = await openDataset(id);
      if (!record) throw new Error('not found');
      const table =
        record.cleaningLog.length > 0
          ? await (await analysis()).applyLog(record.data.table, record.cleaningLog)
          : record.data.table;
      if (!live) return;
      setLoaded({
        id,
        meta: record.meta,
        original: record.data.table,
        table,
        log: record.cleaningLog,
        version: ++versions,
      });
      setFailed(null);
    })().catch(() => {
      if (live) setFailed(id);
    });
    return () => {
      live = false;
    };
  }, [id, stamp, openDataset]);

  const commit = useCallback(
    (log: CleaningEntry[], table: DataTable) => {
      setLoaded((l) => (l ? { ...l, log, table, version: ++versions } : l));
      if (id) void setCleaningLog(id, log);
    },
    [id, setCleaningLog],
  );

  const resetTo = useCallback(
    async (log: CleaningEntry[]) => {
      if (!loaded) return;
      const table =
        log.length > 0 ? await (await analysis()).applyLog(loaded.original, log) : loaded.original;
      commit(log, table);
    },
    [loaded, commit],
  );

  if (!id || !meta) return { status: 'none' };
  if (failed === id) return { status: 'error' };
  if (!loaded || loaded.id !== id) return { status: 'opening' };
  return {
    status: 'ready',
    dataset: { ...loaded, version: String(loaded.version), filtered: false, meta, commit, resetTo },
  };
}
