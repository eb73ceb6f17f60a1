/**
 * Saved explorer datasets: what is kept of a parsed file or a joined table, and the checks that
 * turn whatever IndexedDB hands back (possibly written by an older app, possibly corrupt) into
 * trusted values. Pure: storage lives in dataset-db.ts.
 *
 * A dataset is split in three records so the list can be read without loading any table:
 * - `DatasetMeta`: name, shape, origin, join info (small; read at start-up);
 * - `DatasetData`: the typed table, and for a file its ingest report, the options it was read
 *   with and the file itself (a Blob, so it can be read again with other settings after a reload);
 * - the cleaning log (`CleaningEntry[]`), rewritten on every cleaning step and undo.
 */
import type { CleaningEntry } from '../analysis/cleaning';
import type { SourceCoverage } from '../analysis/resample';
import type { Column, ColumnKind, DataTable } from '../data-table';
import type { IngestReport } from '../ingest/ingest-report';
import type { IngestOptions } from '../ingest/parse-csv';

export type DatasetKind = 'file' | 'joined';

/**
 * Where the data came from. Samples are labelled in the UI: the synthetic basin is invented data,
 * the AguaClara reports are real.
 */
export type DatasetOrigin = 'upload' | 'sample-synthetic' | 'sample-real' | 'derived';

export const DATASET_ORIGINS: readonly DatasetOrigin[] = [
  'upload',
  'sample-synthetic',
  'sample-real',
  'derived',
];

export interface DatasetColumnInfo {
  name: string;
  kind: ColumnKind;
  unit?: string;
}

export interface JoinInfo {
  /** Step of the shared axis, ms. */
  step: number;
  /** Ids of the datasets joined (they may have been deleted since). */
  sourceIds: string[];
  coverage: SourceCoverage[];
}

/** What detection settled on for a file, shown on its card without opening the report. */
export interface DetectedFormat {
  encoding: string;
  delimiter: string;
  decimal: '.' | ',';
  thousands: '.' | ',' | null;
  hasHeader: boolean;
  /** Day/month order of the file's d/m date columns ('none': no date column; 'year': ISO-like). */
  dateOrder: 'day' | 'month' | 'year' | 'none';
}

/** The detected format from an ingest report. */
export function detectedFormat(report: IngestReport): DetectedFormat {
  const formats = new Set(report.columns.map((c) => c.datetimeFormat).filter(Boolean));
  const used = report.dialect.used;
  return {
    encoding: report.encoding.used,
    delimiter: used.delimiter,
    decimal: used.decimal,
    thousands: used.thousands,
    hasHeader: used.hasHeader,
    dateOrder: formats.has('dmy')
      ? 'day'
      : formats.has('mdy')
        ? 'month'
        : formats.size > 0
          ? 'year'
          : 'none',
  };
}

export interface DatasetMeta {
  id: string;
  name: string;
  kind: DatasetKind;
  origin: DatasetOrigin;
  /** True when any of the data is synthetic (a synthetic sample, or a join that includes one). */
  synthetic: boolean;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
  rowCount: number;
  columns: DatasetColumnInfo[];
  /** Approximate in-memory size of the table, bytes. */
  bytes: number;
  join?: JoinInfo;
  /** Files only. */
  detected?: DetectedFormat;
}

export interface DatasetData {
  id: string;
  table: DataTable;
  report?: IngestReport;
  options?: IngestOptions;
  /** The file as read (kept so it can be read again with other settings). */
  source?: Blob;
}

/** Everything a dataset holds, as the UI works with it. */
export interface DatasetRecord {
  meta: DatasetMeta;
  data: DatasetData;
  cleaningLog: CleaningEntry[];
}

/** What the UI passes to create a dataset; id and times are filled in. */
export interface NewDataset {
  name: string;
  kind: DatasetKind;
  origin: DatasetOrigin;
  synthetic: boolean;
  table: DataTable;
  report?: IngestReport;
  options?: IngestOptions;
  source?: Blob;
  join?: JoinInfo;
}

/** Approximate bytes held by a table: 8 per numeric cell, the label lengths for categories. */
export function tableBytes(table: DataTable): number {
  let bytes = 0;
  for (const column of table.columns) {
    if (column.kind === 'category') {
      for (const v of column.values) bytes += 8 + (v === null ? 0 : 2 * v.length);
    } else bytes += column.values.byteLength;
  }
  return bytes;
}

export function columnInfo(table: DataTable): DatasetColumnInfo[] {
  return table.columns.map((c) =>
    c.kind === 'number' && c.unit !== undefined
      ? { name: c.name, kind: c.kind, unit: c.unit }
      : { name: c.name, kind: c.kind },
  );
}

/** The record for a new dataset (id and clock from the caller, so this stays pure). */
export function createDatasetRecord(input: NewDataset, id: string, now: number): DatasetRecord {
  const meta: DatasetMeta = {
    id,
    name: input.name,
    kind: input.kind,
    origin: input.origin,
    synthetic: input.synthetic,
    createdAt: now,
    updatedAt: now,
    rowCount: input.table.rowCount,
    columns: columnInfo(input.table),
    bytes: tableBytes(input.table),
    ...(input.join ? { join: input.join } : {}),
    ...(input.report ? { detected: detectedFormat(input.report) } : {}),
  };
  const data: DatasetData = {
    id,
    table: input.table,
    ...(input.report ? { report: input.report } : {}),
    ...(input.options ? { options: input.options } : {}),
    ...(input.source ? { source: input.source } : {}),
  };
  return { meta, data, cleaningLog: [] };
}

// ---------------------------------------------------------------------------------------------
// Validation of stored values

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isKind = (v: unknown): v is ColumnKind =>
  v === 'number' || v === 'datetime' || v === 'category';

/** A stored meta record, or null when it is not one (it is then ignored). */
export function normaliseMeta(raw: unknown): DatasetMeta | null {
  if (!isObj(raw)) return null;
  const { id, name, kind, origin, synthetic, createdAt, updatedAt, rowCount, columns, bytes } = raw;
  if (!isString(id) || id === '' || !isString(name)) return null;
  if (kind !== 'file' && kind !== 'joined') return null;
  if (!DATASET_ORIGINS.includes(origin as DatasetOrigin)) return null;
  if (!isFiniteNumber(createdAt) || !isFiniteNumber(rowCount) || rowCount < 0) return null;
  if (!Array.isArray(columns)) return null;
  const cols: DatasetColumnInfo[] = [];
  for (const c of columns) {
    if (!isObj(c) || !isString(c.name) || !isKind(c.kind)) return null;
    cols.push(
      isString(c.unit)
        ? { name: c.name, kind: c.kind, unit: c.unit }
        : { name: c.name, kind: c.kind },
    );
  }
  const meta: DatasetMeta = {
    id,
    name,
    kind,
    origin: origin as DatasetOrigin,
    synthetic: synthetic === true,
    createdAt,
    updatedAt: isFiniteNumber(updatedAt) ? updatedAt : createdAt,
    rowCount,
    columns: cols,
    bytes: isFiniteNumber(bytes) ? bytes : 0,
  };
  const d = raw.detected;
  if (
    isObj(d) &&
    isString(d.encoding) &&
    isString(d.delimiter) &&
    (d.decimal === '.' || d.decimal === ',') &&
    (d.thousands === null || d.thousands === '.' || d.thousands === ',') &&
    typeof d.hasHeader === 'boolean' &&
    (d.dateOrder === 'day' ||
      d.dateOrder === 'month' ||
      d.dateOrder === 'year' ||
      d.dateOrder === 'none')
  ) {
    meta.detected = {
      encoding: d.encoding,
      delimiter: d.delimiter,
      decimal: d.decimal,
      thousands: d.thousands,
      hasHeader: d.hasHeader,
      dateOrder: d.dateOrder,
    };
  }
  const join = raw.join;
  if (
    isObj(join) &&
    isFiniteNumber(join.step) &&
    Array.isArray(join.sourceIds) &&
    Array.isArray(join.coverage)
  ) {
    meta.join = {
      step: join.step,
      sourceIds: join.sourceIds.filter(isString),
      coverage: join.coverage.filter(isObj) as unknown as SourceCoverage[],
    };
  }
  return meta;
}

/** A stored table, or null when any column is malformed or of the wrong length. */
export function normaliseTable(raw: unknown): DataTable | null {
  if (!isObj(raw) || !isString(raw.name) || !Array.isArray(raw.columns)) return null;
  const rowCount = raw.rowCount;
  if (!isFiniteNumber(rowCount) || rowCount < 0 || !Number.isInteger(rowCount)) return null;
  const columns: Column[] = [];
  for (const c of raw.columns) {
    if (!isObj(c) || !isString(c.name)) return null;
    if (c.kind === 'number' || c.kind === 'datetime') {
      if (!(c.values instanceof Float64Array) || c.values.length !== rowCount) return null;
      if (c.kind === 'number')
        columns.push(
          isString(c.unit)
            ? { name: c.name, kind: 'number', values: c.values, unit: c.unit }
            : { name: c.name, kind: 'number', values: c.values },
        );
      else columns.push({ name: c.name, kind: 'datetime', values: c.values });
    } else if (c.kind === 'category') {
      if (!Array.isArray(c.values) || c.values.length !== rowCount) return null;
      if (!c.values.every((v) => v === null || isString(v))) return null;
      columns.push({ name: c.name, kind: 'category', values: c.values as (string | null)[] });
    } else return null;
  }
  return { name: raw.name, rowCount, columns };
}

/** The stored data record, or null when its table is not usable. */
export function normaliseData(raw: unknown): DatasetData | null {
  if (!isObj(raw) || !isString(raw.id)) return null;
  const table = normaliseTable(raw.table);
  if (!table) return null;
  const data: DatasetData = { id: raw.id, table };
  if (isObj(raw.report)) data.report = raw.report as unknown as IngestReport;
  if (isObj(raw.options)) data.options = raw.options as IngestOptions;
  if (typeof Blob !== 'undefined' && raw.source instanceof Blob) data.source = raw.source;
  return data;
}

function isRowList(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((r) => Number.isInteger(r) && (r as number) >= 0);
}

function validParams(op: unknown, params: unknown): boolean {
  if (!isObj(params)) return false;
  switch (op) {
    case 'cap':
      return params.mode === 'iqr'
        ? typeof params.k === 'number' && params.k >= 0
        : params.mode === 'bounds' &&
            typeof params.lower === 'number' &&
            typeof params.upper === 'number';
    case 'remove':
      return isRowList(params.rows);
    case 'interpolate':
      return typeof params.maxGap === 'number' && params.maxGap >= 0;
    default:
      return false;
  }
}

/**
 * A stored cleaning log. Replaying a log is only meaningful whole, so one bad entry drops the
 * entries after it too (the prefix before it is still a valid history).
 */
export function normaliseLog(raw: unknown): CleaningEntry[] {
  const entries = isObj(raw) ? raw.entries : raw;
  if (!Array.isArray(entries)) return [];
  const out: CleaningEntry[] = [];
  for (const e of entries) {
    if (!isObj(e) || !isString(e.column) || !validParams(e.op, e.params)) break;
    if (!isRowList(e.changedRows) || !isFiniteNumber(e.at)) break;
    out.push(e as unknown as CleaningEntry);
  }
  return out;
}

/** Newest first (the order of the UI's list). */
export function sortMetas(metas: readonly DatasetMeta[]): DatasetMeta[] {
  return [...metas].sort((a, b) => b.createdAt - a.createdAt || a.name.localeCompare(b.name));
}
