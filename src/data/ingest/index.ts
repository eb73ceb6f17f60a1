/**
 * CSV ingest for the analyst explorer: bytes → typed DataTable + IngestReport.
 * Pages should call `parseFileInWorker` (src/data/workers/ingest-client.ts); the pure functions
 * below are exported for the worker, for tests and for previews (dialect, header, types).
 */
export { decodeText, sniffBinary } from './decode-text';
export type { BinaryKind, DecodedText, DecodeOptions, TextEncodingId } from './decode-text';
export {
  DELIMITERS,
  detectDelimiter,
  detectDialect,
  detectHeader,
  detectNumberFormat,
  splitRecords,
} from './detect-dialect';
export type { Delimiter, Dialect, DialectDetection, DialectOptions } from './detect-dialect';
export { createMissingMatcher, DEFAULT_MISSING_TOKENS } from './missing-tokens';
export type { MissingMatcher } from './missing-tokens';
export {
  COMMA_DECIMAL,
  DOT_DECIMAL,
  formatNumber,
  parseNumber,
  parseNumberRange,
} from './parse-number';
export type { DecimalSeparator, NumberFormat, ThousandsSeparator } from './parse-number';
export {
  bestDateTimeFormat,
  createDateTimeParser,
  createDateTimeRangeParser,
  detectDateTimeFormat,
  looksLikeTimeHeader,
  parseDateTime,
  wallClock,
} from './parse-datetime';
export type { DateTimeDetection, DateTimeFormatId, DateTimeOptions } from './parse-datetime';
export {
  buildColumn,
  cleanHeaders,
  extractUnit,
  inferColumnType,
  MAX_HEADER_LENGTH,
} from './infer-columns';
export type { InferContext, InferredType } from './infer-columns';
export { detectLongFormat, normalizeHeader, pivotLong, SERIES_SEPARATOR } from './pivot-long';
export type { LongFormatRoles } from './pivot-long';
export {
  exampleOf,
  fromIngestErrorData,
  INGEST_ERROR_CODES,
  IngestError,
  isIngestError,
  toIngestErrorData,
} from './ingest-report';
export type {
  ColumnReport,
  EncodingReport,
  IngestErrorCode,
  IngestErrorData,
  IngestErrorDetails,
  IngestReport,
  IngestWarning,
  IngestWarningCode,
  LongFormatReport,
  RowRejectCount,
  RowRejectReason,
} from './ingest-report';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_COLUMNS,
  normalizeLineEndings,
  parseCsv,
  parseCsvText,
} from './parse-csv';
export type { IngestHooks, IngestOptions, IngestResult } from './parse-csv';
export type { ScanEngine } from './csv-scan';
