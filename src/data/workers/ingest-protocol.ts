/**
 * Messages between the page and the CSV ingest worker (typed through comlink).
 *
 * The page posts the File / Blob itself (structured clone shares the bytes, nothing is read on the
 * main thread); the worker answers with a result whose Float64Array buffers are *transferred*
 * back, and with errors as data (comlink would reduce a thrown IngestError to a bare message).
 */
import type { DataTable } from '../data-table';
import type { IngestErrorData } from '../ingest/ingest-report';
import type { IngestOptions, IngestResult } from '../ingest/parse-csv';

export type ProgressCallback = (bytesDone: number, bytesTotal: number) => void;

export type IngestResponse =
  { ok: true; result: IngestResult } | { ok: false; error: IngestErrorData };

export interface IngestWorkerApi {
  /** Parse a file (or its bytes). Never rejects for an ingest error: see IngestResponse. */
  parse(
    file: Blob | ArrayBuffer,
    options: IngestOptions,
    onProgress?: ProgressCallback,
  ): Promise<IngestResponse>;
}

/** The distinct buffers behind a table's typed columns, to transfer instead of copy. */
export function tableTransferables(table: DataTable): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of table.columns)
    if (column.kind !== 'category' && column.values.buffer instanceof ArrayBuffer)
      buffers.add(column.values.buffer);
  return [...buffers];
}
