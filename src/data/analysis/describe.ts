/**
 * Descriptive tables, histograms and box-plot statistics for numeric columns. NaN = missing and
 * is skipped (counted in `missing`); quantiles are numpy's default 'linear' method (the domain
 * `quantile` formula, read off one sorted copy per column) and skewness is pandas' adjusted G1
 * (domain `skewness`).
 */
import { mean, skewness, std } from '../../domain/math/descriptive';
import { quantileSorted } from './series';
import type { DataTable } from '../data-table';
import { numericColumns } from '../data-table';

export interface ValueSummary {
  count: number;
  missing: number;
  /** missing / (count + missing) × 100; NaN for an empty column. */
  missingPct: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  min: number;
  p5: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
  max: number;
  skewness: number;
}

export interface ColumnSummary extends ValueSummary {
  column: string;
  unit?: string;
}

/** The non-NaN values, sorted ascending (one sort, shared by every quantile). */
function sortedValid(values: ArrayLike<number>): Float64Array<ArrayBuffer> {
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) k++;
  const out = new Float64Array(k);
  for (let i = 0, j = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) out[j++] = v;
  }
  return out.sort();
}

/** Summary of one series (every statistic NaN when it has no values). */
export function describeValues(values: ArrayLike<number>): ValueSummary {
  const sorted = sortedValid(values);
  const count = sorted.length;
  const missing = values.length - count;
  const q = (p: number) => quantileSorted(sorted, p);
  return {
    count,
    missing,
    missingPct: values.length === 0 ? NaN : (100 * missing) / values.length,
    mean: mean(sorted),
    sd: std(sorted),
    min: count === 0 ? NaN : (sorted[0] as number),
    p5: q(0.05),
    p25: q(0.25),
    median: q(0.5),
    p75: q(0.75),
    p95: q(0.95),
    max: count === 0 ? NaN : (sorted[count - 1] as number),
    skewness: skewness(sorted),
  };
}

/** One summary row per numeric column, in table order. */
export function describeTable(table: DataTable): ColumnSummary[] {
  return numericColumns(table).map((c) => ({
    column: c.name,
    ...(c.unit === undefined ? {} : { unit: c.unit }),
    ...describeValues(c.values),
  }));
}

export interface Histogram {
  /** bins + 1 ascending edges; bin i is [edges[i], edges[i+1]), the last bin includes its right edge. */
  edges: Float64Array<ArrayBuffer>;
  counts: Uint32Array<ArrayBuffer>;
  binWidth: number;
  /** How the bin count was chosen. */
  rule: 'freedman-diaconis' | 'sturges' | 'given' | 'single';
  /** Finite values counted (NaN and ±Infinity are left out). */
  n: number;
}

export interface HistogramOptions {
  /** Upper limit on the automatic bin count (default 100). */
  maxBins?: number;
}

/**
 * Equal-width histogram of the finite values over [min, max]. `bins` fixes the count; by default
 * the Freedman–Diaconis width 2·IQR·n^(−1/3) chooses it (Sturges' ⌈log2 n⌉ + 1 when the IQR is
 * 0), capped at `maxBins`. A constant series gives one bin [v − 0.5, v + 0.5] (numpy's choice);
 * no finite values give no bins.
 */
export function histogram(
  values: ArrayLike<number>,
  bins?: number,
  options: HistogramOptions = {},
): Histogram {
  const finite = Float64Array.from(values)
    .filter((v) => Number.isFinite(v))
    .sort();
  const n = finite.length;
  if (bins !== undefined && !(Number.isInteger(bins) && bins >= 1 && bins <= 100_000)) {
    throw new RangeError(`histogram: bins must be an integer in [1, 100000], got ${bins}`);
  }
  if (n === 0) {
    return {
      edges: new Float64Array(0),
      counts: new Uint32Array(0),
      binWidth: NaN,
      rule: 'single',
      n,
    };
  }
  const min = finite[0] as number;
  const max = finite[n - 1] as number;
  if (min === max) {
    const counts = new Uint32Array([n]);
    return {
      edges: new Float64Array([min - 0.5, max + 0.5]),
      counts,
      binWidth: 1,
      rule: 'single',
      n,
    };
  }
  let k: number;
  let rule: Histogram['rule'];
  if (bins !== undefined) {
    k = bins;
    rule = 'given';
  } else {
    const iqr = quantileSorted(finite, 0.75) - quantileSorted(finite, 0.25);
    const h = (2 * iqr) / Math.cbrt(n);
    if (h > 0) {
      k = Math.ceil((max - min) / h);
      rule = 'freedman-diaconis';
    } else {
      k = Math.ceil(Math.log2(n)) + 1;
      rule = 'sturges';
    }
    k = Math.max(1, Math.min(k, options.maxBins ?? 100));
  }
  const width = (max - min) / k;
  const edges = new Float64Array(k + 1);
  for (let i = 0; i <= k; i++) edges[i] = min + i * width;
  edges[k] = max; // exact right edge despite round-off
  const counts = new Uint32Array(k);
  for (let j = 0; j < n; j++) {
    const v = finite[j] as number;
    let b = Math.floor((v - min) / width);
    if (b >= k) b = k - 1;
    // Round-off can put a value on an edge into the neighbouring bin; settle it by the edges.
    while (b > 0 && v < (edges[b] as number)) b--;
    while (b < k - 1 && v >= (edges[b + 1] as number)) b++;
    counts[b] = (counts[b] as number) + 1;
  }
  return { edges, counts, binWidth: width, rule, n };
}

export interface BoxPlotStats {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  iqr: number;
  /** Tukey fences q1 − k·IQR and q3 + k·IQR (k = 1.5 by default). */
  lowerFence: number;
  upperFence: number;
  /**
   * Whisker ends: the most extreme values still inside the fences, but never inside the box
   * (when no value lies between q3 and the upper fence the whisker stops at q3; likewise low),
   * as matplotlib draws them.
   */
  whiskerLow: number;
  whiskerHigh: number;
  outliersLow: number;
  outliersHigh: number;
  outlierCount: number;
}

/** Box-plot numbers of the non-NaN values (all NaN and zero counts when there are none). */
export function boxPlotStats(values: ArrayLike<number>, k = 1.5): BoxPlotStats {
  const sorted = sortedValid(values);
  const n = sorted.length;
  const q1 = quantileSorted(sorted, 0.25);
  const med = quantileSorted(sorted, 0.5);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const lowerFence = q1 - k * iqr;
  const upperFence = q3 + k * iqr;
  let lo = 0;
  while (lo < n && (sorted[lo] as number) < lowerFence) lo++;
  let hi = n - 1;
  while (hi >= 0 && (sorted[hi] as number) > upperFence) hi--;
  const outliersLow = lo;
  const outliersHigh = n - 1 - hi;
  return {
    n,
    min: n === 0 ? NaN : (sorted[0] as number),
    q1,
    median: med,
    q3,
    max: n === 0 ? NaN : (sorted[n - 1] as number),
    iqr,
    lowerFence,
    upperFence,
    whiskerLow: n === 0 ? NaN : Math.min(sorted[lo] as number, q1),
    whiskerHigh: n === 0 ? NaN : Math.max(sorted[hi] as number, q3),
    outliersLow: n === 0 ? 0 : outliersLow,
    outliersHigh: n === 0 ? 0 : outliersHigh,
    outlierCount: n === 0 ? 0 : outliersLow + outliersHigh,
  };
}
