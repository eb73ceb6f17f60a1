/**
 * Descriptive tables, histograms and box-plot statistics for numeric columns. NaN = missing and
 * is skipped (counted in `missing`); quantiles are numpy's default 'linear' method (the domain
 * `quantile` formula, its order statistics found by selection on one copy per column, no sort)
 * and skewness is pandas' adjusted G1 (domain `skewness`).
 */
import { quantileAt, quantileRanks, selectRanks, signedZeroAt } from './series';
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

/**
 * One pass over a column: its values kept (NaN dropped, or every non-finite value when
 * `finiteOnly`) in a fresh Float64Array for selection, with their count, sum, extremes and the
 * signs of zeros (a sort puts −0 before +0; `min`, `max` and the order statistics follow it).
 */
interface Kept {
  a: Float64Array<ArrayBuffer>;
  n: number;
  sum: number;
  min: number;
  max: number;
  /** Values < 0, and −0s: a sorted copy has −0 at ranks [below, below + negZeros). */
  below: number;
  negZeros: number;
  posZeros: number;
}

function keep(values: ArrayLike<number>, finiteOnly: boolean): Kept {
  const a = new Float64Array(values.length);
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let below = 0;
  let negZeros = 0;
  let posZeros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (finiteOnly ? !Number.isFinite(v) : Number.isNaN(v)) continue;
    a[n++] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v < 0) below++;
    else if (v === 0) {
      if (1 / v < 0) negZeros++;
      else posZeros++;
    }
  }
  // −0 and +0 compare equal: pick the one a sort would leave at each end.
  if (min === 0) min = negZeros > 0 ? -0 : 0;
  if (max === 0) max = posZeros > 0 ? 0 : -0;
  return { a: a.subarray(0, n), n, sum, min, max, below, negZeros, posZeros };
}

/** The values' order statistic at `k` after `selectRanks` has placed it (signed zeros fixed). */
function orderStat(kept: Kept, k: number): number {
  return signedZeroAt(kept.a[k] as number, k, kept.below, kept.negZeros);
}

/**
 * Selects the ranks of `qs` in `kept.a` and returns those quantiles: numpy's 'linear' method on
 * the values a sort would give, without the sort.
 */
function quantilesOf(kept: Kept, qs: readonly number[]): number[] {
  selectRanks(kept.a, quantileRanks(kept.n, qs));
  return qs.map((q) => quantileAt(kept.n, q, (k) => orderStat(kept, k)));
}

const DESCRIBE_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/**
 * Summary of one series (every statistic NaN when it has no values). Quantiles come from one
 * selection of their ranks, not a sort (the same values); mean, sd and skewness from the
 * two-pass sums of domain `mean` / `std` / `skewness` (the same formulas, summed in row order
 * rather than sorted order, so they can differ from those in the last bits).
 */
export function describeValues(values: ArrayLike<number>): ValueSummary {
  const kept = keep(values, false);
  const { a, n: count } = kept;
  const missing = values.length - count;
  const m = count === 0 ? NaN : kept.sum / count;
  // Second pass: squared and cubed deviations from the mean (sample sd, adjusted skewness G1).
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < count; i++) {
    const d = (a[i] as number) - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
  }
  let skew = NaN;
  if (count >= 3) {
    const v2 = m2 / count;
    const v3 = m3 / count;
    // Relative guard (as domain `skewness`): a constant column's round-off is not skew.
    skew =
      v2 <= 1e-28 * m * m
        ? 0
        : ((v3 / Math.pow(v2, 1.5)) * Math.sqrt(count * (count - 1))) / (count - 2);
  }
  const [p5, p25, median, p75, p95] = quantilesOf(kept, DESCRIBE_QUANTILES) as number[];
  return {
    count,
    missing,
    missingPct: values.length === 0 ? NaN : (100 * missing) / values.length,
    mean: m,
    sd: count < 2 ? NaN : Math.sqrt(m2 / (count - 1)),
    min: count === 0 ? NaN : kept.min,
    p5: p5 as number,
    p25: p25 as number,
    median: median as number,
    p75: p75 as number,
    p95: p95 as number,
    max: count === 0 ? NaN : kept.max,
    skewness: skew,
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
  const kept = keep(values, true);
  const n = kept.n;
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
  const { min, max } = kept;
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
    const [q1, q3] = quantilesOf(kept, [0.25, 0.75]) as [number, number];
    const iqr = q3 - q1;
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
    const v = kept.a[j] as number;
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
  const kept = keep(values, false);
  const { a, n } = kept;
  const [q1, med, q3] = quantilesOf(kept, [0.25, 0.5, 0.75]) as [number, number, number];
  const iqr = q3 - q1;
  const lowerFence = q1 - k * iqr;
  const upperFence = q3 + k * iqr;
  // One pass for what a sorted copy would give by scanning in from both ends: the values beyond
  // each fence, and the most extreme values within (NaN fences exclude nothing).
  let outliersLow = 0;
  let outliersHigh = 0;
  let inLow = Infinity;
  let inHigh = -Infinity;
  let inCount = 0;
  // Signs of the zeros inside each fence (a sorted copy has −0 before +0).
  let lowNegZero = false;
  let highPosZero = false;
  for (let i = 0; i < n; i++) {
    const v = a[i] as number;
    const low = v < lowerFence;
    const high = v > upperFence;
    if (low) outliersLow++;
    if (high) outliersHigh++;
    if (!low) {
      if (v < inLow) inLow = v;
      if (v === 0 && 1 / v < 0) lowNegZero = true;
    }
    if (!high) {
      if (v > inHigh) inHigh = v;
      if (v === 0 && 1 / v > 0) highPosZero = true;
      inCount++;
    }
  }
  // A fence can leave no value inside (a sorted copy is then read past its end: NaN).
  if (outliersLow === n) inLow = NaN;
  else if (inLow === 0) inLow = lowNegZero ? -0 : 0;
  if (inCount === 0) inHigh = NaN;
  else if (inHigh === 0) inHigh = highPosZero ? 0 : -0;
  return {
    n,
    min: n === 0 ? NaN : kept.min,
    q1,
    median: med,
    q3,
    max: n === 0 ? NaN : kept.max,
    iqr,
    lowerFence,
    upperFence,
    whiskerLow: n === 0 ? NaN : Math.min(inLow, q1),
    whiskerHigh: n === 0 ? NaN : Math.max(inHigh, q3),
    outliersLow: n === 0 ? 0 : outliersLow,
    outliersHigh: n === 0 ? 0 : outliersHigh,
    outlierCount: n === 0 ? 0 : outliersLow + outliersHigh,
  };
}
