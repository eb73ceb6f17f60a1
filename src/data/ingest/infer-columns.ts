/**
 * Column typing and header cleanup.
 *
 * A column is `number` when at least `threshold` (default 90 %) of its non-missing cells parse as
 * numbers, `datetime` when a date-time format parses that share (digit-only date formats are
 * guarded, see parse-datetime.ts), else `category`. Typing looks at a sample first; the parser then
 * checks the rule on the whole column and types it again from all its cells when it fails.
 *
 * Non-finite number text (`Infinity`, `-inf`, `1e309`, which overflows) counts as a number when
 * typing, so a column of them is still numeric rather than a category; its cells are then NaN and
 * counted as unreadable (`rejected`), and the parser notes them (`non-finite-numbers`). They are
 * never kept as ±Infinity: every later statistic assumes finite values. (`NaN` is a missing token.)
 *
 * Headers and cells are data, never markup: nothing here escapes or interprets them (`<script>`,
 * `=HYPERLINK(…)` stay literal text), and the UI renders them as text.
 */
import type { Column, ColumnKind } from '../data-table';
import type { MissingMatcher } from './missing-tokens';
import type { NumberFormat } from './parse-number';
import { formatCodes, isNonFiniteNumberText, parseNumberRange } from './parse-number';
import type { DateTimeDetection, DateTimeFormatId, DateTimeOptions } from './parse-datetime';
import { createDateTimeParser, detectDateTimeFormat } from './parse-datetime';
import { exampleOf } from './ingest-report';

/** Longest header kept; longer ones are cut (a runaway quoted header should not flood the UI). */
export const MAX_HEADER_LENGTH = 256;

export interface CleanHeaders {
  names: string[];
  renamed: ('empty' | 'duplicate' | null)[];
  truncated: number[];
}

/**
 * Trim headers and collapse inner whitespace (including newlines of quoted headers); name empty
 * ones `column_<n>` (1-based position) and suffix repeats `_2`, `_3`, … so every name is unique.
 */
export function cleanHeaders(raw: readonly string[]): CleanHeaders {
  const base = raw.map((h) => h.replace(/\s+/g, ' ').trim());
  const truncated: number[] = [];
  const names: string[] = new Array<string>(raw.length);
  const renamed: ('empty' | 'duplicate' | null)[] = new Array<'empty' | 'duplicate' | null>(
    raw.length,
  ).fill(null);
  const used = new Set<string>();
  // Reserve the non-empty headers first so a generated name never steals a real one.
  const taken = new Set(base.filter((h) => h !== ''));
  base.forEach((h, i) => {
    let name = h;
    if (name.length > MAX_HEADER_LENGTH) {
      name = name.slice(0, MAX_HEADER_LENGTH);
      truncated.push(i);
    }
    if (name === '') {
      name = `column_${i + 1}`;
      renamed[i] = 'empty';
      for (let k = 2; used.has(name) || taken.has(name); k++) name = `column_${i + 1}_${k}`;
    } else if (used.has(name)) {
      const stem = name;
      for (let k = 2; used.has(name) || taken.has(name); k++) name = `${stem}_${k}`;
      renamed[i] = 'duplicate';
    }
    used.add(name);
    names[i] = name;
  });
  return { names, renamed, truncated };
}

/** Names for a file without a header row: column_1, column_2, … */
export function generatedHeaders(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `column_${i + 1}`);
}

/** Unit in trailing parentheses or brackets: `Turbiedad (UNT)` → `UNT`, `Caudal [L/s]` → `L/s`. */
export function extractUnit(header: string): string | undefined {
  const m = /[([]\s*([^()[\]]{1,24}?)\s*[)\]]\s*$/.exec(header);
  return m?.[1] === undefined || m[1] === '' ? undefined : m[1];
}

export interface InferContext {
  numberFormat: NumberFormat;
  isMissing: MissingMatcher;
  datetime: DateTimeOptions;
  /** Share of non-missing cells that must parse (default 0.9). */
  threshold?: number;
}

export type InferredType =
  /** `format`: set when the column needs another number format than the file's. */
  | { kind: 'number'; format?: NumberFormat }
  | { kind: 'datetime'; detection: DateTimeDetection }
  /** `undecided`: every sampled cell was missing, so the whole column decides later. */
  | { kind: 'category'; undecided: boolean };

/** Type a column from (a sample of) its raw cells. */
export function inferColumnType(
  cells: readonly (string | null)[],
  header: string,
  ctx: InferContext,
): InferredType {
  const threshold = ctx.threshold ?? 0.9;
  const present: string[] = [];
  for (const c of cells) if (c !== null && !ctx.isMissing(c)) present.push(c);
  if (present.length === 0) return { kind: 'category', undecided: true };
  const need = Math.ceil(threshold * present.length - 1e-9);

  const numbers = countNumbers(present, ctx.numberFormat);

  const detection = detectDateTimeFormat(present, header, { ...ctx.datetime, threshold });
  if (detection !== null) {
    const digitOnly =
      detection.format === 'compact' ||
      detection.format === 'epoch-s' ||
      detection.format === 'epoch-ms';
    // Text formats always win (they never read as numbers); digit-only ones were guarded.
    if (!digitOnly || numbers >= need) return { kind: 'datetime', detection };
  }
  if (numbers >= need) return { kind: 'number' };
  // Exports mix styles (quoted "6,17" coordinates next to 0.2 values): try the other formats.
  for (const format of alternativeNumberFormats(ctx.numberFormat))
    if (countNumbers(present, format) >= need) return { kind: 'number', format };
  return { kind: 'category', undecided: false };
}

/**
 * The number type for a column forced to be numeric: the file's format, or the alternative that
 * parses clearly more of its (non-missing) cells.
 */
export function forcedNumberType(
  cells: readonly string[],
  ctx: InferContext,
): Extract<InferredType, { kind: 'number' }> {
  const present = cells.filter((c) => !ctx.isMissing(c));
  let best = countNumbers(present, ctx.numberFormat);
  let format: NumberFormat | undefined;
  for (const alt of alternativeNumberFormats(ctx.numberFormat)) {
    const n = countNumbers(present, alt);
    if (n > best) {
      best = n;
      format = alt;
    }
  }
  return format === undefined ? { kind: 'number' } : { kind: 'number', format };
}

/** Cells that read as numbers in `format`, non-finite ones (`Infinity`, `1e309`) included. */
function countNumbers(cells: readonly string[], format: NumberFormat): number {
  const codes = formatCodes(format);
  let n = 0;
  for (const c of cells)
    if (
      !Number.isNaN(parseNumberRange(c, 0, c.length, codes.decimal, codes.thousands)) ||
      isNonFiniteNumberText(c, 0, c.length, codes.decimal, codes.thousands)
    )
      n++;
  return n;
}

/**
 * Formats a column may use when the file's does not fit it, in order of preference: the same
 * decimal with a thousands separator, then the other decimal without one.
 */
export function alternativeNumberFormats(file: NumberFormat): NumberFormat[] {
  const candidates: NumberFormat[] =
    file.decimal === '.'
      ? [
          { decimal: '.', thousands: ',' },
          { decimal: ',', thousands: null },
        ]
      : [
          { decimal: ',', thousands: '.' },
          { decimal: '.', thousands: null },
        ];
  return candidates.filter((f) => f.decimal !== file.decimal || f.thousands !== file.thousands);
}

export interface BuiltColumn {
  column: Column;
  missing: number;
  rejected: number;
  /** Of `rejected`, the non-finite number cells (`Infinity`, `1e309`); number columns only. */
  nonFinite: number;
  rejectedExample?: string;
}

/**
 * Build a column of the given kind from raw cells (null = missing). Used for columns typed from
 * their full contents and by tests; the streaming parser writes typed arrays directly.
 */
export function buildColumn(
  name: string,
  cells: readonly (string | null)[],
  type: InferredType | { kind: 'datetime'; format: DateTimeFormatId },
  ctx: InferContext,
): BuiltColumn {
  const n = cells.length;
  let missing = 0;
  let rejected = 0;
  let nonFinite = 0;
  let rejectedExample: string | undefined;
  let isNonFinite: (cell: string) => boolean = () => false;
  const reject = (cell: string): void => {
    rejected++;
    rejectedExample ??= exampleOf(cell);
    if (isNonFinite(cell)) nonFinite++;
  };
  if (type.kind === 'category') {
    const values: (string | null)[] = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const c = cells[i] ?? null;
      if (c === null || ctx.isMissing(c)) {
        values[i] = null;
        missing++;
      } else values[i] = c.trim();
    }
    return { column: { name, kind: 'category', values }, missing, rejected, nonFinite };
  }
  const values = new Float64Array(n);
  let parse: (cell: string) => number;
  if (type.kind === 'number') {
    const codes = formatCodes(('format' in type ? type.format : undefined) ?? ctx.numberFormat);
    parse = (c) => parseNumberRange(c, 0, c.length, codes.decimal, codes.thousands);
    isNonFinite = (c) => isNonFiniteNumberText(c, 0, c.length, codes.decimal, codes.thousands);
  } else {
    const format = 'detection' in type ? type.detection.format : type.format;
    parse = createDateTimeParser(format, ctx.datetime);
  }
  for (let i = 0; i < n; i++) {
    const c = cells[i] ?? null;
    // Missing first: a token such as -999 would otherwise parse as a number.
    if (c === null || ctx.isMissing(c)) {
      values[i] = Number.NaN;
      missing++;
      continue;
    }
    const v = parse(c);
    values[i] = v;
    if (Number.isNaN(v)) reject(c);
  }
  if (type.kind === 'number') {
    const unit = extractUnit(name);
    const column: Column =
      unit === undefined
        ? { name, kind: 'number', values }
        : { name, kind: 'number', values, unit };
    return { column, missing, rejected, nonFinite, rejectedExample };
  }
  return {
    column: { name, kind: 'datetime', values },
    missing,
    rejected,
    nonFinite,
    rejectedExample,
  };
}

/** Whether a column kind survives `threshold` on its final counts. */
export function passesThreshold(
  rows: number,
  missing: number,
  rejected: number,
  threshold = 0.9,
): boolean {
  const present = rows - missing;
  return present === 0 || present - rejected >= Math.ceil(threshold * present - 1e-9);
}

/** The kind an override asks for, or undefined for automatic typing. */
export function overrideKind(
  overrides: Readonly<Record<string, ColumnKind | 'auto'>> | undefined,
  name: string,
): ColumnKind | undefined {
  // Own properties only: a column may well be called `constructor` or `__proto__`.
  if (overrides === undefined || !Object.hasOwn(overrides, name)) return undefined;
  const o = overrides[name];
  return o === 'number' || o === 'datetime' || o === 'category' ? o : undefined;
}
