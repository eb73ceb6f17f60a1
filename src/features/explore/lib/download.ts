import { toCsv, type CsvCell } from '../../../data/csv-export';
import type { Lang } from './format';

/** Save a Blob under a file name (an object URL and a temporary link; nothing leaves the device). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A table as CSV in the spreadsheet convention of the language: Spanish `;` with a decimal comma,
 * English `,` with a decimal point; UTF-8 with a byte-order mark so Excel reads accents. Text
 * cells that would run as formulas are neutralised (src/data/csv-export.ts).
 */
export function downloadCsv(
  fileName: string,
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  lang: Lang,
): void {
  const text = toCsv(header, rows, {
    delimiter: lang === 'es' ? ';' : ',',
    decimalSeparator: lang === 'es' ? ',' : '.',
    bom: true,
  });
  downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
}

/** A safe file-name stem from a dataset or chart name. */
export function fileStem(name: string): string {
  const stem = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem === '' ? 'datos' : stem;
}
