/**
 * What the ingest worker does, kept apart from the entry file (ingest.worker.ts, which only calls
 * comlink.expose) so it can be tested in Node and reused by the main-thread fallback.
 */
import { transfer } from 'comlink';
import type { IngestOptions } from '../ingest/parse-csv';
import { parseCsv } from '../ingest/parse-csv';
import { isIngestError, toIngestErrorData } from '../ingest/ingest-report';
import type {
  IngestResponse,
  IngestWireResponse,
  IngestWorkerApi,
  ProgressCallback,
} from './ingest-protocol';
import { tableTransferables, toWireTable } from './ingest-protocol';

/** Progress is forwarded at most this often (each call is a message to the page). */
const PROGRESS_INTERVAL_MS = 50;

/** Parse bytes into a response; ingest errors become data, anything else `worker-failed`. */
export function runIngest(
  bytes: Uint8Array,
  options: IngestOptions,
  onProgress?: ProgressCallback,
  shouldCancel?: () => boolean,
): IngestResponse {
  let last = -Infinity;
  const throttled: ProgressCallback | undefined =
    onProgress === undefined
      ? undefined
      : (done, total) => {
          const now = performance.now();
          if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
          last = now;
          void onProgress(done, total);
        };
  try {
    const hooks =
      shouldCancel === undefined
        ? { onProgress: throttled }
        : { onProgress: throttled, shouldCancel };
    return { ok: true, result: parseCsv(bytes, options, hooks) };
  } catch (error) {
    if (isIngestError(error)) return { ok: false, error: toIngestErrorData(error) };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'worker-failed', details: { message } } };
  }
}

export const ingestWorkerApi: IngestWorkerApi = {
  async parse(file, options, onProgress) {
    const buffer = file instanceof ArrayBuffer ? file : await file.arrayBuffer();
    const response = runIngest(new Uint8Array(buffer), options, onProgress);
    if (!response.ok) return response;
    const wire: IngestWireResponse = {
      ok: true,
      result: { table: toWireTable(response.result.table), report: response.result.report },
    };
    return transfer(wire, tableTransferables(wire.result.table));
  },
};
