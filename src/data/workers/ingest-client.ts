/**
 * Page-side entry to CSV ingest: parses a File in a module worker and resolves with the typed
 * table and its report. Without Worker (Vitest / Node, or a worker that cannot be created), the
 * same code runs on the calling thread.
 *
 * Cancel: aborting `signal` terminates the worker at once and rejects with IngestError
 * `cancelled`. On the fallback path the signal is checked before reading and between chunks.
 */
import { proxy, wrap } from 'comlink';
import type { IngestOptions, IngestResult } from '../ingest/parse-csv';
import { fromIngestErrorData, IngestError } from '../ingest/ingest-report';
import type {
  IngestResponse,
  IngestWireResponse,
  IngestWorkerApi,
  ProgressCallback,
} from './ingest-protocol';
import { fromWireTable } from './ingest-protocol';

function fileName(file: Blob): string {
  return 'name' in file && typeof file.name === 'string' ? file.name : '';
}

function unwrap(response: IngestResponse): IngestResult {
  if (response.ok) return response.result;
  throw fromIngestErrorData(response.error);
}

function unwrapWire(response: IngestWireResponse): IngestResult {
  if (!response.ok) throw fromIngestErrorData(response.error);
  return { table: fromWireTable(response.result.table), report: response.result.report };
}

/** Run ingest on this thread (the fallback, also handy in tests). */
export async function parseFileOnThisThread(
  file: Blob,
  options: IngestOptions = {},
  onProgress?: ProgressCallback,
  signal?: AbortSignal,
): Promise<IngestResult> {
  if (signal?.aborted) throw new IngestError('cancelled');
  // Loaded on demand so the parser and papaparse stay out of the page bundle (they live in the
  // worker's chunk); only the fallback pays for them.
  const [{ runIngest }, buffer] = await Promise.all([
    import('./ingest-worker-api'),
    file.arrayBuffer(),
  ]);
  if (signal?.aborted) throw new IngestError('cancelled');
  const name = options.name ?? fileName(file);
  return unwrap(
    runIngest(
      new Uint8Array(buffer),
      { ...options, name },
      onProgress,
      () => signal?.aborted === true,
    ),
  );
}

function createWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

export async function parseFileInWorker(
  file: File | Blob,
  options: IngestOptions = {},
  onProgress?: ProgressCallback,
  signal?: AbortSignal,
): Promise<IngestResult> {
  if (signal?.aborted) throw new IngestError('cancelled');
  const worker = createWorker();
  if (worker === null) return parseFileOnThisThread(file, options, onProgress, signal);
  const name = options.name ?? fileName(file);
  const api = wrap<IngestWorkerApi>(worker);

  return new Promise<IngestResult>((resolve, reject) => {
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.removeEventListener('error', onError);
      worker.terminate();
      return true;
    };
    const onAbort = (): void => {
      if (settle()) reject(new IngestError('cancelled'));
    };
    const onError = (event: ErrorEvent): void => {
      event.preventDefault?.();
      if (settle()) reject(new IngestError('worker-failed', { message: event.message ?? '' }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', onError);
    // Progress travels on its own channel, so a late call could land after the result: drop
    // calls once settled, and report completion ourselves just before resolving.
    let lastDone = -1;
    const progress =
      onProgress === undefined
        ? undefined
        : proxy((done: number, total: number) => {
            if (settled || done === lastDone) return;
            lastDone = done;
            onProgress(done, total);
          });
    api.parse(file, { ...options, name }, progress).then(
      (response) => {
        if (!settle()) return;
        try {
          const result = unwrapWire(response);
          if (lastDone !== file.size) onProgress?.(file.size, file.size);
          resolve(result);
        } catch (error) {
          reject(error);
        }
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (settle()) reject(new IngestError('worker-failed', { message }));
      },
    );
  });
}
