/**
 * One row of inputs, keyed by input id. Numbers are in the unit the pack declares; categories
 * are strings; date-times are wall-clock milliseconds encoded as if UTC (so month and hour of day
 * are read with getUTC* and never shift with the tablet's time zone). Missing is null.
 */
export type InputValue = number | string | null;
export type InputRecord = Readonly<Record<string, InputValue>>;

/** Parse 'YYYY-MM-DD HH:mm[:ss]' (or with 'T') as wall-clock ms; NaN when it is not that shape. */
export function wallClockMs(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  );
  const check = new Date(ms);
  // Reject roll-overs such as 2015-02-31 or 10:75 (and Date.UTC's 0..99 → 1900s year mapping).
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h ?? 0) ||
    check.getUTCMinutes() !== Number(mi ?? 0) ||
    check.getUTCSeconds() !== Number(s ?? 0)
  )
    return Number.NaN;
  return ms;
}

/** Format wall-clock ms as 'YYYY-MM-DD HH:mm'. */
export function formatWallClock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
