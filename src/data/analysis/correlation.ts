/**
 * Correlation matrices and a simple linear fit for the scatter view.
 *
 * Every cell uses the rows where both of its columns have a value (pairwise complete), so
 * cells can rest on different rows and different n: the n of each cell is returned for the UI
 * to show. A consequence: a pairwise matrix need not be positive semi-definite (PCA therefore
 * uses complete rows instead, see pca.ts). Spearman ranks are recomputed on each pair's complete
 * rows (ties share the mean rank), as scipy / pandas do; one sort per column is shared by every
 * pair, so a million rows stay fast.
 */
import type { DataTable } from '../data-table';
import { numericColumns } from '../data-table';
import type { NamedSeries } from './series';
import { argsortValid, pearsonWithN, ranksOfSubset } from './series';

export type CorrelationMethod = 'pearson' | 'spearman';

export interface CorrelationMatrix {
  method: CorrelationMethod;
  names: string[];
  /** p × p row-major; r[i·p + j]. Symmetric; the diagonal is 1 (NaN for a constant or near-empty column). */
  r: Float64Array<ArrayBuffer>;
  /** p × p row-major pair counts (the diagonal is the column's count of values). */
  n: Int32Array<ArrayBuffer>;
}

/** Pearson or Spearman matrix of the given series (equal lengths). */
export function correlationMatrix(
  series: readonly NamedSeries[],
  method: CorrelationMethod = 'pearson',
): CorrelationMatrix {
  const p = series.length;
  const rows = series[0]?.values.length ?? 0;
  for (const s of series) {
    if (s.values.length !== rows) {
      throw new RangeError(
        `correlationMatrix: "${s.name}" has ${s.values.length} rows, not ${rows}`,
      );
    }
  }
  const r = new Float64Array(p * p);
  const n = new Int32Array(p * p);
  const spearmanRun = method === 'spearman';
  const orders = spearmanRun ? series.map((s) => argsortValid(s.values)) : [];
  const validCount = series.map((s) => {
    let c = 0;
    for (let k = 0; k < rows; k++) if (!Number.isNaN(s.values[k] as number)) c++;
    return c;
  });
  // Ranks over a column's own values, reused for every pair whose complete rows are exactly the
  // rows where both columns have values anyway (e.g. no missing data at all).
  const fullRanks: (Float64Array | undefined)[] = [];
  const ranksOf = (i: number): Float64Array => {
    let rk = fullRanks[i];
    if (!rk) {
      rk = new Float64Array(rows).fill(NaN);
      ranksOfSubset((series[i] as NamedSeries).values, orders[i] as Int32Array, null, rk);
      fullRanks[i] = rk;
    }
    return rk;
  };
  const rx = spearmanRun ? new Float64Array(rows) : null;
  const ry = spearmanRun ? new Float64Array(rows) : null;
  const mask = spearmanRun ? new Uint8Array(rows) : null;

  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      const x = (series[i] as NamedSeries).values;
      const y = (series[j] as NamedSeries).values;
      let cell: { r: number; n: number };
      if (!spearmanRun || i === j) {
        cell = pearsonWithN(x, y);
      } else {
        const m = mask as Uint8Array;
        let complete = 0;
        for (let k = 0; k < rows; k++) {
          const both = !Number.isNaN(x[k] as number) && !Number.isNaN(y[k] as number);
          m[k] = both ? 1 : 0;
          if (both) complete++;
        }
        if (complete === validCount[i] && complete === validCount[j]) {
          cell = pearsonWithN(ranksOf(i), ranksOf(j));
        } else {
          const a = rx as Float64Array;
          const b = ry as Float64Array;
          a.fill(NaN);
          b.fill(NaN);
          ranksOfSubset(x, orders[i] as Int32Array, m, a);
          ranksOfSubset(y, orders[j] as Int32Array, m, b);
          cell = pearsonWithN(a, b);
        }
      }
      // A column's correlation with itself is 1 whenever it is defined.
      const value = i === j && !Number.isNaN(cell.r) ? 1 : cell.r;
      r[i * p + j] = value;
      r[j * p + i] = value;
      n[i * p + j] = cell.n;
      n[j * p + i] = cell.n;
    }
  }
  return { method, names: series.map((s) => s.name), r, n };
}

/** Matrix over every numeric column of a table. */
export function tableCorrelation(
  table: DataTable,
  method: CorrelationMethod = 'pearson',
): CorrelationMatrix {
  return correlationMatrix(numericColumns(table), method);
}

export interface LinearFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination of the fit (= Pearson r² for a line with intercept). */
  r2: number;
  /** Complete pairs used. */
  n: number;
}

/**
 * Ordinary least squares y ≈ intercept + slope·x over pairwise-complete rows. NaN fit with fewer
 * than 2 pairs or constant x; r² is NaN when y is constant.
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  if (x.length !== y.length) {
    throw new RangeError(`linearFit: x has ${x.length} rows, y has ${y.length}`);
  }
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sx += a;
    sy += b;
    n++;
  }
  if (n < 2) return { slope: NaN, intercept: NaN, r2: NaN, n };
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sxx += (a - mx) * (a - mx);
    sxy += (a - mx) * (b - my);
    syy += (b - my) * (b - my);
  }
  if (!(sxx > 1e-28 * n * mx * mx)) return { slope: NaN, intercept: NaN, r2: NaN, n };
  const slope = sxy / sxx;
  const r2 = syy > 1e-28 * n * my * my ? Math.min(1, (sxy * sxy) / (sxx * syy)) : NaN;
  return { slope, intercept: my - slope * mx, r2, n };
}
