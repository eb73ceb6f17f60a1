/**
 * Wall-clock date-times for form fields. Records carry date-times as wall-clock milliseconds
 * encoded as if UTC (see input-record.ts): 08:00 at the plant is 08:00 in the record, whatever
 * the tablet's time zone. These helpers convert between that encoding, the tablet's local clock
 * and the `YYYY-MM-DDTHH:mm` value of an `<input type="datetime-local">`.
 */
import { wallClockMs } from './input-record';

/** The local wall-clock reading of `date` (default: now), to the minute, encoded as UTC ms. */
export function wallClockFromDate(date: Date = new Date()): number {
  return Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
  );
}

/** Wall-clock ms as the value of a datetime-local input: `YYYY-MM-DDTHH:mm`. */
export function toDateTimeLocal(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  return new Date(ms).toISOString().slice(0, 16);
}

/** A datetime-local value (or `YYYY-MM-DD HH:mm`) as wall-clock ms; NaN when it is not one. */
export function parseDateTimeLocal(text: string): number {
  return wallClockMs(text);
}

/** Wall-clock ms at the start (00:00) of a `YYYY-MM-DD` date-input value; NaN when invalid. */
export function startOfDay(text: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? wallClockMs(text) : Number.NaN;
}

/** Wall-clock ms at the end (exclusive: next day's 00:00) of a `YYYY-MM-DD` date-input value. */
export function endOfDayExclusive(text: string): number {
  const start = startOfDay(text);
  return Number.isFinite(start) ? start + 86_400_000 : Number.NaN;
}
