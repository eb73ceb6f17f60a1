/**
 * Date-time cells → wall-clock milliseconds encoded as if UTC (the DataTable convention: month
 * and hour are read with getUTC* and never shift with the device's time zone). NaN = invalid.
 *
 * Formats, one per column (detected from a sample, then applied to every cell):
 * - `iso`      2024-03-01, 2024-03-01T08:05, 2024-03-01 08:05:07.250, optional Z / ±hh[:mm]
 * - `dmy`      01/03/2024 08:05[:07] (also `-` and `.`), d/m/yyyy, optional a. m. / p. m.
 * - `mdy`      the same with the month first (US exports)
 * - `ymd`      2024/03/01 08:05:07 (also `.`)
 * - `compact`  20240301080507, 202403010805, and 20240301 (the last only with a time-like header)
 * - `epoch-s`, `epoch-ms`  integer Unix time, only for integer columns in 1990–2100 whose
 *   header suggests time (epoch, timestamp, time, fecha, …)
 *
 * UTC offsets (decided here, documented for the UI): by default an offset or `Z` is *ignored*
 * and the clock time is kept as written, because the models read hour-of-day at the plant and a
 * plant's exports carry the plant's clock. Set `timeZoneOffsetMinutes` (Colombia: -300) to
 * convert instead: offset-carrying times and epoch values are moved to that zone's wall-clock.
 * Epoch values have no wall-clock of their own; without the option they are read as UTC.
 *
 * Invalid dates are NaN, never rolled over: 31/02/2024, 24:00, 10:75.
 */

export type DateTimeFormatId = 'iso' | 'dmy' | 'mdy' | 'ymd' | 'compact' | 'epoch-s' | 'epoch-ms';

export interface DateTimeOptions {
  /** Ambiguous d/m columns (no first field > 12) are read month-first. Default false (day-first). */
  monthFirst?: boolean;
  /**
   * Target zone for values that carry an offset (and for epoch values), in minutes east of UTC
   * (Colombia: -300). Null/undefined: offsets are ignored, epoch values are read as UTC.
   */
  timeZoneOffsetMinutes?: number | null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Wall-clock ms for valid fields, NaN otherwise (no roll-over). Years 1000–9999. */
export function wallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const dim = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > dim || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`;
const ISO_RE = new RegExp(
  String.raw`^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)${TIME}\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$`,
  'i',
);
const DMY_RE = new RegExp(
  String.raw`^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:(?:T|\s+)${TIME}\s*(?:([ap])\.?\s?m\.?)?)?\s*$`,
  'i',
);
const YMD_RE = new RegExp(
  String.raw`^\s*(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)${TIME})?\s*$`,
);
const COMPACT_RE = /^\s*(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?\s*$/;
const INTEGER_RE = /^\s*-?\d{1,16}\s*$/;

/** Plausible epoch ranges: 1990-01-01 to 2100-01-01. */
const EPOCH_S_MIN = 631_152_000;
const EPOCH_S_MAX = 4_102_444_800;
const EPOCH_MS_MIN = EPOCH_S_MIN * 1000;
const EPOCH_MS_MAX = EPOCH_S_MAX * 1000;

function num(text: string | undefined, fallback = 0): number {
  return text === undefined ? fallback : Number(text);
}

function fractionMs(text: string | undefined): number {
  return text === undefined ? 0 : Number(`${text}00`.slice(0, 3));
}

function offsetMinutes(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function parseTimeParts(
  m: RegExpExecArray,
  first: number,
  meridiem?: string,
): [number, number, number, number] | null {
  let hour = num(m[first]);
  const minute = num(m[first + 1]);
  const second = num(m[first + 2]);
  const ms = fractionMs(m[first + 3]);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toLowerCase() === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return [hour, minute, second, ms];
}

export type DateTimeParser = (text: string) => number;
/** Parses `text.slice(start, end)`; allocation-free for the common fixed-width shapes. */
export type DateTimeRangeParser = (text: string, start: number, end: number) => number;

/** Returned by fastFixedWidth when the cell is not one of the fixed-width shapes. */
const NOT_FIXED = Number.NEGATIVE_INFINITY;

function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function digits4(s: string, i: number): number {
  const hi = digits2(s, i);
  const lo = digits2(s, i + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}

/**
 * Fixed-width fast path: `yyyy-mm-dd`, `yyyy/mm/dd`, `dd/mm/yyyy` (separators as the format
 * allows) with an optional ` hh:mm` or ` hh:mm:ss` (space or T). Gives the same result as the
 * regular expression for those shapes, and NOT_FIXED for anything else.
 */
function fastFixedWidth(s: string, a: number, b: number, format: DateTimeFormatId): number {
  const len = b - a;
  if (len !== 10 && len !== 16 && len !== 19) return NOT_FIXED;
  let year: number;
  let month: number;
  let day: number;
  if (format === 'iso' || format === 'ymd') {
    const sep = s.charCodeAt(a + 4);
    const ok = format === 'iso' ? sep === 45 : sep === 47 || sep === 46;
    if (!ok || s.charCodeAt(a + 7) !== sep) return NOT_FIXED;
    year = digits4(s, a);
    month = digits2(s, a + 5);
    day = digits2(s, a + 8);
  } else {
    const sep = s.charCodeAt(a + 2);
    if ((sep !== 47 && sep !== 45 && sep !== 46) || s.charCodeAt(a + 5) !== sep) return NOT_FIXED;
    const p = digits2(s, a);
    const q = digits2(s, a + 3);
    year = digits4(s, a + 6);
    if (format === 'dmy') {
      day = p;
      month = q;
    } else {
      day = q;
      month = p;
    }
  }
  if (year < 0 || month < 0 || day < 0) return NOT_FIXED;
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (len >= 16) {
    const t = s.charCodeAt(a + 10);
    if ((t !== 32 && t !== 84) || s.charCodeAt(a + 13) !== 58) return NOT_FIXED;
    hour = digits2(s, a + 11);
    minute = digits2(s, a + 14);
    if (len === 19) {
      if (s.charCodeAt(a + 16) !== 58) return NOT_FIXED;
      second = digits2(s, a + 17);
    }
    if (hour < 0 || minute < 0 || second < 0) return NOT_FIXED;
  }
  return wallClock(year, month, day, hour, minute, second);
}

/** A range parser for one format; reuse it for a whole column. */
export function createDateTimeRangeParser(
  format: DateTimeFormatId,
  options: DateTimeOptions = {},
): DateTimeRangeParser {
  const slow = createRegexParser(format, options);
  if (format === 'iso' || format === 'ymd' || format === 'dmy' || format === 'mdy')
    return (text, start, end) => {
      const v = fastFixedWidth(text, start, end, format);
      return v !== NOT_FIXED
        ? v
        : slow(start === 0 && end === text.length ? text : text.slice(start, end));
    };
  return (text, start, end) =>
    slow(start === 0 && end === text.length ? text : text.slice(start, end));
}

/** A parser for one format; reuse it for a whole column. */
export function createDateTimeParser(
  format: DateTimeFormatId,
  options: DateTimeOptions = {},
): DateTimeParser {
  const parse = createDateTimeRangeParser(format, options);
  return (text) => parse(text, 0, text.length);
}

function createRegexParser(format: DateTimeFormatId, options: DateTimeOptions): DateTimeParser {
  const target = options.timeZoneOffsetMinutes ?? null;
  switch (format) {
    case 'iso':
      return (text) => {
        const m = ISO_RE.exec(text);
        if (!m) return Number.NaN;
        const t = parseTimeParts(m, 4) ?? [0, 0, 0, 0];
        const wall = wallClock(num(m[1]), num(m[2]), num(m[3]), ...t);
        const offset = m[8];
        if (offset === undefined || target === null || Number.isNaN(wall)) return wall;
        return wall + (target - offsetMinutes(offset)) * 60_000;
      };
    case 'dmy':
    case 'mdy':
      return (text) => {
        const m = DMY_RE.exec(text);
        if (!m) return Number.NaN;
        const a = num(m[1]);
        const b = num(m[3]);
        const [day, month] = format === 'dmy' ? [a, b] : [b, a];
        if (m[5] === undefined) return wallClock(num(m[4]), month, day);
        const t = parseTimeParts(m, 5, m[9]);
        return t === null ? Number.NaN : wallClock(num(m[4]), month, day, ...t);
      };
    case 'ymd':
      return (text) => {
        const m = YMD_RE.exec(text);
        if (!m) return Number.NaN;
        const t = parseTimeParts(m, 5) ?? [0, 0, 0, 0];
        return wallClock(num(m[1]), num(m[3]), num(m[4]), ...t);
      };
    case 'compact':
      return (text) => {
        const m = COMPACT_RE.exec(text);
        if (!m) return Number.NaN;
        return wallClock(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]));
      };
    case 'epoch-s':
    case 'epoch-ms': {
      const [lo, hi, factor] =
        format === 'epoch-s' ? [EPOCH_S_MIN, EPOCH_S_MAX, 1000] : [EPOCH_MS_MIN, EPOCH_MS_MAX, 1];
      const shift = (target ?? 0) * 60_000;
      return (text) => {
        if (!INTEGER_RE.test(text)) return Number.NaN;
        const v = Number(text);
        return v >= lo && v <= hi ? v * factor + shift : Number.NaN;
      };
    }
  }
}

/** Parse one cell with a known format. */
export function parseDateTime(
  text: string,
  format: DateTimeFormatId,
  options: DateTimeOptions = {},
): number {
  return createDateTimeParser(format, options)(text);
}

/** Headers that make an integer or 8-digit column a time axis. */
const TIME_HEADER_RE =
  /(^|[^a-z])(epoch|unix|timestamp|time|datetime|date|fecha|hora|tiempo|marca ?temporal|ts)([^a-z]|$)/i;

export function looksLikeTimeHeader(header: string): boolean {
  const plain = header.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return TIME_HEADER_RE.test(plain) || /^(fecha|hora|time|date)/i.test(plain);
}

export interface DateTimeDetection {
  format: DateTimeFormatId;
  /** Sample values the format parsed. */
  matched: number;
  /** Sample values tried (non-missing). */
  total: number;
  /** d/m/yyyy with no field > 12 in the sample: the day-first / month-first default decided. */
  ambiguousDayMonth: boolean;
  /** Sample values that carried a UTC offset or Z (iso only). */
  withOffset: number;
}

function countMatches(values: readonly string[], parse: DateTimeParser): number {
  let n = 0;
  for (const v of values) if (!Number.isNaN(parse(v))) n++;
  return n;
}

/**
 * Pick the date-time format of a column from non-missing sample values. Returns null unless a
 * format parses at least `threshold` (default 0.9) of them. Digit-only formats are guarded:
 * 8-digit `yyyymmdd` and epoch values need a time-like header, and epoch needs every value to be
 * an integer in the plausible range. For d/m/yyyy, the order that parses more values wins (a
 * first field > 12 means day-first); a tie falls back to `monthFirst` (default day-first).
 */
export function detectDateTimeFormat(
  values: readonly string[],
  header: string,
  options: DateTimeOptions & { threshold?: number } = {},
): DateTimeDetection | null {
  const total = values.length;
  if (total === 0) return null;
  const threshold = options.threshold ?? 0.9;
  const need = Math.ceil(threshold * total - 1e-9);
  const timeHeader = looksLikeTimeHeader(header);
  const result = (
    format: DateTimeFormatId,
    matched: number,
    ambiguousDayMonth = false,
    withOffset = 0,
  ): DateTimeDetection => ({ format, matched, total, ambiguousDayMonth, withOffset });

  const iso = countMatches(values, createDateTimeParser('iso'));
  if (iso >= need) {
    let withOffset = 0;
    for (const v of values) {
      const m = ISO_RE.exec(v);
      if (m?.[8] !== undefined) withOffset++;
    }
    return result('iso', iso, false, withOffset);
  }
  const ymd = countMatches(values, createDateTimeParser('ymd'));
  if (ymd >= need) return result('ymd', ymd);
  {
    const dmy = countMatches(values, createDateTimeParser('dmy'));
    const mdy = countMatches(values, createDateTimeParser('mdy'));
    if (Math.max(dmy, mdy) >= need) {
      if (dmy !== mdy) return dmy > mdy ? result('dmy', dmy) : result('mdy', mdy);
      // Every value reads both ways: ambiguous unless day and month are always equal.
      let differs = false;
      for (const v of values) {
        const m = DMY_RE.exec(v);
        if (m && m[1] !== undefined && Number(m[1]) !== Number(m[3])) {
          differs = true;
          break;
        }
      }
      return result(options.monthFirst ? 'mdy' : 'dmy', dmy, differs);
    }
  }
  {
    const compactParser = createDateTimeParser('compact');
    let compact = 0;
    let eightDigits = 0;
    for (const v of values) {
      if (!Number.isNaN(compactParser(v))) {
        compact++;
        if (v.trim().length === 8) eightDigits++;
      }
    }
    if (compact >= need && (eightDigits === 0 || timeHeader)) return result('compact', compact);
  }
  if (timeHeader) {
    for (const format of ['epoch-s', 'epoch-ms'] as const) {
      const matched = countMatches(values, createDateTimeParser(format));
      if (matched === total) return result(format, matched);
    }
  }
  return null;
}

const ALL_FORMATS: readonly DateTimeFormatId[] = [
  'iso',
  'dmy',
  'mdy',
  'ymd',
  'compact',
  'epoch-s',
  'epoch-ms',
];

/**
 * The format that parses the most values, whatever the share (for a column the user declared a
 * date-time). Ties go to the earlier format in the list, with day-first before month-first unless
 * `monthFirst`. Falls back to `iso` when nothing parses.
 */
export function bestDateTimeFormat(
  values: readonly string[],
  options: DateTimeOptions = {},
): DateTimeFormatId {
  const order = options.monthFirst
    ? ALL_FORMATS.map((f) => (f === 'dmy' ? 'mdy' : f === 'mdy' ? 'dmy' : f))
    : ALL_FORMATS;
  let best: DateTimeFormatId = 'iso';
  let bestCount = 0;
  for (const format of order) {
    const n = countMatches(values, createDateTimeParser(format));
    if (n > bestCount) {
      best = format;
      bestCount = n;
    }
  }
  return best;
}
