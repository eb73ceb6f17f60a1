/**
 * Mahalanobis distance for "is this input like the training data?" checks
 * (out-of-distribution flags on incoming water-quality readings).
 *
 * The covariance is shrunk toward its diagonal, Σ_s = (1 − λ)·Σ + λ·diag(Σ),
 * so collinear features (e.g. turbidity in two units) never make it singular.
 * Shrinking toward the diagonal (not toward a multiple of I) keeps the
 * distance invariant to rescaling any feature, so units do not matter.
 * A feature with zero variance gets a tiny variance floor instead of
 * breaking the inverse; the model is plain JSON-friendly arrays.
 */
import { choleskyInverse, covarianceMatrix } from './linear-algebra';
import { quantile } from './descriptive';

export interface MahalanobisModel {
  /** Feature means: [p]. */
  mean: number[];
  /** Inverse of the shrunk covariance: row-major [p, p]. */
  precision: number[];
}

/**
 * x: row-major [n, p]. Rows containing NaN are dropped (complete cases);
 * at least 2 complete rows are required. shrinkage λ in [0, 1], default 0.05.
 */
export function fitMahalanobis(
  x: ArrayLike<number>,
  n: number,
  p: number,
  options: { shrinkage?: number } = {},
): MahalanobisModel {
  const lambda = options.shrinkage ?? 0.05;
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new RangeError(`fitMahalanobis: shrinkage must be in [0, 1], got ${lambda}`);
  }
  if (x.length !== n * p)
    throw new RangeError(`fitMahalanobis: x has ${x.length}, expected ${n * p}`);

  // Complete rows copied into clean: row-major [nc, p].
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let j = 0; j < p && ok; j++) ok = !Number.isNaN(x[i * p + j] as number);
    if (ok) keep.push(i);
  }
  const nc = keep.length;
  if (nc < 2) throw new RangeError(`fitMahalanobis: need ≥ 2 complete rows, got ${nc}`);
  const clean = new Float64Array(nc * p);
  keep.forEach((src, r) => {
    for (let j = 0; j < p; j++) clean[r * p + j] = x[src * p + j] as number;
  });

  const cov = covarianceMatrix(clean, nc, p);
  // Variance floor for constant features: relative to the typical variance (or 1 if all are 0).
  let varSum = 0;
  for (let j = 0; j < p; j++) varSum += cov[j * p + j] as number;
  const floor = 1e-12 * (varSum > 0 ? varSum / p : 1);
  for (let j = 0; j < p; j++) {
    for (let l = 0; l < p; l++) {
      if (j === l) cov[j * p + j] = Math.max(cov[j * p + j] as number, floor);
      else cov[j * p + l] = (1 - lambda) * (cov[j * p + l] as number);
    }
  }
  // λ = 0 with exactly collinear features can still fail here; λ > 0 cannot.
  const precision = choleskyInverse(cov, p);

  const mean = new Array<number>(p).fill(0);
  for (let r = 0; r < nc; r++) {
    for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) + (clean[r * p + j] as number);
  }
  for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) / nc;

  return { mean, precision: Array.from(precision) };
}

/** (row − mean)ᵀ · precision · (row − mean). row: [p]. NaN entries propagate to NaN. */
export function mahalanobisSquared(model: MahalanobisModel, row: ArrayLike<number>): number {
  const p = model.mean.length;
  if (row.length !== p)
    throw new RangeError(`mahalanobisSquared: row has ${row.length}, expected ${p}`);
  const d = new Float64Array(p);
  for (let j = 0; j < p; j++) d[j] = (row[j] as number) - (model.mean[j] as number);
  let s = 0;
  for (let j = 0; j < p; j++) {
    let t = 0;
    for (let l = 0; l < p; l++) t += (model.precision[j * p + l] as number) * (d[l] as number);
    s += (d[j] as number) * t;
  }
  return s;
}

/**
 * q-quantile with numpy's default linear interpolation, NaN-skipping
 * (e.g. the 99th percentile of training distances as an OOD threshold).
 * Same as `quantile` in descriptive.ts; re-exposed here for callers of this module.
 */
export function empiricalQuantile(values: ArrayLike<number>, q: number): number {
  return quantile(values, q);
}
