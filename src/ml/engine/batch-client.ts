import { wrap, type Remote } from 'comlink';
import type { InputRecord } from '../../domain/input-record';
import type { BatchProgress, BatchRow } from './engine-api';
import { decodeRows, type BatchInit, type BatchWorkerApi } from './batch-protocol';
import { BATCH_CHUNK_ROWS, BATCH_MAX_WORKERS } from './thresholds';

/**
 * Batch predictions in module Web Workers, chunk by chunk: a small pool (one worker per core, at
 * most BATCH_MAX_WORKERS) pulls chunks from one queue, so the tree members, which are plain
 * JavaScript, use every core. Progress is reported after every chunk; an AbortSignal cancels at
 * once by terminating the workers (the next batch starts new ones). Where workers are
 * unavailable (Node, tests) or fail to start or crash, the remaining chunks run on the calling
 * thread, yielding to the event loop between chunks. Rows come back in the order sent.
 */
export interface BatchClientOptions {
  /** What a worker needs to load the pack (called when a worker starts). */
  init: () => BatchInit;
  /** The same computation on this thread. */
  local: (records: readonly InputRecord[]) => Promise<BatchRow[]>;
  chunkRows?: number;
  /** Pool size; default one per logical core, at most BATCH_MAX_WORKERS. */
  workers?: number;
  /** For tests: how to start a worker; return undefined for "no workers here". */
  createWorker?: () => Worker | undefined;
}

class WorkerStopped extends Error {
  constructor() {
    super('batch worker: terminated');
    this.name = 'WorkerStopped';
  }
}

export function abortError(): Error {
  return typeof DOMException === 'function'
    ? new DOMException('The batch was cancelled', 'AbortError')
    : Object.assign(new Error('The batch was cancelled'), { name: 'AbortError' });
}

export function defaultPoolSize(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return Math.max(1, Math.min(BATCH_MAX_WORKERS, cores ?? 2));
}

function defaultWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return new Worker(new URL('./batch.worker.ts', import.meta.url), { type: 'module' });
}

interface WorkerHandle {
  worker: Worker;
  api: Remote<BatchWorkerApi>;
  /**
   * Rejects when the worker reports an uncaught error or is terminated (by a cancel of another
   * batch sharing it): comlink calls to a dead worker would otherwise hang forever.
   */
  crashed: Promise<never>;
  stop: () => void;
  /** Resolves with the worker's backend once the pack is loaded there. */
  ready: Promise<string>;
}

export interface BatchRunInfo {
  /** 'worker': every chunk ran in workers; 'main-thread': none did; 'mixed': a worker failed midway. */
  mode: 'worker' | 'main-thread' | 'mixed';
  workers: number;
  /** The workers' TF.js backend. */
  backend?: string;
}

export class BatchClient {
  private handles: WorkerHandle[] = [];
  private workersBroken = false;
  lastRun: BatchRunInfo | undefined;

  constructor(private readonly options: BatchClientOptions) {}

  private startWorker(): WorkerHandle | undefined {
    if (this.workersBroken) return undefined;
    let worker: Worker | undefined;
    try {
      worker = (this.options.createWorker ?? defaultWorker)();
    } catch {
      worker = undefined;
    }
    if (!worker) {
      this.workersBroken = true;
      return undefined;
    }
    const w = worker;
    let stop = () => {};
    const crashed = new Promise<never>((_, reject) => {
      w.addEventListener('error', (e) => reject(new Error(`batch worker: ${e.message}`)));
      w.addEventListener('messageerror', () => reject(new Error('batch worker: message error')));
      stop = () => {
        w.terminate();
        reject(new WorkerStopped());
      };
    });
    crashed.catch(() => undefined);
    const api = wrap<BatchWorkerApi>(w);
    // The bytes are copied to the worker, which verifies their sha256 again itself.
    const ready = Promise.race([api.init(this.options.init()), crashed]);
    ready.catch(() => undefined);
    const handle = { worker: w, api, crashed, stop, ready };
    this.handles.push(handle);
    return handle;
  }

  private drop(handle: WorkerHandle, broken: boolean): void {
    handle.stop();
    this.handles = this.handles.filter((h) => h !== handle);
    if (broken) this.workersBroken = true;
  }

  /** Stop every worker now (cancel, dispose); the next batch starts fresh ones. */
  terminate(): void {
    const handles = this.handles;
    this.handles = [];
    for (const h of handles) h.stop();
  }

  async run(
    records: readonly InputRecord[],
    onProgress?: (p: BatchProgress) => void,
    signal?: AbortSignal,
  ): Promise<BatchRow[]> {
    if (signal?.aborted) throw abortError();
    const total = records.length;
    const chunk = Math.max(1, this.options.chunkRows ?? BATCH_CHUNK_ROWS);
    const nChunks = Math.ceil(total / chunk);
    const out = new Array<BatchRow>(total);
    onProgress?.({ done: 0, total });
    if (total === 0) return out;

    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(abortError());
        this.terminate();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);

    let next = 0;
    const retry: number[] = [];
    const take = () => (retry.length > 0 ? retry.pop() : next < nChunks ? next++ : undefined);
    let done = 0;
    let byWorker = 0;
    let backend: string | undefined;
    const finished = (rows: number) => {
      done += rows;
      onProgress?.({ done, total });
    };

    const workerLane = async (h: WorkerHandle) => {
      try {
        backend = await Promise.race([h.ready, aborted]);
      } catch (e) {
        if (signal?.aborted) throw abortError();
        // A worker that cannot load the pack: no more workers for this engine (unless it was
        // only stopped by another batch's cancel).
        this.drop(h, !(e instanceof WorkerStopped));
        return;
      }
      for (let c = take(); c !== undefined; c = take()) {
        const start = c * chunk;
        const part = records.slice(start, Math.min(total, start + chunk));
        try {
          const enc = await Promise.race([
            h.api.predictChunk(part as InputRecord[]),
            h.crashed,
            aborted,
          ]);
          decodeRows(enc, out, start);
        } catch {
          if (signal?.aborted) throw abortError();
          retry.push(c); // the worker died mid-chunk: someone else takes the chunk
          this.drop(h, false);
          return;
        }
        byWorker += part.length;
        finished(part.length);
      }
    };

    const localLane = async () => {
      for (let c = take(); c !== undefined; c = take()) {
        const start = c * chunk;
        const part = records.slice(start, Math.min(total, start + chunk));
        // Let the UI paint and an abort land between chunks.
        await Promise.race([new Promise((r) => setTimeout(r, 0)), aborted]);
        const rows = await Promise.race([this.options.local(part), aborted]);
        rows.forEach((r, i) => (out[start + i] = r));
        finished(part.length);
      }
    };

    try {
      const want = Math.min(this.options.workers ?? defaultPoolSize(), nChunks);
      while (this.handles.length < want && this.startWorker());
      const lanes = this.handles.slice(0, want);
      await Promise.all(lanes.map(workerLane));
      await localLane(); // whatever no worker could do (none, or all failed)
      this.lastRun = {
        mode: byWorker === total ? 'worker' : byWorker === 0 ? 'main-thread' : 'mixed',
        workers: byWorker > 0 ? lanes.length : 0,
        ...(byWorker > 0 && backend ? { backend } : {}),
      };
      return out;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }
}
