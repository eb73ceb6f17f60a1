/**
 * Seasonal profiles: a series grouped by hour of day, day of week or month, with the mean, the
 * interquartile band (p25–p75, numpy linear quantiles) and the count per group. Times are
 * wall-clock ms (data-table.ts), read as UTC fields, so a profile never shifts with the
 * tablet's time zone. Rows with a NaN time or value are skipped.
 */
import { quantile } from '../../domain/math/descriptive';
import { DAY_MS, HOUR_MS } from './series';

export type SeasonalPeriod = 'hour' | 'weekday' | 'month';

export interface SeasonalProfile {
  period: SeasonalPeriod;
  /**
   * Group keys: hour 0–23; weekday 0–6 with 0 = Monday … 6 = Sunday (ISO order, the Colombian
   * week); month 1–12.
   */
  keys: number[];
  mean: Float64Array<ArrayBuffer>;
  median: Float64Array<ArrayBuffer>;
  p25: Float64Array<ArrayBuffer>;
  p75: Float64Array<ArrayBuffer>;
  count: Int32Array<ArrayBuffer>;
}

const GROUPS: Record<SeasonalPeriod, { size: number; firstKey: number }> = {
  hour: { size: 24, firstKey: 0 },
  weekday: { size: 7, firstKey: 0 },
  month: { size: 12, firstKey: 1 },
};

/** Group (0-based) of wall-clock time t for a period. */
export function seasonalGroup(t: number, period: SeasonalPeriod): number {
  switch (period) {
    case 'hour':
      return Math.floor((((t % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
    case 'weekday':
      // 1970-01-01 (day 0) was a Thursday, which is 3 in Monday-first order.
      return (((Math.floor(t / DAY_MS) + 3) % 7) + 7) % 7;
    case 'month':
      return new Date(t).getUTCMonth();
  }
}

/** Profile of `values` over `time` (same length) by hour of day, weekday or month. */
export function seasonalProfile(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  period: SeasonalPeriod,
): SeasonalProfile {
  if (time.length !== values.length) {
    throw new RangeError(`seasonalProfile: time has ${time.length} rows, values ${values.length}`);
  }
  const { size, firstKey } = GROUPS[period];
  const group = new Int8Array(values.length).fill(-1);
  const count = new Int32Array(size);
  const sum = new Float64Array(size);
  for (let i = 0; i < values.length; i++) {
    const t = time[i] as number;
    const v = values[i] as number;
    if (!Number.isFinite(t) || Number.isNaN(v)) continue;
    const g = seasonalGroup(t, period);
    group[i] = g;
    count[g] = (count[g] as number) + 1;
    sum[g] = (sum[g] as number) + v;
  }
  // Bucket the values by group (counting sort), then one sort per group for its quantiles.
  const offset = new Int32Array(size + 1);
  for (let g = 0; g < size; g++) offset[g + 1] = (offset[g] as number) + (count[g] as number);
  const fill = offset.slice(0, size);
  const bucketed = new Float64Array(offset[size] as number);
  for (let i = 0; i < values.length; i++) {
    const g = group[i] as number;
    if (g < 0) continue;
    bucketed[fill[g] as number] = values[i] as number;
    fill[g] = (fill[g] as number) + 1;
  }
  const mean = new Float64Array(size);
  const median = new Float64Array(size);
  const p25 = new Float64Array(size);
  const p75 = new Float64Array(size);
  for (let g = 0; g < size; g++) {
    const c = count[g] as number;
    const slice = bucketed.subarray(offset[g] as number, offset[g + 1] as number).sort();
    mean[g] = c === 0 ? NaN : (sum[g] as number) / c;
    median[g] = quantile(slice, 0.5);
    p25[g] = quantile(slice, 0.25);
    p75[g] = quantile(slice, 0.75);
  }
  const keys = Array.from({ length: size }, (_, g) => g + firstKey);
  return { period, keys, mean, median, p25, p75, count };
}
