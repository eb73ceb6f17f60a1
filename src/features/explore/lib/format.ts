/**
 * Number and time formatting for the explorer: the language's separators (es-CO: 1.234,5; en:
 * 1,234.5), significant-digit rounding for statistics, and wall-clock times written as
 * `YYYY-MM-DD HH:mm` (what an analyst reads in pandas or a spreadsheet, in both languages).
 */
export type Lang = 'es' | 'en';

export function langOf(language: string): Lang {
  return language.startsWith('en') ? 'en' : 'es';
}

const formats = new Map<string, Intl.NumberFormat>();

function nf(lang: Lang, min: number, max: number, grouping = true): Intl.NumberFormat {
  const key = `${lang}:${min}:${max}:${grouping}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'es' ? 'es-CO' : 'en-US', {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
      useGrouping: grouping,
    });
    formats.set(key, f);
  }
  return f;
}

/** Missing values are shown as an en dash, as in the rest of the app. */
export const MISSING = '–';

/** Exactly `digits` decimals. */
export function formatFixed(value: number, lang: Lang, digits: number): string {
  if (Number.isNaN(value)) return MISSING;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return nf(lang, digits, digits).format(value);
}

/** A whole count with grouping (8.374 / 8,374). */
export function formatCount(value: number, lang: Lang): string {
  return Number.isFinite(value) ? nf(lang, 0, 0).format(value) : MISSING;
}

/**
 * A statistic with about `significant` significant digits and no trailing zeros
 * (0,0123 · 1,23 · 12,3 · 1.234); very large or tiny magnitudes in scientific notation.
 */
export function formatValue(value: number, lang: Lang, significant = 3): string {
  if (Number.isNaN(value)) return MISSING;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a >= 1e9 || a < 1e-4) {
    const [m, e] = value.toExponential(significant - 1).split('e');
    const mantissa = lang === 'es' ? (m ?? '').replace('.', ',') : (m ?? '');
    return `${mantissa}e${e ?? ''}`;
  }
  const magnitude = Math.floor(Math.log10(a));
  const decimals = Math.max(0, significant - 1 - magnitude);
  return nf(lang, 0, Math.min(decimals, 10)).format(value);
}

/** A correlation coefficient: always two decimals (0,78 / −0,05). */
export function formatR(value: number, lang: Lang): string {
  return formatFixed(value, lang, 2);
}

/** A share 0–1 as a percentage with `digits` decimals. */
export function formatPercent(fraction: number, lang: Lang, digits = 1): string {
  return Number.isFinite(fraction) ? `${formatFixed(fraction * 100, lang, digits)} %` : MISSING;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Wall-clock ms (encoded as UTC) as `YYYY-MM-DD HH:mm` (`:ss` when not 0). */
export function formatDateTime(ms: number): string {
  if (!Number.isFinite(ms)) return MISSING;
  const d = new Date(ms);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && mi === 0 && s === 0 && ms % 86_400_000 === 0) return base;
  return `${base} ${pad(h)}:${pad(mi)}${s !== 0 ? `:${pad(s)}` : ''}`;
}

/** Always with the time: `YYYY-MM-DD HH:mm`. */
export function formatDateTimeFull(ms: number): string {
  if (!Number.isFinite(ms)) return MISSING;
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}`;
}

/** Short axis tick for a time range: dates for long spans, hours for short ones. */
export function formatTimeTick(ms: number, spanMs: number): string {
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (spanMs > 90 * 86_400_000) return date.slice(0, 7);
  if (spanMs > 3 * 86_400_000) return date.slice(5);
  return `${date.slice(5)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Bytes as kB / MB with the language's decimal separator. */
export function formatBytes(bytes: number, lang: Lang): string {
  if (!Number.isFinite(bytes)) return MISSING;
  if (bytes < 1024) return `${formatCount(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatFixed(bytes / 1024, lang, 1)} kB`;
  return `${formatFixed(bytes / (1024 * 1024), lang, 1)} MB`;
}

/** A step in ms as "10 min", "1 h", "1,1 h", "1 d" (seconds only below a minute). */
export function formatStep(ms: number, lang: Lang): string {
  if (!Number.isFinite(ms)) return MISSING;
  const unit = (size: number, symbol: string) => {
    const v = ms / size;
    return `${Number.isInteger(v) ? formatCount(v, lang) : formatFixed(v, lang, 1)} ${symbol}`;
  };
  if (ms >= 86_400_000) return unit(86_400_000, 'd');
  if (ms >= 3_600_000) return unit(3_600_000, 'h');
  if (ms >= 60_000) return unit(60_000, 'min');
  return unit(1000, 's');
}

/** A column header without its trailing unit: "Turbiedad agua cruda (NTU)" → "Turbiedad agua cruda". */
export function stripUnit(name: string): string {
  const stripped = name.replace(/\s*[([][^()[\]]{1,24}[)\]]\s*$/, '').trim();
  return stripped === '' ? name : stripped;
}
