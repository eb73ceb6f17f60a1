/**
 * What an ingest tells the UI: typed error codes (the UI translates each one; the English
 * `message` is only for logs) and a report of what was read, rejected and detected.
 *
 * Row and cell accounting (the definitions the UI relies on):
 * - A *record* is one CSV record as the CSV grammar splits it: a quoted field may span several
 *   physical lines, so record numbers are not always line numbers.
 * - *Blank records* (every field empty, e.g. an empty line or Excel's `;;;;`) are skipped and
 *   counted in `blankRowsSkipped`; they are neither read nor rejected.
 * - `rowsRead` counts the data records (header and blank records excluded).
 * - A record is *rejected* when its field count differs from the column count. Two tolerated
 *   exceptions: one extra trailing empty field (a trailing delimiter), and one field short when
 *   the header itself ends with an empty field. `rowsAccepted = rowsRead - rowsRejected`.
 * - A cell of a number or date-time column that is neither missing nor parseable is *not* a
 *   rejected row: it becomes NaN and is counted in its column's `rejected`, with the first such
 *   value kept as `rejectedExample`.
 */
import type { ColumnKind } from '../data-table';
import type { Dialect } from './detect-dialect';
import type { DateTimeFormatId } from './parse-datetime';
import type { TextEncodingId } from './decode-text';
import type { NumberFormat } from './parse-number';

export const INGEST_ERROR_CODES = [
  /** Zero bytes, or only whitespace / a byte-order mark. */
  'empty-file',
  /** NUL bytes, a known binary signature (PNG, ZIP/XLSX, PDF, GZIP, XLS) or many control chars. */
  'binary-file',
  /** Larger than `maxBytes` (default 512 MiB, about the longest string a browser can hold). */
  'file-too-large',
  /** A header row and no data record at all. */
  'header-only',
  /** Data records were read but every one was rejected (wrong field count). */
  'no-data-rows',
  /** No usable column (for example a header of empty names over empty data). */
  'no-columns',
  /** More columns than `maxColumns` (default 10,000), in the file or after a long→wide pivot. */
  'too-many-columns',
  /**
   * A quoted field is never closed, or text follows its closing quote (`"abc"def`): either way the
   * records after it cannot be split reliably.
   */
  'unbalanced-quotes',
  /** `longFormat` was forced but the variable, time or value column was not found. */
  'long-format-columns-missing',
  /** Cancelled by the caller (AbortSignal or `shouldCancel`). */
  'cancelled',
  /** The worker crashed or could not start. */
  'worker-failed',
] as const;

export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

/** Values the UI may interpolate in the translated message; numbers and short strings only. */
export type IngestErrorDetails = Readonly<Record<string, string | number | boolean>>;

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly details: IngestErrorDetails;

  constructor(code: IngestErrorCode, details: IngestErrorDetails = {}) {
    super(`ingest failed: ${code}`);
    this.name = 'IngestError';
    this.code = code;
    this.details = details;
  }
}

export function isIngestError(error: unknown): error is IngestError {
  return error instanceof IngestError;
}

/** A plain-object form of an IngestError, safe to post between a worker and the page. */
export interface IngestErrorData {
  code: IngestErrorCode;
  details: IngestErrorDetails;
}

export function toIngestErrorData(error: IngestError): IngestErrorData {
  return { code: error.code, details: { ...error.details } };
}

export function fromIngestErrorData(data: IngestErrorData): IngestError {
  return new IngestError(data.code, data.details);
}

export type RowRejectReason = 'too-many-fields' | 'too-few-fields';

export interface RowRejectCount {
  reason: RowRejectReason;
  count: number;
  /** 1-based record number (header included) of the first record rejected for this reason. */
  firstRecord: number;
  /** Field count of that first record. */
  firstFieldCount: number;
}

/** Non-fatal findings the UI may show as notes. */
export type IngestWarningCode =
  /**
   * No longer produced (text after a closing quote is now `unbalanced-quotes`); kept so reports
   * stored by earlier versions still translate.
   */
  | 'malformed-quotes'
  /** Number cells written as `Infinity`, `-inf` or overflowing (`1e309`): read as unreadable. */
  | 'non-finite-numbers'
  /** A d/m/yyyy column where no day exceeded 12: the day-first (or month-first) default was used. */
  | 'day-month-ambiguous'
  /** Date-times carried a UTC offset or Z that was ignored (wall-clock kept as written). */
  | 'offsets-ignored'
  /** A column typed from the sample failed on the whole file and was typed again (`details.from`). */
  | 'column-retyped'
  /** A column with an empty header and no data (often a trailing delimiter) was dropped. */
  | 'empty-column-dropped'
  /** A header was longer than 256 characters and was cut. */
  | 'header-truncated';

export interface IngestWarning {
  code: IngestWarningCode;
  /** Column name the warning is about, when it is about one. */
  column?: string;
  count?: number;
  details?: IngestErrorDetails;
}

export interface ColumnReport {
  /** Final, unique column name (after header cleanup). */
  name: string;
  /** The header as read (trimmed), before renaming; '' when the file has no header row. */
  sourceName: string;
  /** 0-based position in the file. */
  sourceIndex: number;
  /** Why the name differs from the header, if it does. */
  renamed: 'empty' | 'duplicate' | 'generated' | null;
  kind: ColumnKind;
  /** True when `options.columnTypes` forced the kind. */
  overridden: boolean;
  unit?: string;
  /** Cells that were missing tokens (empty, NA, …). */
  missing: number;
  /** Non-missing cells that did not parse as the column's kind (NaN in the table). */
  rejected: number;
  /** (missing + rejected) / rows: the share of NaN / null in the final column. */
  missingShare: number;
  /** First rejected value, cut to 80 characters. */
  rejectedExample?: string;
  datetimeFormat?: DateTimeFormatId;
  /** Set when this number column uses another decimal / thousands style than the file. */
  numberFormat?: NumberFormat;
}

export interface EncodingReport {
  /** Encoding used to decode. */
  used: TextEncodingId;
  /** Encoding that detection found (equal to `used` unless overridden). */
  detected: TextEncodingId;
  bom: boolean;
}

export interface LongFormatReport {
  /** Column names that played each role in the long table. */
  roles: {
    station?: string;
    stationName?: string;
    variable: string;
    time: string;
    value: string;
    flag?: string;
  };
  /** Long rows read (the rows of the table before pivoting). */
  longRows: number;
  /** Series (station × variable) written as columns. */
  series: number;
  /** Distinct times: the row count of the wide table. */
  times: number;
  /** Rows whose (station, variable, time) key was already seen; the first one was kept. */
  duplicateKeys: number;
  /** Rows without a time or a variable, which cannot be placed. */
  rowsMissingKey: number;
  /** Columns of the long table that are not part of the pivot (coordinates, etc.). */
  droppedColumns: string[];
}

export interface IngestReport {
  fileName: string;
  bytes: number;
  encoding: EncodingReport;
  dialect: { used: Dialect; detected: Dialect };
  /** Line endings found: 'lf', 'crlf', 'cr' or 'mixed' (mixed and CR are normalized to LF). */
  lineEndings: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  blankRowsSkipped: number;
  rejectReasons: RowRejectCount[];
  /** One entry per column of the parsed (pre-pivot) table. */
  columns: ColumnReport[];
  longFormat?: LongFormatReport;
  warnings: IngestWarning[];
  elapsedMs: number;
}

/** Cut a value for display in a report. */
export function exampleOf(value: string, max = 80): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
