/**
 * CSV dialect detection: delimiter, decimal and thousands separators, header row. Every value can
 * be forced through DialectOptions; detection still runs so the UI can show what it found next to
 * what was used.
 */
import type { MissingMatcher } from './missing-tokens';
import type { DecimalSeparator, NumberFormat, ThousandsSeparator } from './parse-number';
import { formatCodes, parseNumberRange } from './parse-number';
import { detectDateTimeFormat } from './parse-datetime';

export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export interface Dialect {
  delimiter: Delimiter;
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  hasHeader: boolean;
}

export interface DialectOptions {
  delimiter?: Delimiter;
  decimal?: DecimalSeparator;
  thousands?: ThousandsSeparator;
  hasHeader?: boolean;
}

export interface SplitResult {
  records: string[][];
  /** Char index where splitting stopped (text.length when the whole text was split). */
  end: number;
  /** The text ended inside a quoted field. */
  unbalancedQuote: boolean;
}

/**
 * Split records with RFC 4180 quoting (a quote opens a field only at its start; `""` inside a
 * quoted field is a quote). Lenient like papaparse: text after a closing quote is kept. CRLF, LF
 * and CR all end a record. Stops after `maxRecords` records, or after the record during which
 * `charBudget` characters were passed, so records are always complete.
 */
export function splitRecords(
  text: string,
  delimiter: string,
  maxRecords = Number.POSITIVE_INFINITY,
  charBudget = Number.POSITIVE_INFINITY,
): SplitResult {
  const records: string[][] = [];
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let row: string[] = [];
  while (i < n && records.length < maxRecords) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      // Quoted field.
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          row.push(value + text.slice(j));
          records.push(row);
          return { records, end: n, unbalancedQuote: true };
        }
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Lenient: keep anything between the closing quote and the next delimiter / newline.
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === delim || c === 10 || c === 13) break;
        k++;
      }
      field = value + text.slice(j, k).replace(/\s+$/, '');
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === delim || c === 10 || c === 13) break;
        k++;
      }
      field = text.slice(i, k);
      i = k;
    }
    row.push(field);
    if (i >= n) {
      records.push(row);
      row = [];
      break;
    }
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      if (i >= n) {
        row.push('');
        records.push(row);
        row = [];
      }
      continue;
    }
    // Newline: CRLF, LF or CR.
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    records.push(row);
    row = [];
    if (i > charBudget) break;
  }
  return { records, end: i, unbalancedQuote: false };
}

function isBlank(record: readonly string[]): boolean {
  for (const f of record) if (f.trim() !== '') return false;
  return true;
}

/** Most frequent field count among non-blank records, and the share of records that have it. */
export function modalFieldCount(records: readonly (readonly string[])[]): {
  count: number;
  share: number;
} {
  const freq = new Map<number, number>();
  let total = 0;
  for (const r of records) {
    if (isBlank(r)) continue;
    total++;
    freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
  }
  let count = 0;
  let best = 0;
  for (const [k, v] of freq) {
    if (v > best || (v === best && k > count)) {
      best = v;
      count = k;
    }
  }
  return { count, share: total === 0 ? 0 : best / total };
}

/** Records used to score delimiters. */
const DELIMITER_SAMPLE_RECORDS = 50;
/** Tie-break order: `;` before `,` because Spanish exports pair `;` with decimal commas. */
const DELIMITER_PRIORITY: readonly Delimiter[] = ['\t', ';', '|', ','];

/**
 * Delimiter whose field counts are most consistent over the first records (quotes respected),
 * among those that give more than one field. A file where no delimiter splits anything is a
 * single column: the first candidate that never occurs is returned so nothing gets split.
 */
export function detectDelimiter(text: string): Delimiter {
  let best: Delimiter | null = null;
  let bestScore = 0;
  for (const d of DELIMITER_PRIORITY) {
    const { records } = splitRecords(text, d, DELIMITER_SAMPLE_RECORDS, 1 << 20);
    const { count, share } = modalFieldCount(records);
    if (count <= 1) continue;
    // The first record (usually the header) should agree: same field count, or one less when the
    // data rows end with an empty field (trailing delimiter). A header that is shorter than
    // non-empty data is the signature of a decimal comma split by `,` (`turbiedad` / `1,5`).
    const first = records.find((r) => !isBlank(r));
    const trailing =
      first?.length === count - 1 &&
      records.every((r) => r.length !== count || (r[count - 1] ?? '').trim() === '');
    const agrees = first?.length === count || trailing;
    if (!agrees && d === ',') {
      const firstAt = records.indexOf(first!);
      const data = records.slice(firstAt + 1);
      if (modalFieldCount(data).share >= 0.9) continue;
      // A one-column file of decimal-comma numbers with some missing cells (`NA` splits into one
      // field, `1,5` into two) is not consistently wider, yet it is the same signature.
      if (first!.length === 1 && mostlyCommaDecimals(data)) continue;
    }
    const score = agrees ? share + 0.01 : share * 0.5;
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = d;
    }
  }
  if (best !== null) return best;
  // Only blank records (`;;;;` lines of an empty spreadsheet): take the delimiter that splits
  // them, so they read as blank rather than as one column of `;;;;`.
  for (const d of DELIMITER_PRIORITY) {
    const { records } = splitRecords(text, d, DELIMITER_SAMPLE_RECORDS, 1 << 20);
    if (records.length > 0 && records.every((r) => r.length > 1 && isBlank(r))) return d;
  }
  const head = text.slice(0, 1 << 20);
  return DELIMITERS.find((d) => !head.includes(d)) ?? ',';
}

/** `1,5`, `-0,25`, `1.234,5`: one number with a decimal comma, split in two by `,`. */
const SPLIT_COMMA_DECIMAL = /^\s*[-+]?\d{1,3}(?:\.?\d{3})*$|^\s*[-+]?\d+$/;

/**
 * Whether at least 90 % of the non-blank records are either one field or two fields that, joined
 * by a comma, make one decimal-comma number (the second field all digits).
 */
function mostlyCommaDecimals(records: readonly (readonly string[])[]): boolean {
  let total = 0;
  let fits = 0;
  for (const r of records) {
    if (isBlank(r)) continue;
    total++;
    if (r.length === 1) fits++;
    else if (
      r.length === 2 &&
      SPLIT_COMMA_DECIMAL.test(r[0]!) &&
      /^\d+\s*$/.test(r[1]!) &&
      r[0]!.trim() !== ''
    )
      fits++;
  }
  return total > 0 && fits >= 0.9 * total;
}

const SIGN = '[-+]?';
/** Exponent notation is only written for unambiguous numbers, so any fraction counts. */
const EXP = '[eE][-+]?\\d+';
const COMMA_STRONG = new RegExp(
  `^${SIGN}(\\d*,\\d{1,2}|\\d*,\\d{4,}|\\d{4,},\\d+|0,\\d+|,\\d+)$|^${SIGN}\\d*,\\d+${EXP}$`,
);
const COMMA_AMBIGUOUS = new RegExp(`^${SIGN}[1-9]\\d{0,2},\\d{3}$`);
const DOT_STRONG = new RegExp(
  `^${SIGN}(\\d*\\.\\d{1,2}|\\d*\\.\\d{4,}|\\d{4,}\\.\\d+|0\\.\\d+|\\.\\d+)$|^${SIGN}\\d*\\.\\d+${EXP}$`,
);
const DOT_AMBIGUOUS = new RegExp(`^${SIGN}[1-9]\\d{0,2}\\.\\d{3}$`);
/** 1.234,5 or 1.234.567: decimal comma with dot thousands. */
const DOT_GROUPED = new RegExp(
  `^${SIGN}\\d{1,3}(\\.\\d{3})+,\\d+$|^${SIGN}\\d{1,3}(\\.\\d{3}){2,}$`,
);
/** 1,234.5 or 1,234,567: decimal dot with comma thousands. */
const COMMA_GROUPED = new RegExp(
  `^${SIGN}\\d{1,3}(,\\d{3})+\\.\\d+$|^${SIGN}\\d{1,3}(,\\d{3}){2,}$`,
);

export interface NumberEvidence {
  commaStrong: number;
  commaAmbiguous: number;
  dotStrong: number;
  dotAmbiguous: number;
  dotGrouped: number;
  commaGrouped: number;
}

export function numberEvidence(cells: Iterable<string>): NumberEvidence {
  const e: NumberEvidence = {
    commaStrong: 0,
    commaAmbiguous: 0,
    dotStrong: 0,
    dotAmbiguous: 0,
    dotGrouped: 0,
    commaGrouped: 0,
  };
  for (const raw of cells) {
    const cell = raw.trim();
    if (cell === '' || cell.length > 40) continue;
    const c0 = cell.charCodeAt(0);
    // Only cells that start like a number.
    if (!((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 44 || c0 === 46)) continue;
    if (DOT_GROUPED.test(cell)) e.dotGrouped++;
    else if (COMMA_GROUPED.test(cell)) e.commaGrouped++;
    else if (COMMA_STRONG.test(cell)) e.commaStrong++;
    else if (COMMA_AMBIGUOUS.test(cell)) e.commaAmbiguous++;
    else if (DOT_STRONG.test(cell)) e.dotStrong++;
    else if (DOT_AMBIGUOUS.test(cell)) e.dotAmbiguous++;
  }
  return e;
}

/**
 * Decimal and thousands separators from number-like cells. Unambiguous cells decide (`1,5`,
 * `0,123`, `1234,5` → comma; `1.5`, … → dot; `1.234,5` → comma with dot thousands; `1,234.5` →
 * dot with comma thousands). With only ambiguous cells (`1,234`) or none, a `;`-delimited file is
 * taken as decimal comma (Spanish-locale Excel) and any other as decimal dot.
 */
export function detectNumberFormat(cells: Iterable<string>, delimiter: Delimiter): NumberFormat {
  const e = numberEvidence(cells);
  const comma = e.commaStrong + e.dotGrouped;
  const dot = e.dotStrong + e.commaGrouped;
  let decimal: DecimalSeparator;
  if (comma !== dot) decimal = comma > dot ? ',' : '.';
  else if (e.commaAmbiguous > 0 && e.dotAmbiguous === 0) decimal = delimiter === ',' ? '.' : ',';
  else if (e.dotAmbiguous > 0 && e.commaAmbiguous === 0) decimal = '.';
  else decimal = delimiter === ';' ? ',' : '.';

  let thousands: ThousandsSeparator = null;
  if (decimal === ',' && (e.dotGrouped > 0 || (e.dotAmbiguous > 0 && e.dotStrong === 0)))
    thousands = '.';
  if (
    decimal === '.' &&
    (e.commaGrouped > 0 || (e.commaAmbiguous > 0 && e.commaStrong === 0 && delimiter !== ','))
  )
    thousands = ',';
  return { decimal, thousands };
}

/**
 * A header row is assumed unless a non-missing cell of the first record reads as a number or a
 * date (a header of names never does). All-text tables are taken as having a header.
 */
export function detectHeader(
  first: readonly string[],
  format: NumberFormat,
  isMissing: MissingMatcher,
): boolean {
  const codes = formatCodes(format);
  for (const cell of first) {
    if (isMissing(cell)) continue;
    if (!Number.isNaN(parseNumberRange(cell, 0, cell.length, codes.decimal, codes.thousands)))
      return false;
    if (detectDateTimeFormat([cell], '', { threshold: 1 }) !== null) return false;
  }
  return true;
}

/** Records the sample for type inference takes (header included). */
export const SAMPLE_RECORDS = 1001;
/** Characters the sample may span (always at least whole records). */
export const SAMPLE_CHARS = 1 << 20;

export interface DialectDetection {
  /** What parsing uses: detection with the options applied on top. */
  dialect: Dialect;
  /** What detection found (the delimiter-dependent steps use the chosen delimiter). */
  detected: Dialect;
  /** The first records split with the chosen delimiter (header included, if any). */
  sample: string[][];
  /** True when the sample is the whole text. */
  sampleIsComplete: boolean;
  unbalancedQuote: boolean;
}

export function detectDialect(
  text: string,
  options: DialectOptions,
  isMissing: MissingMatcher,
): DialectDetection {
  const detectedDelimiter = detectDelimiter(text);
  const delimiter = options.delimiter ?? detectedDelimiter;
  const split = splitRecords(text, delimiter, SAMPLE_RECORDS, SAMPLE_CHARS);
  const sample = split.records;
  const firstIndex = sample.findIndex((r) => !isBlank(r));
  const cells: string[] = [];
  for (let r = firstIndex + 1; r < sample.length; r++) for (const c of sample[r]!) cells.push(c);
  // A lone record (no data below) still tells the separators.
  if (cells.length === 0 && firstIndex >= 0) cells.push(...sample[firstIndex]!);
  const detectedFormat = detectNumberFormat(cells, delimiter);
  const decimal = options.decimal ?? detectedFormat.decimal;
  let thousands =
    options.thousands !== undefined
      ? options.thousands
      : options.decimal !== undefined && options.decimal !== detectedFormat.decimal
        ? null
        : detectedFormat.thousands;
  if (thousands === decimal) thousands = null;
  const detectedHeader =
    firstIndex < 0 ? true : detectHeader(sample[firstIndex]!, { decimal, thousands }, isMissing);
  const dialect: Dialect = {
    delimiter,
    decimal,
    thousands,
    hasHeader: options.hasHeader ?? detectedHeader,
  };
  const detected: Dialect = {
    delimiter: detectedDelimiter,
    decimal: detectedFormat.decimal,
    thousands: detectedFormat.thousands,
    hasHeader: detectedHeader,
  };
  return {
    dialect,
    detected,
    sample,
    sampleIsComplete: split.end >= text.length,
    unbalancedQuote: split.unbalancedQuote,
  };
}
