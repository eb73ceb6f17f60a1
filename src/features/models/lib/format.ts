/**
 * Numbers and dates for the Models area, in the UI language's conventions (Spanish as written in
 * Colombia: 1.234,5). Everything returned here is data: render it inside data-no-i18n.
 */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: string, min: number, max: number): Intl.NumberFormat {
  const key = `${lang}:${min}:${max}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'es' ? 'es-CO' : 'en-US', {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    });
    formats.set(key, f);
  }
  return f;
}

/** Exactly `digits` decimals; '–' for a missing or non-finite value. */
export function fixed(value: number | null | undefined, lang: string, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '–'
    : numberFormat(lang, digits, digits).format(value);
}

/** Up to `digits` decimals, fewer as the value grows (0,68 · 12,5 · 1.056). */
export function reading(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const a = Math.abs(value);
  return numberFormat(lang, 0, a >= 100 ? 0 : a >= 10 ? 1 : 2).format(value);
}

/** 0.895 → "89,5 %". */
export function percent(fraction: number | null | undefined, lang: string, digits = 1): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction)
    ? '–'
    : `${fixed(fraction * 100, lang, digits)} %`;
}

export function range(r: readonly [number, number] | undefined, lang: string): string {
  return r ? `${reading(r[0], lang)} – ${reading(r[1], lang)}` : '–';
}

/** An ISO date-time (or epoch ms) as a local date and time, e.g. "4 dic 2026, 15:30". */
export function dateTime(value: string | number, lang: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-CO' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

/** Seconds as "12 s" or "1 min 05 s". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Bytes as "1,2 MB". */
export function megabytes(bytes: number, lang: string): string {
  return `${fixed(bytes / 1e6, lang, 1)} MB`;
}
