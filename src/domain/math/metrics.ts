/**
 * Regression metrics for dose models (mg/L of coagulant).
 *
 * Shared conventions:
 * - Inputs are `ArrayLike<number>` of equal length (RangeError otherwise).
 * - A row is skipped when any of its values is NaN (e.g. a missing jar test or
 *   a model that could not predict); metrics use the remaining rows only.
 * - With no usable rows the result is NaN.
 */

function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) {
    throw new RangeError(`${what}: length mismatch (${a.length} vs ${b.length})`);
  }
}

/** Mean absolute error over rows where both values are non-NaN. */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred, 'mae');
  let s = 0;
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] as number;
    const p = yPred[i] as number;
    if (Number.isNaN(t) || Number.isNaN(p)) continue;
    const e = t - p;
    s += Math.abs(e);
    n++;
  }
  return n === 0 ? NaN : s / n;
}

/** Root mean squared error over rows where both values are non-NaN. */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred, 'rmse');
  let s = 0;
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] as number;
    const p = yPred[i] as number;
    if (Number.isNaN(t) || Number.isNaN(p)) continue;
    const e = t - p;
    s += e * e;
    n++;
  }
  return n === 0 ? NaN : Math.sqrt(s / n);
}

/**
 * Coefficient of determination 1 − SSres/SStot over rows where both values are
 * non-NaN (SStot around the mean of those rows' yTrue). Can be negative.
 * When SStot = 0 (constant yTrue) the ratio is undefined; like scikit-learn's
 * default we return 1 if the predictions are also exact (SSres = 0), else 0.
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred, 'r2');
  let n = 0;
  let meanTrue = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] as number;
    if (Number.isNaN(t) || Number.isNaN(yPred[i] as number)) continue;
    meanTrue += t;
    n++;
  }
  if (n === 0) return NaN;
  meanTrue /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] as number;
    const p = yPred[i] as number;
    if (Number.isNaN(t) || Number.isNaN(p)) continue;
    ssRes += (t - p) ** 2;
    ssTot += (t - meanTrue) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/**
 * Mean absolute percentage error, in percent (12.5 means 12.5 %).
 * Besides NaN rows, rows with |yTrue| < epsilon (default 1e-9) are skipped,
 * because the percentage error is undefined or explosive there (zero-dose days).
 * NaN when no row remains.
 */
export function mape(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, epsilon = 1e-9): number {
  checkSameLength(yTrue, yPred, 'mape');
  let s = 0;
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] as number;
    const p = yPred[i] as number;
    if (Number.isNaN(t) || Number.isNaN(p) || Math.abs(t) < epsilon) continue;
    s += Math.abs((t - p) / t);
    n++;
  }
  return n === 0 ? NaN : (100 * s) / n;
}

/**
 * Fraction (0..1) of rows with lo ≤ yTrue ≤ hi (closed interval), over rows
 * where yTrue, lo and hi are all non-NaN. ±Infinity bounds are allowed.
 */
export function intervalCoverage(
  yTrue: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
): number {
  checkSameLength(yTrue, lo, 'intervalCoverage');
  checkSameLength(yTrue, hi, 'intervalCoverage');
  let inside = 0;
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] as number;
    const l = lo[i] as number;
    const h = hi[i] as number;
    if (Number.isNaN(t) || Number.isNaN(l) || Number.isNaN(h)) continue;
    if (t >= l && t <= h) inside++;
    n++;
  }
  return n === 0 ? NaN : inside / n;
}

/** Mean of hi − lo over rows where both bounds are non-NaN (Infinity if any bound is infinite). */
export function meanIntervalWidth(lo: ArrayLike<number>, hi: ArrayLike<number>): number {
  checkSameLength(lo, hi, 'meanIntervalWidth');
  let s = 0;
  let n = 0;
  for (let i = 0; i < lo.length; i++) {
    const w = (hi[i] as number) - (lo[i] as number);
    if (Number.isNaN(w)) continue;
    s += w;
    n++;
  }
  return n === 0 ? NaN : s / n;
}

export interface RegressionReport {
  /** Rows where both yTrue and yPred are non-NaN (the rows behind mae/rmse/r2). */
  n: number;
  mae: number;
  rmse: number;
  r2: number;
  /** Percent; also skips rows with |yTrue| < 1e-9. */
  mape: number;
  /** Present only when lo and hi are given; uses rows where yTrue, lo, hi are non-NaN. */
  coverage?: number;
  /** Present only when lo and hi are given. */
  width?: number;
}

/**
 * All point metrics at once, plus interval coverage and mean width when both
 * bounds are supplied. `n` counts rows used by the point metrics.
 */
export function regressionReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  lo?: ArrayLike<number>,
  hi?: ArrayLike<number>,
): RegressionReport {
  checkSameLength(yTrue, yPred, 'regressionReport');
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isNaN(yTrue[i] as number) && !Number.isNaN(yPred[i] as number)) n++;
  }
  const report: RegressionReport = {
    n,
    mae: mae(yTrue, yPred),
    rmse: rmse(yTrue, yPred),
    r2: r2(yTrue, yPred),
    mape: mape(yTrue, yPred),
  };
  if (lo && hi) {
    report.coverage = intervalCoverage(yTrue, lo, hi);
    report.width = meanIntervalWidth(lo, hi);
  }
  return report;
}
