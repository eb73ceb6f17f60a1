/**
 * Number formatting for the operator: the language's separators (Spanish as written in Colombia:
 * 12,5 and 1.234,5), a fixed number of decimals for doses, fewer decimals for larger values.
 */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, min: number, max: number): Intl.NumberFormat {
  const key = `${language}:${min}:${max}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(language === 'es' ? 'es-CO' : 'en-US', {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    });
    formats.set(key, f);
  }
  return f;
}

/** Exactly `digits` decimals. */
export function formatFixed(value: number, language: string, digits: number): string {
  return Number.isFinite(value) ? numberFormat(language, digits, digits).format(value) : '–';
}

/** A dose, mg/L: one decimal. */
export function formatDose(value: number, language: string): string {
  return formatFixed(value, language, 1);
}

/** A reading or range bound: decimals shrink as the value grows (0,68 · 7,61 · 12,5 · 1.056). */
export function formatReading(value: number, language: string): string {
  if (!Number.isFinite(value)) return '–';
  const a = Math.abs(value);
  const max = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return numberFormat(language, 0, max).format(value);
}

/** Percent, no decimals. */
export function formatPercent(fraction: number, language: string): string {
  return Number.isFinite(fraction) ? `${formatFixed(fraction * 100, language, 0)} %` : '–';
}

/** A date as text in the language (e.g. "4 de diciembre de 2026"). */
export function formatDate(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'es' ? 'es-CO' : 'en-GB', {
    dateStyle: 'long',
  }).format(d);
}
