/**
 * The CSV pipeline: bytes → decoded text → dialect → header and column types from a sample →
 * one scanning pass (csv-scan.ts: papaparse for quoted text, else the fast scanner) whose cells
 * are typed straight into Float64Array columns, and category cells into dictionary codes
 * (category-codes.ts) → whole-column checks → optional long→wide pivot → report. With the fast
 * scanner most records are read in a single fused pass (`fusedLine` below); that pass and the
 * general one give the same table (fused-scan.test.ts checks it against papaparse's path).
 *
 * Synchronous on purpose: it runs in a worker (src/data/workers/ingest.worker.ts); on the main
 * thread it is only a fallback. `hooks.shouldCancel` is polled between chunks.
 */
import type { IngestHooks, RowSink, ScanEngine, ScanSetup } from './csv-scan';
import { chooseEngine, scanRecords } from './csv-scan';
import type { Column, ColumnKind, DataTable } from '../data-table';
import type { DecodedText, TextEncodingId } from './decode-text';
import { decodeText } from './decode-text';
import type { DialectOptions } from './detect-dialect';
import { detectDialect, modalFieldCount } from './detect-dialect';
import type { ColumnReport, EncodingReport, IngestReport, IngestWarning } from './ingest-report';
import { exampleOf, IngestError } from './ingest-report';
import type { InferContext, InferredType } from './infer-columns';
import {
  buildColumn,
  cleanHeaders,
  extractUnit,
  forcedNumberType,
  generatedHeaders,
  inferColumnType,
  overrideKind,
  passesThreshold,
} from './infer-columns';
import { CategoryDictionary } from './category-codes';
import { createMissingMatcher, DEFAULT_MISSING_TOKENS } from './missing-tokens';
import type { DateTimeFormatId, DateTimeRangeParser } from './parse-datetime';
import { bestDateTimeFormat, createDateTimeRangeParser } from './parse-datetime';
import { formatCodes, isNonFiniteNumberText, parseNumberRange, POW10 } from './parse-number';
import type { LongFormatRoles } from './pivot-long';
import { detectLongFormat, pivotLong } from './pivot-long';

export interface IngestOptions extends DialectOptions {
  /** Table name (usually the file name). */
  name?: string;
  encoding?: TextEncodingId | 'auto';
  /** Missing-value tokens (trimmed, case-insensitive); default DEFAULT_MISSING_TOKENS. */
  missingTokens?: readonly string[];
  /** Read ambiguous d/m/yyyy columns month-first. Default false (day-first). */
  monthFirst?: boolean;
  /** See parse-datetime.ts: null/undefined keeps written wall-clock and ignores offsets. */
  timeZoneOffsetMinutes?: number | null;
  /** Force a column's kind, keyed by the cleaned column name (see report.columns[].name). */
  columnTypes?: Readonly<Record<string, ColumnKind | 'auto'>>;
  /** Long-format pivot: detect from headers (default), never, force detection, or explicit roles. */
  longFormat?: 'auto' | 'never' | 'force' | LongFormatRoles;
  /** Default 10,000. More columns → `too-many-columns`. */
  maxColumns?: number;
  /** Default 512 MiB. Larger files → `file-too-large`. */
  maxBytes?: number;
  /** Share of non-missing cells that must parse for number / date-time typing. Default 0.9. */
  threshold?: number;
  /** Characters per papaparse chunk (progress and cancel granularity). Default 1 Mi. */
  chunkSize?: number;
  /**
   * Scanner: 'auto' (default) uses the allocation-free fast scanner when the text has no `"`,
   * papaparse otherwise; 'papaparse' always uses papaparse (the two give identical tables).
   */
  engine?: 'auto' | ScanEngine;
}

export type { IngestHooks } from './csv-scan';

export interface IngestResult {
  table: DataTable;
  report: IngestReport;
}

export const DEFAULT_MAX_COLUMNS = 10_000;
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
const DEFAULT_CHUNK_SIZE = 1 << 20;

/** Parse CSV bytes. Throws IngestError (see INGEST_ERROR_CODES). */
export function parseCsv(
  bytes: Uint8Array,
  options: IngestOptions = {},
  hooks: IngestHooks = {},
): IngestResult {
  const started = performance.now();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes)
    throw new IngestError('file-too-large', { bytes: bytes.length, maxBytes });
  if (hooks.shouldCancel?.()) throw new IngestError('cancelled');
  const decoded = decodeText(bytes, { encoding: options.encoding ?? 'auto' });
  return ingestDecoded(decoded, bytes.length, options, hooks, started);
}

/** Parse text that is already decoded (reported as UTF-8). */
export function parseCsvText(
  text: string,
  options: IngestOptions = {},
  hooks: IngestHooks = {},
): IngestResult {
  const started = performance.now();
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new IngestError('empty-file');
  body = body.length === text.length ? text : body;
  const bytes = new TextEncoder().encode(text).length;
  return ingestDecoded(
    { text: body, encoding: 'utf-8', detected: 'utf-8', bom: body !== text },
    bytes,
    options,
    hooks,
    started,
  );
}

type LineEndings = IngestReport['lineEndings'];

/** Papaparse takes one newline: pure CRLF stays, anything mixed (or CR-only) becomes LF. */
export function normalizeLineEndings(text: string): {
  text: string;
  newline: '\n' | '\r\n';
  endings: LineEndings;
} {
  const hasLf = text.includes('\n');
  if (!text.includes('\r')) return { text, newline: '\n', endings: hasLf ? 'lf' : 'none' };
  let pure = hasLf;
  for (let i = text.indexOf('\n'); pure && i >= 0; i = text.indexOf('\n', i + 1))
    if (text.charCodeAt(i - 1) !== 13) pure = false;
  for (let i = text.indexOf('\r'); pure && i >= 0; i = text.indexOf('\r', i + 1))
    if (text.charCodeAt(i + 1) !== 10) pure = false;
  if (pure) return { text, newline: '\r\n', endings: 'crlf' };
  return { text: text.replace(/\r\n?/g, '\n'), newline: '\n', endings: hasLf ? 'mixed' : 'cr' };
}

/** Upper bound on the records of `text`: its line ends, plus a last line without one. */
function countRecords(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return text.length > 0 && text.charCodeAt(text.length - 1) !== 10 ? count + 1 : count;
}

const KIND_NUMBER = 0;
const KIND_DATETIME = 1;
const KIND_CATEGORY = 2;

function isBlankCell(cell: string): boolean {
  return cell.trim() === '';
}

function ingestDecoded(
  decoded: DecodedText,
  bytesTotal: number,
  options: IngestOptions,
  hooks: IngestHooks,
  started: number,
): IngestResult {
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const threshold = options.threshold ?? 0.9;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const isMissing = createMissingMatcher(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  const missingSet = new Set(
    (options.missingTokens ?? DEFAULT_MISSING_TOKENS).map((t) => t.trim().toLowerCase()),
  );
  let maxTokenLength = 0;
  for (const t of missingSet) maxTokenLength = Math.max(maxTokenLength, t.length);
  const warnings: IngestWarning[] = [];
  hooks.onProgress?.(0, bytesTotal);

  const { text, newline, endings } = normalizeLineEndings(decoded.text);
  const detection = detectDialect(text, options, isMissing);
  const dialect = detection.dialect;
  const firstIndex = detection.sample.findIndex((r) => r.some((c) => !isBlankCell(c)));
  if (firstIndex < 0) throw new IngestError('empty-file');
  const firstRecord = detection.sample[firstIndex]!;
  const dataSample = detection.sample.slice(dialect.hasHeader ? firstIndex + 1 : firstIndex);

  // Columns: the header's count, widened when the data is consistently wider.
  let rawHeader: string[];
  let renamedGenerated = false;
  const dataMode = modalFieldCount(dataSample);
  if (dialect.hasHeader) {
    rawHeader = [...firstRecord];
    if (dataMode.count > rawHeader.length && dataMode.share >= 0.9)
      while (rawHeader.length < dataMode.count) rawHeader.push('');
  } else {
    rawHeader = generatedHeaders(Math.max(dataMode.count, 1));
    renamedGenerated = true;
  }
  if (rawHeader.length > maxColumns)
    throw new IngestError('too-many-columns', { columns: rawHeader.length, maxColumns });
  const columnCount = rawHeader.length;
  const cleaned = cleanHeaders(rawHeader);
  const names = cleaned.names;
  for (const i of cleaned.truncated) warnings.push({ code: 'header-truncated', column: names[i]! });
  const headerEndsEmpty =
    dialect.hasHeader && columnCount > 1 && rawHeader[columnCount - 1]!.trim() === '';

  const numberFormat = { decimal: dialect.decimal, thousands: dialect.thousands };
  const datetimeOptions = {
    monthFirst: options.monthFirst ?? false,
    timeZoneOffsetMinutes: options.timeZoneOffsetMinutes ?? null,
  };
  const ctx: InferContext = { numberFormat, isMissing, datetime: datetimeOptions, threshold };

  // Type every column from the sample (rows with the right field count only).
  const sampleRows = dataSample.filter(
    (r) =>
      r.length === columnCount ||
      (r.length === columnCount + 1 && isBlankCell(r[columnCount]!)) ||
      (headerEndsEmpty && r.length === columnCount - 1),
  );
  const inferred: InferredType[] = [];
  const overridden: boolean[] = [];
  for (let c = 0; c < columnCount; c++) {
    const cells = sampleRows.map((r) => r[c] ?? '');
    const forced = overrideKind(options.columnTypes, names[c]!);
    overridden.push(forced !== undefined);
    inferred.push(forceType(forced, inferColumnType(cells, names[c]!, ctx), cells, ctx));
  }

  // Long format: decided from headers and sampled kinds, so role columns are typed right.
  let roles: LongFormatRoles | null = null;
  const longOption = options.longFormat ?? 'auto';
  if (longOption !== 'never') {
    const kinds = names.map((name, c) => ({ name, kind: inferred[c]!.kind }));
    if (typeof longOption === 'object') {
      const required = [longOption.variable, longOption.time, longOption.value];
      const all = [...required, longOption.station, longOption.stationName, longOption.flag];
      if (all.some((n) => n !== undefined && !names.includes(n)))
        throw new IngestError('long-format-columns-missing');
      roles = longOption;
    } else if (dialect.hasHeader) {
      roles = detectLongFormat(kinds, longOption === 'force');
    }
    if (roles === null && longOption === 'force')
      throw new IngestError('long-format-columns-missing');
    if (roles !== null) {
      const want = new Map<string, InferredType>();
      for (const n of [roles.station, roles.stationName, roles.variable, roles.flag])
        if (n !== undefined) want.set(n, { kind: 'category', undecided: false });
      const v = names.indexOf(roles.value);
      const valueType = inferred[v]!;
      want.set(
        roles.value,
        valueType.kind === 'number'
          ? valueType
          : forcedNumberType(
              sampleRows.map((r) => r[v] ?? ''),
              ctx,
            ),
      );
      for (let c = 0; c < columnCount; c++) {
        const w = want.get(names[c]!);
        if (w !== undefined && !overridden[c]) {
          inferred[c] = w;
          overridden[c] = true;
        }
      }
      // The time column stays a date-time whatever the whole file says (bad cells are counted).
      const t = names.indexOf(roles.time);
      if (inferred[t]?.kind !== 'datetime') {
        const cells = sampleRows.map((r) => r[t] ?? '');
        inferred[t] = forceType('datetime', inferred[t]!, cells, ctx);
      }
      overridden[t] = true;
    }
  }

  // Writers.
  const kindCode = new Uint8Array(columnCount);
  const parsers: (DateTimeRangeParser | null)[] = [];
  for (let c = 0; c < columnCount; c++) {
    const t = inferred[c]!;
    kindCode[c] =
      t.kind === 'number' ? KIND_NUMBER : t.kind === 'datetime' ? KIND_DATETIME : KIND_CATEGORY;
    parsers.push(
      t.kind === 'datetime' ? createDateTimeRangeParser(t.detection.format, datetimeOptions) : null,
    );
  }
  // Columns are sized from the record count (one fast pass over the newlines): a guess from the
  // sample was always too large, and trimming 20 columns of 500k rows to size copied ~80 MB.
  // Quoted fields may hold newlines, so this is only an upper bound; grow() covers any miss.
  let capacity = Math.max(1, countRecords(text) - (dialect.hasHeader ? 1 : 0));
  const EMPTY = new Float64Array(0);
  const EMPTY_CODES = new Uint32Array(0);
  const f64: Float64Array[] = [];
  const codes: Uint32Array[] = [];
  const dicts: (CategoryDictionary | null)[] = [];
  const categoryValue = (raw: string): string | null => {
    const t = raw.trim();
    return t === '' || (t.length <= maxTokenLength && missingSet.has(t.toLowerCase())) ? null : t;
  };
  for (let c = 0; c < columnCount; c++) {
    const category = kindCode[c] === KIND_CATEGORY;
    f64.push(category ? EMPTY : new Float64Array(capacity));
    codes.push(category ? new Uint32Array(capacity) : EMPTY_CODES);
    dicts.push(category ? new CategoryDictionary(categoryValue) : null);
  }
  const missing = new Float64Array(columnCount);
  const rejected = new Float64Array(columnCount);
  /** Of `rejected`, number cells that were non-finite number text (Infinity, 1e309). */
  const nonFinite = new Float64Array(columnCount);
  const examples: (string | undefined)[] = new Array<string | undefined>(columnCount);
  const fileCodes = formatCodes(numberFormat);
  // Per-column number formats (a column may differ from the file, see inferColumnType).
  const decCodes = new Int32Array(columnCount).fill(fileCodes.decimal);
  const thouCodes = new Int32Array(columnCount).fill(fileCodes.thousands);
  for (let c = 0; c < columnCount; c++) {
    const t = inferred[c]!;
    if (t.kind === 'number' && t.format !== undefined) {
      const own = formatCodes(t.format);
      decCodes[c] = own.decimal;
      thouCodes[c] = own.thousands;
    }
  }
  // Missing tokens that read as numbers (-999, 9999): checked by value after a successful parse.
  const missingValues = new Set<number>();
  for (const token of missingSet) {
    const v = parseNumberRange(token, 0, token.length, fileCodes.decimal, fileCodes.thousands);
    if (!Number.isNaN(v)) missingValues.add(v);
  }
  const checkMissingValues = missingValues.size > 0;
  // The same values as a plain array: a loop over two or three numbers beats Set.has per cell.
  const missingList = Float64Array.from(missingValues);
  const missingCount = missingList.length;
  let rows = 0;

  const classify = (c: number, cell: string): void => {
    if (isMissing(cell)) missing[c]!++;
    else {
      rejected[c]!++;
      if (examples[c] === undefined) examples[c] = exampleOf(cell.trim());
      if (
        kindCode[c] === KIND_NUMBER &&
        isNonFiniteNumberText(cell, 0, cell.length, decCodes[c]!, thouCodes[c]!)
      )
        nonFinite[c]!++;
    }
  };
  const grow = (): void => {
    capacity = Math.ceil(capacity * 1.5) + 16;
    for (let c = 0; c < columnCount; c++) {
      if (kindCode[c] === KIND_CATEGORY) {
        const next = new Uint32Array(capacity);
        next.set(codes[c]!);
        codes[c] = next;
        continue;
      }
      const next = new Float64Array(capacity);
      next.set(f64[c]!);
      f64[c] = next;
    }
  };

  const setup: ScanSetup = {
    text,
    newline,
    delimiter: dialect.delimiter,
    hasHeader: dialect.hasHeader,
    columnCount,
    headerEndsEmpty,
    chunkSize,
    bytesTotal,
  };
  const engine = chooseEngine(text, options.engine);

  const writeCategory = (c: number, r: number, text: string, start: number, end: number): void => {
    const dict = dicts[c]!;
    const code = dict.codeOf(text, start, end);
    codes[c]![r] = code;
    if (dict.values[code] === null) missing[c]!++;
  };
  /** Columns whose missing count the fused row below raised, to undo when it gives up. */
  const touched = new Int32Array(columnCount);
  const delimCode = dialect.delimiter.charCodeAt(0);
  /**
   * The fast engine's common record in one pass: exactly columnCount fields, number cells plain
   * (`[-+]digits[decimal digits]`, at most 15 significant digits) or empty, date-time cells that
   * parse, any category cell. Numbers are read while the delimiters are found, instead of
   * splitting the line first and reading every cell a second time, and nothing is allocated.
   * Anything else (padding, thousands separators, exponents, missing tokens, unreadable cells,
   * another field count, a blank record) gives up with -1 before the row counts; the scanner then
   * splits the record and `ranges` writes the same row again, so both paths give one table.
   * Returns the index just after the record's line end.
   */
  const fusedLine = (src: string, start: number): number => {
    if (rows === capacity) grow();
    const r = rows;
    const n = src.length;
    let i = start;
    let nTouched = 0;
    let nonBlank = false;
    let next = -1;
    for (let c = 0; c < columnCount; c++) {
      const kind = kindCode[c];
      const fieldStart = i;
      let ch = src.charCodeAt(i); // NaN past the end: matches none of the tests below
      if (kind === KIND_NUMBER) {
        const decimal = decCodes[c];
        let negative = false;
        if (ch === 45) {
          negative = true;
          ch = src.charCodeAt(++i);
        } else if (ch === 43) ch = src.charCodeAt(++i);
        let mantissa = 0;
        let significant = 0;
        let digits = 0;
        let scale = 0;
        let fraction = false;
        for (;;) {
          const d = ch - 48;
          if (d >= 0 && d <= 9) {
            digits++;
            if (mantissa !== 0 || d !== 0) {
              if (significant === 15) break;
              mantissa = mantissa * 10 + d;
              significant++;
            }
            if (fraction) scale--;
          } else if (ch === decimal && !fraction && ch !== delimCode) fraction = true;
          else break;
          ch = src.charCodeAt(++i);
        }
        // Only a field end may follow (the delimiter wins over a decimal, as in the splitter).
        if (!(ch === delimCode || ch === 10 || ch === 13 || i >= n)) break;
        if (i === fieldStart) {
          f64[c]![r] = Number.NaN;
          missing[c]!++;
          touched[nTouched++] = c;
        } else {
          if (digits === 0 || scale < -22) break;
          // As parseNumberRange's exact path: one correctly rounded division.
          let v = mantissa === 0 ? 0 : scale === 0 ? mantissa : mantissa / POW10[-scale]!;
          if (negative) v = -v;
          let isMissingValue = false;
          for (let k = 0; k < missingCount; k++) if (v === missingList[k]) isMissingValue = true;
          if (isMissingValue) break;
          f64[c]![r] = v;
          nonBlank = true;
        }
      } else {
        let h = 0;
        while (i < n) {
          ch = src.charCodeAt(i);
          if (ch === delimCode || ch === 10 || ch === 13) break;
          h = (Math.imul(h, 31) + ch) | 0;
          i++;
        }
        if (kind === KIND_DATETIME) {
          if (i === fieldStart) {
            f64[c]![r] = Number.NaN;
            missing[c]!++;
            touched[nTouched++] = c;
          } else {
            const v = parsers[c]!(src, fieldStart, i);
            if (v !== v) break;
            f64[c]![r] = v;
            nonBlank = true;
          }
        } else {
          const dict = dicts[c]!;
          const code = dict.codeWithHash(src, fieldStart, i, h);
          codes[c]![r] = code;
          if (dict.values[code] === null) {
            missing[c]!++;
            touched[nTouched++] = c;
          }
          if (!dict.blank[code]) nonBlank = true;
        }
      }
      // i is at the field's end: a delimiter, a line end (CR only ever starts a CRLF here, see
      // normalizeLineEndings) or the end of the text.
      if (i < n && ch === delimCode) {
        if (c === columnCount - 1) break; // more fields than columns: the general path decides
        i++;
        continue;
      }
      if (c !== columnCount - 1) break; // fewer fields than columns
      next = i >= n ? n : ch === 13 ? i + 2 : i + 1;
    }
    if (next < 0 || !nonBlank) {
      for (let k = 0; k < nTouched; k++) missing[touched[k]!]!--;
      return -1;
    }
    rows++;
    return next;
  };
  const sink: RowSink = {
    strings(row, length) {
      if (rows === capacity) grow();
      const r = rows++;
      for (let c = 0; c < columnCount; c++) {
        const cell = c < length ? row[c]! : '';
        const kind = kindCode[c];
        if (kind === KIND_NUMBER) {
          let v = parseNumberRange(cell, 0, cell.length, decCodes[c]!, thouCodes[c]!);
          if (v !== v) classify(c, cell);
          else if (checkMissingValues && missingValues.has(v)) {
            v = Number.NaN;
            missing[c]!++;
          }
          f64[c]![r] = v;
        } else if (kind === KIND_DATETIME) {
          const v = parsers[c]!(cell, 0, cell.length);
          f64[c]![r] = v;
          if (v !== v) classify(c, cell);
        } else writeCategory(c, r, cell, 0, cell.length);
      }
    },
    ranges(src, starts, ends, length) {
      if (rows === capacity) grow();
      const r = rows++;
      for (let c = 0; c < columnCount; c++) {
        const kind = kindCode[c];
        if (c >= length) {
          if (kind === KIND_CATEGORY) writeCategory(c, r, '', 0, 0);
          else {
            f64[c]![r] = Number.NaN;
            missing[c]!++;
          }
          continue;
        }
        const s0 = starts[c]!;
        const e0 = ends[c]!;
        if (kind === KIND_NUMBER) {
          let v = parseNumberRange(src, s0, e0, decCodes[c]!, thouCodes[c]!);
          if (v !== v) classify(c, src.slice(s0, e0));
          else if (checkMissingValues && missingValues.has(v)) {
            v = Number.NaN;
            missing[c]!++;
          }
          f64[c]![r] = v;
        } else if (kind === KIND_DATETIME) {
          const v = parsers[c]!(src, s0, e0);
          f64[c]![r] = v;
          if (v !== v) classify(c, src.slice(s0, e0));
        } else writeCategory(c, r, src, s0, e0);
      }
    },
    line: fusedLine,
  };
  const stats = scanRecords(engine, setup, sink, hooks);

  if (stats.rowsRead === 0) throw new IngestError('header-only', { columns: columnCount });
  if (rows === 0)
    throw new IngestError('no-data-rows', { rowsRead: stats.rowsRead, columns: columnCount });

  // Whole-column checks: columns typed from the sample that fail on the full file, and columns
  // whose sample was all missing, are typed again from all their cells.
  const retype: number[] = [];
  for (let c = 0; c < columnCount; c++) {
    if (overridden[c]) continue;
    const t = inferred[c]!;
    if (t.kind === 'category') {
      if (t.undecided && missing[c]! < rows) retype.push(c);
      continue;
    }
    const epoch =
      t.kind === 'datetime' &&
      (t.detection.format === 'epoch-s' || t.detection.format === 'epoch-ms');
    // Non-finite number text typed the column as numeric on purpose: not a reason to retype.
    const unreadable = rejected[c]! - nonFinite[c]!;
    if (epoch ? rejected[c]! > 0 : !passesThreshold(rows, missing[c]!, unreadable, threshold))
      retype.push(c);
  }
  const rebuilt = new Map<number, ReturnType<typeof buildColumn>>();
  if (retype.length > 0) {
    const cells = new Map<number, (string | null)[]>();
    const needScan: number[] = [];
    for (const c of retype) {
      if (kindCode[c] === KIND_CATEGORY) cells.set(c, dicts[c]!.materialize(codes[c]!, rows));
      else {
        cells.set(c, new Array<string | null>(rows));
        needScan.push(c);
      }
    }
    if (needScan.length > 0) {
      let r = 0;
      const collect: RowSink = {
        strings(row, length) {
          for (const c of needScan) cells.get(c)![r] = c < length ? row[c]! : '';
          r++;
        },
        ranges(src, starts, ends, length) {
          for (const c of needScan)
            cells.get(c)![r] = c < length ? src.slice(starts[c]!, ends[c]!) : '';
          r++;
        },
      };
      scanRecords(engine, setup, collect, { shouldCancel: hooks.shouldCancel });
    }
    for (const c of retype) {
      const all = cells.get(c)!;
      const type = inferColumnType(all, names[c]!, ctx);
      rebuilt.set(c, buildColumn(names[c]!, all, type, ctx));
      const from = inferred[c]!.kind;
      inferred[c] = type;
      if (type.kind !== from || from !== 'category')
        warnings.push({
          code: 'column-retyped',
          column: names[c]!,
          details: { from, to: type.kind },
        });
    }
  }

  // Assemble columns and their reports, dropping unnamed columns without data.
  const columns: Column[] = [];
  const reports: ColumnReport[] = [];
  for (let c = 0; c < columnCount; c++) {
    const name = names[c]!;
    let column: Column;
    let miss = missing[c]!;
    let rej = rejected[c]!;
    let infinite = nonFinite[c]!;
    let example = examples[c];
    const built = rebuilt.get(c);
    if (built !== undefined) {
      column = built.column;
      miss = built.missing;
      rej = built.rejected;
      infinite = built.nonFinite;
      example = built.rejectedExample;
    } else if (kindCode[c] === KIND_CATEGORY) {
      column = { name, kind: 'category', values: dicts[c]!.materialize(codes[c]!, rows) };
    } else {
      const values = f64[c]!.length === rows ? f64[c]! : f64[c]!.slice(0, rows);
      if (kindCode[c] === KIND_NUMBER) {
        const unit = extractUnit(name);
        column =
          unit === undefined
            ? { name, kind: 'number', values }
            : { name, kind: 'number', values, unit };
      } else column = { name, kind: 'datetime', values };
    }
    const unnamed = cleaned.renamed[c] === 'empty' || renamedGenerated;
    if (unnamed && miss + rej === rows && rej === 0) {
      warnings.push({ code: 'empty-column-dropped', column: name });
      continue;
    }
    if (column.kind === 'number' && infinite > 0)
      warnings.push({ code: 'non-finite-numbers', column: name, count: infinite });
    const t = inferred[c]!;
    let datetimeFormat: DateTimeFormatId | undefined;
    if (t.kind === 'datetime') {
      datetimeFormat = t.detection.format;
      if (t.detection.ambiguousDayMonth && !overridden[c])
        warnings.push({
          code: 'day-month-ambiguous',
          column: name,
          details: { assumed: datetimeFormat },
        });
      if (t.detection.withOffset > 0 && datetimeOptions.timeZoneOffsetMinutes === null)
        warnings.push({ code: 'offsets-ignored', column: name });
    }
    const report: ColumnReport = {
      name,
      sourceName: dialect.hasHeader ? rawHeader[c]!.replace(/\s+/g, ' ').trim() : '',
      sourceIndex: c,
      renamed: renamedGenerated ? 'generated' : cleaned.renamed[c]!,
      kind: column.kind,
      overridden: overridden[c]! && overrideKind(options.columnTypes, name) !== undefined,
      missing: miss,
      rejected: rej,
      missingShare: rows === 0 ? 0 : (miss + rej) / rows,
    };
    if (column.kind === 'number' && column.unit !== undefined) report.unit = column.unit;
    if (example !== undefined) report.rejectedExample = example;
    if (datetimeFormat !== undefined) report.datetimeFormat = datetimeFormat;
    if (t.kind === 'number' && t.format !== undefined) report.numberFormat = t.format;
    columns.push(column);
    reports.push(report);
  }
  if (columns.length === 0) throw new IngestError('no-columns');

  let table: DataTable = { name: options.name ?? '', rowCount: rows, columns };
  let longFormat: IngestReport['longFormat'];
  if (roles !== null) {
    const pivot = pivotLong(table, roles, { maxColumns });
    table = pivot.table;
    longFormat = pivot.report;
  }

  const encoding: EncodingReport = {
    used: decoded.encoding,
    detected: decoded.detected,
    bom: decoded.bom,
  };
  const report: IngestReport = {
    fileName: options.name ?? '',
    bytes: bytesTotal,
    encoding,
    dialect: { used: dialect, detected: detection.detected },
    lineEndings: endings,
    rowsRead: stats.rowsRead,
    rowsAccepted: rows,
    rowsRejected: stats.rowsRead - rows,
    blankRowsSkipped: stats.blank,
    rejectReasons: [...stats.rejected.values()],
    columns: reports,
    warnings,
    elapsedMs: performance.now() - started,
  };
  if (longFormat !== undefined) report.longFormat = longFormat;
  hooks.onProgress?.(bytesTotal, bytesTotal);
  return { table, report };
}

/** Apply a user's forced kind on top of the inferred type. */
function forceType(
  forced: ColumnKind | undefined,
  inferred: InferredType,
  cells: readonly string[],
  ctx: InferContext,
): InferredType {
  if (forced === undefined || forced === inferred.kind) return inferred;
  if (forced === 'number') return forcedNumberType(cells, ctx);
  if (forced === 'category') return { kind: 'category', undecided: false };
  const present = cells.filter((c) => !ctx.isMissing(c));
  const format = bestDateTimeFormat(present, ctx.datetime);
  return {
    kind: 'datetime',
    detection: {
      format,
      matched: 0,
      total: present.length,
      ambiguousDayMonth: false,
      withOffset: 0,
    },
  };
}
