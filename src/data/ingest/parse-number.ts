/**
 * Number cells → doubles, honoring the file's decimal and thousands separators.
 *
 * Grammar (after trimming spaces, tabs, CR and no-break spaces):
 *   [+-] digits [decimal digits] [(e|E) [+-] digits]
 * with at least one digit in the mantissa; `.5` and `5.` are accepted. With a thousands
 * separator, the integer part may be grouped (`1.234.567`), and grouping must be regular: a first
 * group of 1–3 digits, then groups of exactly 3. Anything else — `Infinity`, `NaN`, `0x1F`,
 * `12 %`, `1e309` (overflows) — is not a number and returns NaN. Missing tokens also return NaN;
 * the caller tells the two apart with a MissingMatcher.
 *
 * Speed: the common case (≤ 15 significant digits, decimal exponent within ±22) is computed from
 * the digits directly, which is exact (Clinger's fast path: one correctly rounded multiply or
 * divide of two exactly representable doubles). Longer inputs fall back to `Number()` on a
 * normalized copy, so every result equals what `Number()` gives for the same value written with a
 * dot.
 */
export type DecimalSeparator = '.' | ',';
export type ThousandsSeparator = '.' | ',' | null;

export interface NumberFormat {
  readonly decimal: DecimalSeparator;
  readonly thousands: ThousandsSeparator;
}

export const DOT_DECIMAL: NumberFormat = { decimal: '.', thousands: null };
export const COMMA_DECIMAL: NumberFormat = { decimal: ',', thousands: null };

/** Exact powers of ten (shared with parse-csv.ts's fused reader). */
export const POW10: readonly number[] = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 160;
}

/**
 * Parse `s.slice(start, end)` without allocating. `decimalCode` / `thousandsCode` are char codes
 * (thousandsCode -1 = none). Returns NaN when the text is not a finite number.
 */
export function parseNumberRange(
  s: string,
  start: number,
  end: number,
  decimalCode: number,
  thousandsCode: number,
): number {
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  if (start === end) return Number.NaN;

  let i = start;
  let c = s.charCodeAt(i);
  let negative = false;
  if (c === 45) {
    negative = true;
    i++;
  } else if (c === 43) i++;

  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let scale = 0;
  let exact = true;
  let groupLength = 0;
  let groups = 0;

  // Integer part, with optional thousands grouping.
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      digits++;
      groupLength++;
      if (mantissa !== 0 || d !== 0) {
        if (significant < 15) {
          mantissa = mantissa * 10 + d;
          significant++;
        } else exact = false;
      }
    } else if (c === thousandsCode) {
      if (groups === 0 ? groupLength < 1 || groupLength > 3 : groupLength !== 3) return Number.NaN;
      groups++;
      groupLength = 0;
    } else break;
  }
  if (groups > 0 && groupLength !== 3) return Number.NaN;

  // Fraction.
  if (i < end && c === decimalCode) {
    for (i++; i < end; i++) {
      c = s.charCodeAt(i);
      const d = c - 48;
      if (d < 0 || d > 9) break;
      digits++;
      if (mantissa !== 0 || d !== 0) {
        if (significant < 15) {
          mantissa = mantissa * 10 + d;
          significant++;
          scale--;
        } else exact = false;
      } else scale--;
    }
  }
  if (digits === 0) return Number.NaN;

  // Exponent.
  if (i < end && (c === 101 || c === 69)) {
    i++;
    let expNegative = false;
    if (i < end) {
      c = s.charCodeAt(i);
      if (c === 45) {
        expNegative = true;
        i++;
      } else if (c === 43) i++;
    }
    let exponent = 0;
    let expDigits = 0;
    for (; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      expDigits++;
      if (exponent < 100000) exponent = exponent * 10 + d;
    }
    if (expDigits === 0) return Number.NaN;
    scale += expNegative ? -exponent : exponent;
  }
  if (i !== end) return Number.NaN;

  let value: number;
  if (mantissa === 0) value = 0;
  else if (exact && scale >= 0 && scale <= 22) value = mantissa * POW10[scale]!;
  else if (exact && scale < 0 && scale >= -22) value = mantissa / POW10[-scale]!;
  else {
    // Slow path: let the engine round a normalized copy.
    let text = s.slice(start, end);
    if (thousandsCode >= 0) text = text.split(String.fromCharCode(thousandsCode)).join('');
    if (decimalCode !== 46) text = text.replace(String.fromCharCode(decimalCode), '.');
    value = Math.abs(Number(text));
  }
  if (!Number.isFinite(value)) return Number.NaN;
  return negative ? -value : value;
}

const INFINITY_WORD = /^[-+]?(inf|infinity|infinito|∞)$/i;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * Whether `s.slice(start, end)` is number text that is not a finite double: `Infinity`, `-inf`,
 * `∞`, or a number that overflows (`1e309`, `-2E400`). parseNumberRange returns NaN for these;
 * the column typing counts them as numbers (so a column of them stays numeric) and the parser
 * reports them as unreadable cells (see infer-columns.ts). Only called on cells that failed to
 * parse, so it may allocate.
 */
export function isNonFiniteNumberText(
  s: string,
  start: number,
  end: number,
  decimalCode: number,
  thousandsCode: number,
): boolean {
  let text = s.slice(start, end).trim();
  if (text === '' || text.length > 400) return false;
  if (INFINITY_WORD.test(text)) return true;
  if (thousandsCode >= 0) text = text.split(String.fromCharCode(thousandsCode)).join('');
  if (decimalCode !== 46) {
    if (text.includes('.')) return false;
    text = text.replace(String.fromCharCode(decimalCode), '.');
  }
  return PLAIN_NUMBER.test(text) && !Number.isFinite(Number(text));
}

/** Char codes of a format, for parseNumberRange. */
export function formatCodes(format: NumberFormat): { decimal: number; thousands: number } {
  const decimal = format.decimal.charCodeAt(0);
  const thousands =
    format.thousands === null || format.thousands === format.decimal
      ? -1
      : format.thousands.charCodeAt(0);
  return { decimal, thousands };
}

/** Parse one cell. NaN when missing or not a finite number. */
export function parseNumber(text: string, format: NumberFormat = DOT_DECIMAL): number {
  const codes = formatCodes(format);
  return parseNumberRange(text, 0, text.length, codes.decimal, codes.thousands);
}

/**
 * Write a number the way a spreadsheet in that format would (used by tests and by exports):
 * shortest round-trip digits, the format's decimal separator and, if any, thousands grouping
 * of the integer part. Exponent notation is kept for very large or small magnitudes.
 */
export function formatNumber(value: number, format: NumberFormat = DOT_DECIMAL): string {
  const raw = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?(e[+-]\d+)?$/.exec(raw);
  if (!match) return raw;
  const [, sign = '', int = '', frac, exp = ''] = match;
  let intPart = int;
  if (format.thousands !== null && format.thousands !== format.decimal && exp === '') {
    intPart = int.replace(/\B(?=(\d{3})+(?!\d))/g, format.thousands);
  }
  return `${sign}${intPart}${frac === undefined ? '' : format.decimal + frac}${exp}`;
}
