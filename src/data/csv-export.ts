/**
 * CSV writing for exports (the operator log here, the explorer's tables later). Pure.
 *
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula
 * (and Excel drops a leading tab or carriage return first), so a note such as
 * `=HYPERLINK("http://…")` typed into the app could run on the analyst's computer. Every text cell
 * that starts with one of those characters, also after leading spaces, gets an apostrophe in front
 * (OWASP's advice): the spreadsheet then shows the text as typed. Numbers passed as numbers are
 * written by this module (digits, sign, separator, exponent), are read back as numbers and are
 * never formulas, so `-1.5` stays a negative number.
 *
 * Quoting follows RFC 4180: a cell holding the delimiter, a quote or a line break is quoted, with
 * quotes doubled.
 */
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Field delimiter. Default ','. Use ';' with a decimal comma (Spanish-locale spreadsheets). */
  delimiter?: ',' | ';' | '\t';
  /** Decimal separator for number cells. Default '.'. */
  decimalSeparator?: '.' | ',';
  /** Prefix a UTF-8 byte-order mark, so Excel reads accents correctly. Default false. */
  bom?: boolean;
  /** Default '\r\n' (RFC 4180). */
  lineEnding?: '\r\n' | '\n';
}

const FORMULA_START = /^[\s]*[=+\-@\t\r]/;

/** Text as a spreadsheet will show it, never as a formula: an apostrophe before a trigger. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function formatNumber(value: number, decimalSeparator: '.' | ','): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  return decimalSeparator === ',' ? text.replace('.', ',') : text;
}

/** One cell, formatted, neutralised and quoted as needed. */
export function csvCell(value: CsvCell, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const decimal = options.decimalSeparator ?? '.';
  if (decimal === ',' && delimiter === ',')
    throw new RangeError('csv: a decimal comma needs a delimiter other than a comma');
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = formatNumber(value, decimal);
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = neutraliseFormula(value);
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: a header row, then one line per row. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: CsvOptions = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const eol = options.lineEnding ?? '\r\n';
  const line = (cells: readonly CsvCell[]) => cells.map((c) => csvCell(c, options)).join(delimiter);
  const body = [line(header), ...rows.map(line)].join(eol) + eol;
  return options.bom ? `\ufeff${body}` : body;
}
