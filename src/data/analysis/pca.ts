/**
 * Principal component analysis of standardised numeric columns, for the explorer's scree plot
 * and biplot.
 *
 * - Rows: only complete rows (every used column has a finite value) enter; `rowsUsed` reports
 *   how many, out of `rowsTotal`. (A pairwise-complete correlation matrix could be indefinite.)
 * - Columns: each is standardised with the mean and sample sd (n − 1) of the complete rows, so
 *   the analysed matrix is their correlation matrix, eigenvalues sum to the number of columns,
 *   and units do not matter. Columns with no values at all are dropped before choosing rows;
 *   columns that are constant on the complete rows are dropped after (both listed in `dropped`).
 * - Loadings are the unit eigenvectors (orthonormal), column k for component k; the correlation
 *   of column i with component k is loadings[i·p + k]·√eigenvalue[k]. Signs follow
 *   `symmetricEigen` (largest-magnitude entry positive), so results are reproducible.
 * - Scores (standardised rows projected on the loadings) are returned for an evenly spaced
 *   subsample of at most `maxScores` complete rows, enough for a biplot.
 */
import { covarianceMatrix, symmetricEigen } from '../../domain/math/linear-algebra';
import type { NamedSeries } from './series';

export interface PcaOptions {
  /** Most rows to score for the biplot (default 2,000; evenly spaced over the complete rows). */
  maxScores?: number;
  /** Components to score (default min(p, 3)). */
  scoreComponents?: number;
}

export interface PcaResult {
  /** Columns analysed, in input order. */
  names: string[];
  dropped: { name: string; reason: 'no-data' | 'constant' }[];
  rowsUsed: number;
  rowsTotal: number;
  means: Float64Array<ArrayBuffer>;
  sds: Float64Array<ArrayBuffer>;
  /** Descending; sum = p (the number of analysed columns). */
  eigenvalues: Float64Array<ArrayBuffer>;
  /** eigenvalue / Σ eigenvalues (Σ = p up to round-off); sums to 1. */
  explainedRatio: Float64Array<ArrayBuffer>;
  cumulativeRatio: Float64Array<ArrayBuffer>;
  /** p × p row-major; column k (loadings[i·p + k]) is component k's unit vector. */
  loadings: Float64Array<ArrayBuffer>;
  /** scoreRows.length × scoreComponents row-major. */
  scores: Float64Array<ArrayBuffer>;
  scoreComponents: number;
  /** Input row index of each scored row. */
  scoreRows: Int32Array<ArrayBuffer>;
}

const CHUNK_ROWS = 65_536;

export function pca(series: readonly NamedSeries[], options: PcaOptions = {}): PcaResult {
  const rowsTotal = series[0]?.values.length ?? 0;
  for (const s of series) {
    if (s.values.length !== rowsTotal) {
      throw new RangeError(`pca: "${s.name}" has ${s.values.length} rows, not ${rowsTotal}`);
    }
  }
  const dropped: PcaResult['dropped'] = [];
  let cols = series.filter((s) => {
    for (let i = 0; i < s.values.length; i++)
      if (Number.isFinite(s.values[i] as number)) return true;
    dropped.push({ name: s.name, reason: 'no-data' });
    return false;
  });

  // Complete rows over the columns that have data.
  const complete: number[] = [];
  for (let i = 0; i < rowsTotal; i++) {
    let ok = true;
    for (const c of cols) {
      if (!Number.isFinite(c.values[i] as number)) {
        ok = false;
        break;
      }
    }
    if (ok) complete.push(i);
  }
  const rows = Int32Array.from(complete);
  const n = rows.length;

  // Mean and sample sd on the complete rows; drop constant columns.
  const stats = cols.map((c) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += c.values[rows[k] as number] as number;
    const m = n > 0 ? s / n : NaN;
    let ss = 0;
    for (let k = 0; k < n; k++) {
      const d = (c.values[rows[k] as number] as number) - m;
      ss += d * d;
    }
    return { m, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
  });
  const keep = cols.map((_, j) => {
    const { m, sd } = stats[j] as { m: number; sd: number };
    return sd > 1e-14 * Math.max(1, Math.abs(m));
  });
  cols.forEach((c, j) => {
    if (!keep[j]) dropped.push({ name: c.name, reason: 'constant' });
  });
  const keptStats = stats.filter((_, j) => keep[j]);
  cols = cols.filter((_, j) => keep[j]);
  const p = cols.length;
  const means = Float64Array.from(keptStats.map((s) => s.m));
  const sds = Float64Array.from(keptStats.map((s) => s.sd));

  // Correlation matrix = covariance of the standardised rows, accumulated in chunks so a
  // million rows never need one n × p buffer. Standardised columns have mean 0 (passed to
  // covarianceMatrix as known means); each chunk's scatter Σ z zᵀ is its covariance × (rows − 1).
  const scatter = new Float64Array(p * p);
  const zeros = new Float64Array(p);
  const buf = new Float64Array(Math.min(CHUNK_ROWS, Math.max(n, 1)) * p);
  for (let start = 0; start < n && p > 0; start += CHUNK_ROWS) {
    const m = Math.min(CHUNK_ROWS, n - start);
    for (let k = 0; k < m; k++) {
      const row = rows[start + k] as number;
      for (let j = 0; j < p; j++) {
        const v = (cols[j] as NamedSeries).values[row] as number;
        buf[k * p + j] = (v - (means[j] as number)) / (sds[j] as number);
      }
    }
    const cov = covarianceMatrix(buf.subarray(0, m * p), m, p, zeros);
    const factor = Math.max(m - 1, 1);
    for (let e = 0; e < p * p; e++)
      scatter[e] = (scatter[e] as number) + (cov[e] as number) * factor;
  }
  const corr = new Float64Array(p * p);
  for (let e = 0; e < p * p; e++) corr[e] = n > 1 ? (scatter[e] as number) / (n - 1) : NaN;

  const { values, vectors } =
    p > 0 && n > 1
      ? symmetricEigen(corr, p)
      : { values: new Float64Array(p), vectors: new Float64Array(p * p) };
  // Round-off can leave a tiny negative eigenvalue for collinear columns; it is 0.
  const eigenvalues = values.map((v) => (v < 0 ? 0 : v));
  const total = eigenvalues.reduce((s, v) => s + v, 0);
  const explainedRatio = eigenvalues.map((v) => (total > 0 ? v / total : NaN));
  const cumulativeRatio = new Float64Array(p);
  let acc = 0;
  for (let k = 0; k < p; k++) {
    acc += explainedRatio[k] as number;
    cumulativeRatio[k] = acc;
  }

  const q = Math.max(0, Math.min(options.scoreComponents ?? Math.min(p, 3), p));
  const want = Math.min(n, Math.max(0, options.maxScores ?? 2000));
  const scoreRows = new Int32Array(want);
  const scores = new Float64Array(want * q);
  const z = new Float64Array(p);
  for (let s = 0; s < want; s++) {
    const row = rows[Math.floor((s * n) / want)] as number;
    scoreRows[s] = row;
    for (let j = 0; j < p; j++) {
      z[j] =
        (((cols[j] as NamedSeries).values[row] as number) - (means[j] as number)) /
        (sds[j] as number);
    }
    for (let k = 0; k < q; k++) {
      let acc2 = 0;
      for (let j = 0; j < p; j++) acc2 += (z[j] as number) * (vectors[j * p + k] as number);
      scores[s * q + k] = acc2;
    }
  }

  return {
    names: cols.map((c) => c.name),
    dropped,
    rowsUsed: n,
    rowsTotal,
    means,
    sds,
    eigenvalues,
    explainedRatio,
    cumulativeRatio,
    loadings: vectors,
    scores,
    scoreComponents: q,
    scoreRows,
  };
}
