import { useCallback, useEffect, useRef, useState } from 'react';
import type { DatasetOrigin } from '../../../data/dataset-db/dataset-record';
import type { IngestErrorCode, IngestErrorDetails } from '../../../data/ingest/ingest-report';
import { isIngestError } from '../../../data/ingest/ingest-report';
import type { IngestOptions } from '../../../data/ingest/parse-csv';
import { parseFileInWorker } from '../../../data/workers/ingest-client';
import { useAppStore } from '../../../store/app-store';

/**
 * Files being read: each in its own worker (at most MAX_PARALLEL at once, the rest wait), with
 * progress and cancel. A successful read becomes a saved dataset and its job disappears; a failed
 * or cancelled one stays, with its error code, until dismissed or retried with other settings.
 */
export type JobStatus = 'queued' | 'reading' | 'error' | 'cancelled';

export interface FileJob {
  key: string;
  file: File;
  origin: DatasetOrigin;
  /** Reading settings chosen by the user (empty: detect everything). */
  options: IngestOptions;
  /** Set when this job reads an existing dataset's file again. */
  datasetId: string | null;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  error: { code: IngestErrorCode; details: IngestErrorDetails } | null;
}

const MAX_PARALLEL = 2;

let counter = 0;
const nextKey = () => `job-${++counter}`;

export interface FileJobs {
  jobs: FileJob[];
  enqueue: (
    files: readonly File[],
    origin: DatasetOrigin,
    options?: IngestOptions,
    datasetId?: string | null,
  ) => void;
  cancel: (key: string) => void;
  dismiss: (key: string) => void;
  retry: (key: string, options: IngestOptions) => void;
}

export function useFileJobs(): FileJobs {
  const [jobs, setJobs] = useState<FileJob[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const addDataset = useAppStore((s) => s.addDataset);
  const replaceDataset = useAppStore((s) => s.replaceDataset);
  const setActiveDataset = useAppStore((s) => s.setActiveDataset);

  const patch = useCallback((key: string, change: Partial<FileJob>) => {
    setJobs((all) => all.map((j) => (j.key === key ? { ...j, ...change } : j)));
  }, []);

  const run = useCallback(
    async (job: FileJob) => {
      const controller = new AbortController();
      controllers.current.set(job.key, controller);
      try {
        const { table, report } = await parseFileInWorker(
          job.file,
          { ...job.options, name: job.file.name },
          (done, total) => patch(job.key, { progress: total > 0 ? done / total : 0 }),
          controller.signal,
        );
        const input = {
          name: job.file.name,
          kind: 'file' as const,
          origin: job.origin,
          synthetic: job.origin === 'sample-synthetic',
          table,
          report,
          options: job.options,
          source: job.file,
        };
        const meta = job.datasetId
          ? await replaceDataset(job.datasetId, input)
          : await addDataset(input);
        if (useAppStore.getState().activeDatasetId === null) setActiveDataset(meta.id);
        setJobs((all) => all.filter((j) => j.key !== job.key));
      } catch (error) {
        const code: IngestErrorCode = isIngestError(error) ? error.code : 'worker-failed';
        const details = isIngestError(error) ? error.details : {};
        patch(job.key, {
          status: code === 'cancelled' ? 'cancelled' : 'error',
          error: { code, details },
        });
      } finally {
        controllers.current.delete(job.key);
      }
    },
    [addDataset, replaceDataset, setActiveDataset, patch],
  );

  // Start waiting jobs while there is room.
  useEffect(() => {
    const reading = jobs.filter((j) => j.status === 'reading').length;
    const room = MAX_PARALLEL - reading;
    if (room <= 0) return;
    const next = jobs.filter((j) => j.status === 'queued').slice(0, room);
    if (next.length === 0) return;
    const keys = new Set(next.map((j) => j.key));
    setJobs((all) =>
      all.map((j) => (keys.has(j.key) ? { ...j, status: 'reading', progress: 0 } : j)),
    );
    for (const job of next) void run(job);
  }, [jobs, run]);

  // Leaving the page stops every read.
  useEffect(() => {
    const map = controllers.current;
    return () => {
      for (const c of map.values()) c.abort();
    };
  }, []);

  const enqueue = useCallback<FileJobs['enqueue']>(
    (files, origin, options = {}, datasetId = null) => {
      const added: FileJob[] = files.map((file) => ({
        key: nextKey(),
        file,
        origin,
        options,
        datasetId,
        status: 'queued',
        progress: 0,
        error: null,
      }));
      setJobs((all) => [
        // A dataset read again replaces its earlier failed attempt.
        ...all.filter((j) => datasetId === null || j.datasetId !== datasetId),
        ...added,
      ]);
    },
    [],
  );

  const cancel = useCallback(
    (key: string) => {
      const c = controllers.current.get(key);
      if (c) c.abort();
      else patch(key, { status: 'cancelled', error: { code: 'cancelled', details: {} } });
    },
    [patch],
  );

  const dismiss = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setJobs((all) => all.filter((j) => j.key !== key));
  }, []);

  const retry = useCallback(
    (key: string, options: IngestOptions) => {
      patch(key, { options, status: 'queued', progress: 0, error: null });
    },
    [patch],
  );

  return { jobs, enqueue, cancel, dismiss, retry };
}
