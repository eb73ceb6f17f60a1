/**
 * Messages between the page and the CSV ingest worker (typed through comlink).
 *
 * The page posts the File / Blob itself (structured clone shares the bytes, nothing is read on the
 * main thread); the worker answers with a result whose typed buffers are *transferred* back, and
 * with errors as data (comlink would reduce a thrown IngestError to a bare message).
 *
 * Category columns travel as dictionary codes (a transferred Uint32Array and the few distinct
 * labels), not as one string per row: a 500k-row plant column sent as strings was rebuilt string
 * by string while the page deserialised the message, one 100–300 ms task on the main thread.
 * Rebuilding the array from codes on the page only copies references (a few ms).
 */
import type { Column, DataTable } from '../data-table';
import type { IngestErrorData, IngestReport } from '../ingest/ingest-report';
import type { IngestOptions, IngestResult } from '../ingest/parse-csv';

export type ProgressCallback = (bytesDone: number, bytesTotal: number) => void;

export type IngestResponse =
  { ok: true; result: IngestResult } | { ok: false; error: IngestErrorData };

/** A category column as codes into `labels` (`codes[r]` indexes `labels`; null = missing). */
export interface CodedCategoryColumn {
  name: string;
  kind: 'category-codes';
  codes: Uint32Array;
  labels: (string | null)[];
}

export type WireColumn = Exclude<Column, { kind: 'category' }> | CodedCategoryColumn;

export interface WireTable {
  name: string;
  rowCount: number;
  columns: WireColumn[];
}

/** What the worker answers: an IngestResponse whose table has its category columns coded. */
export type IngestWireResponse =
  | { ok: true; result: { table: WireTable; report: IngestReport } }
  | { ok: false; error: IngestErrorData };

export interface IngestWorkerApi {
  /** Parse a file (or its bytes). Never rejects for an ingest error: see IngestResponse. */
  parse(
    file: Blob | ArrayBuffer,
    options: IngestOptions,
    onProgress?: ProgressCallback,
  ): Promise<IngestWireResponse>;
}

/** The distinct buffers behind a table's typed columns, to transfer instead of copy. */
export function tableTransferables(table: DataTable | WireTable): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of table.columns) {
    const typed =
      column.kind === 'category'
        ? null
        : column.kind === 'category-codes'
          ? column.codes
          : column.values;
    if (typed !== null && typed.buffer instanceof ArrayBuffer) buffers.add(typed.buffer);
  }
  return [...buffers];
}

/** Code a category column (worker side): one Map lookup per row, the labels in first-seen order. */
export function encodeCategory(
  name: string,
  values: readonly (string | null)[],
): CodedCategoryColumn {
  const index = new Map<string | null, number>();
  const labels: (string | null)[] = [];
  const codes = new Uint32Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const v = values[r] ?? null;
    let code = index.get(v);
    if (code === undefined) {
      code = labels.length;
      index.set(v, code);
      labels.push(v);
    }
    codes[r] = code;
  }
  return { name, kind: 'category-codes', codes, labels };
}

export function toWireTable(table: DataTable): WireTable {
  return {
    name: table.name,
    rowCount: table.rowCount,
    columns: table.columns.map((c) =>
      c.kind === 'category' ? encodeCategory(c.name, c.values) : c,
    ),
  };
}

/** Back to a DataTable (page side): reference copies only, no string is created per row. */
export function fromWireTable(wire: WireTable): DataTable {
  const columns = wire.columns.map((c): Column => {
    if (c.kind !== 'category-codes') return c;
    const { codes, labels } = c;
    const values = new Array<string | null>(codes.length);
    for (let r = 0; r < codes.length; r++) values[r] = labels[codes[r]!] as string | null;
    return { name: c.name, kind: 'category', values };
  });
  return { name: wire.name, rowCount: wire.rowCount, columns };
}
