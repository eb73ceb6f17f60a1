/**
 * Descriptive statistics for numeric columns.
 *
 * Conventions shared by every function here:
 * - Inputs are `ArrayLike<number>` (plain arrays or typed arrays), never mutated.
 * - NaN entries are skipped ("NaN-skipping"), like pandas' default `skipna=True`.
 *   ±Infinity is treated as an ordinary value.
 * - When too few values remain for the statistic to exist, the result is NaN
 *   rather than an exception, so a column summary never aborts a whole report.
 */

/** Finite-or-infinite (i.e. non-NaN) values of `values`, copied: [k ≤ values.length]. */
function nonNaN(values: ArrayLike<number>): Float64Array<ArrayBuffer> {
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) k++;
  const out = new Float64Array(k);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) out[j++] = v;
  }
  return out;
}

/** Arithmetic mean of the non-NaN values; NaN when there are none. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

/**
 * Sample variance (divisor n − 1, like pandas / numpy `ddof=1`) of the non-NaN values.
 * Two-pass (mean first) for numerical stability. NaN when fewer than 2 values.
 */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  if (Number.isNaN(m)) return NaN;
  let ss = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) {
      const d = v - m;
      ss += d * d;
      n++;
    }
  }
  return n < 2 ? NaN : ss / (n - 1);
}

/** Sample standard deviation (n − 1); NaN when fewer than 2 values. */
export function std(values: ArrayLike<number>): number {
  return Math.sqrt(variance(values));
}

/** True when `v` is already sorted ascending (lets `quantile` skip the sort). */
function isSortedAscending(v: Float64Array): boolean {
  for (let i = 1; i < v.length; i++) if ((v[i - 1] as number) > (v[i] as number)) return false;
  return true;
}

/**
 * q-quantile of the non-NaN values with numpy's default "linear" method:
 * position h = (n − 1)·q on the sorted values, linearly interpolated between
 * the neighbouring order statistics. Accepts sorted or unsorted input (it
 * checks and sorts a copy only when needed). NaN when no values remain.
 * Throws RangeError when q is outside [0, 1].
 */
export function quantile(sortedOrUnsorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  const v = nonNaN(sortedOrUnsorted);
  const n = v.length;
  if (n === 0) return NaN;
  if (!isSortedAscending(v)) v.sort();
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = v[lo] as number;
  const b = v[hi] as number;
  const frac = h - lo;
  // numpy's lerp form; when a === b (also ±Infinity runs) return a to avoid Inf − Inf.
  return a === b || frac === 0 ? a : a + (b - a) * frac;
}

/** Median (numpy linear quantile at 0.5) of the non-NaN values. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/**
 * Sample skewness, adjusted Fisher–Pearson G1 (what pandas `Series.skew()` returns):
 *   g1 = m3 / m2^1.5 with biased central moments m_k = Σ(x − x̄)^k / n,
 *   G1 = g1 · √(n(n − 1)) / (n − 2).
 * NaN when fewer than 3 non-NaN values; 0 for a constant column (pandas does the same).
 */
export function skewness(values: ArrayLike<number>): number {
  const v = nonNaN(values);
  const n = v.length;
  if (n < 3) return NaN;
  const m = mean(v);
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = (v[i] as number) - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
  }
  m2 /= n;
  m3 /= n;
  // Relative guard: round-off on a constant column leaves m2 ≈ 1e-32·m², not exactly 0.
  if (m2 <= 1e-28 * m * m) return 0;
  const g1 = m3 / Math.pow(m2, 1.5);
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** Minimum and maximum of the non-NaN values; both NaN when there are none. */
export function minMax(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    n++;
  }
  return n === 0 ? { min: NaN, max: NaN } : { min, max };
}

/**
 * Average ranks (1-based), ties share the mean of the ranks they span — pandas
 * `rank(method='average')` / scipy `rankdata`. NaN entries keep NaN rank and do
 * not occupy a rank. Output: [values.length].
 */
export function rank(values: ArrayLike<number>): Float64Array<ArrayBuffer> {
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i] as number)) idx.push(i);
  idx.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  let start = 0;
  while (start < idx.length) {
    let end = start + 1;
    const v = values[idx[start] as number] as number;
    while (end < idx.length && values[idx[end] as number] === v) end++;
    // Positions start..end-1 (0-based) hold ranks start+1..end; their mean:
    const r = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) out[idx[k] as number] = r;
    start = end;
  }
  return out;
}

/** Pairs where both x and y are non-NaN ("pairwise complete"): two columns [k]. */
function completePairs(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { xs: Float64Array<ArrayBuffer>; ys: Float64Array<ArrayBuffer> } {
  if (x.length !== y.length) {
    throw new RangeError(`length mismatch: x has ${x.length}, y has ${y.length}`);
  }
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isNaN(x[i] as number) && !Number.isNaN(y[i] as number)) k++;
  }
  const xs = new Float64Array(k);
  const ys = new Float64Array(k);
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (!Number.isNaN(a) && !Number.isNaN(b)) {
      xs[j] = a;
      ys[j] = b;
      j++;
    }
  }
  return { xs, ys };
}

/** Pearson r on columns already free of NaN; NaN below 3 pairs or with zero variance. */
function pearsonComplete(xs: Float64Array, ys: Float64Array): number {
  const n = xs.length;
  if (n < 3) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  // Round-off can push |r| a hair past 1; clamp so callers can rely on the bound.
  return Math.max(-1, Math.min(1, r));
}

/**
 * Pearson correlation over pairwise-complete rows (rows where x or y is NaN are
 * dropped). NaN when fewer than 3 complete pairs or either side has zero variance.
 * Throws RangeError on length mismatch.
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const { xs, ys } = completePairs(x, y);
  return pearsonComplete(xs, ys);
}

/**
 * Spearman rank correlation: Pearson on average ranks (ties get the mean rank),
 * computed over pairwise-complete rows. Same NaN rules as `pearson`.
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const { xs, ys } = completePairs(x, y);
  return pearsonComplete(rank(xs), rank(ys));
}
