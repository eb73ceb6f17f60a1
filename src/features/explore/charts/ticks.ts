/**
 * "Nice" axis ticks (1, 2, 2.5, 5 × 10^k steps) covering [min, max], so axes read 0 · 100 · 200
 * instead of recharts' padded "auto" domains (−200 for a series whose minimum is −10).
 */
export function niceTicks(min: number, max: number, target = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    return niceTicks(min - pad, max + pad, target);
  }
  const raw = (max - min) / Math.max(1, target - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const out: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Min and max of the finite values of several arrays. */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++) {
      const v = a[i] as number;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return [lo, hi];
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface TimeTicks {
  ticks: number[];
  /** Label of one tick (wall-clock ms, read as UTC fields). */
  format: (t: number) => string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Ticks on round wall-clock boundaries (hours, days, weeks, months, years) for a time axis, at
 * most `maxTicks` of them, with a label format that suits the step.
 */
export function timeTicks(t0: number, t1: number, maxTicks: number): TimeTicks {
  const span = t1 - t0;
  const max = Math.max(2, maxTicks);
  if (!(span > 0) || !Number.isFinite(span)) return { ticks: [], format: () => '' };
  const fixed = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY];
  for (const step of fixed) {
    if (span / step > max) continue;
    // Weeks start on Monday (1970-01-05 was a Monday).
    const origin = step >= 7 * DAY ? 4 * DAY : 0;
    const first = Math.ceil((t0 - origin) / step) * step + origin;
    const ticks: number[] = [];
    for (let t = first; t <= t1; t += step) ticks.push(t);
    const format =
      step < DAY
        ? (t: number) => {
            const d = new Date(t);
            return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:00`;
          }
        : (t: number) => {
            const d = new Date(t);
            return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
          };
    return { ticks, format };
  }
  for (const months of [1, 2, 3, 6, 12, 24, 60]) {
    if (span / (months * 30.44 * DAY) > max) continue;
    const start = new Date(t0);
    const y = start.getUTCFullYear();
    let m = start.getUTCMonth();
    // First boundary at or after t0, on a multiple of the step within the year.
    m = Math.ceil(m / Math.min(months, 12)) * Math.min(months, 12);
    if (Date.UTC(y, m, 1) < t0) m += Math.min(months, 12);
    const ticks: number[] = [];
    for (let t = Date.UTC(y, m, 1); t <= t1;) {
      if (months < 12 || new Date(t).getUTCFullYear() % (months / 12) === 0) ticks.push(t);
      m += Math.min(months, 12);
      t = Date.UTC(y, m, 1);
    }
    const format =
      months >= 12
        ? (t: number) => String(new Date(t).getUTCFullYear())
        : (t: number) => {
            const d = new Date(t);
            return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
          };
    return { ticks, format };
  }
  return { ticks: [t0, t1], format: (t) => String(new Date(t).getUTCFullYear()) };
}
