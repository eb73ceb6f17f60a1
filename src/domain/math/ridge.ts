/**
 * Ridge regression with an unpenalised intercept.
 *
 * Minimises Σᵢ wᵢ (yᵢ − b − xᵢ·β)² + α‖β‖² (same objective as scikit-learn's
 * `Ridge(alpha, fit_intercept=True)` with `sample_weight`). Centring x and y on
 * their (weighted) means removes the intercept from the penalised problem, then
 *   β = (Xcᵀ W Xc + α I)⁻¹ Xcᵀ W yc,   b = ȳ − x̄·β,
 * solved by Cholesky. Works on raw or standardised features; α is in the units
 * of the features as given, so standardise first if features differ in scale.
 */
import { choleskySolve } from './linear-algebra';

export interface LinearModel {
  /** Feature coefficients: [p]. */
  coef: Float64Array<ArrayBuffer>;
  intercept: number;
}

/**
 * x: row-major [n, p], y: [n], weights: optional non-negative [n] (default all 1).
 * alpha ≥ 0; with alpha = 0 this is weighted OLS and throws if XᵀWX is singular
 * (constant or collinear columns). Inputs must be finite.
 */
export function fitRidge(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  p: number,
  alpha: number,
  weights?: ArrayLike<number>,
): LinearModel {
  if (x.length !== n * p) throw new RangeError(`fitRidge: x has ${x.length}, expected ${n * p}`);
  if (y.length !== n) throw new RangeError(`fitRidge: y has ${y.length}, expected ${n}`);
  if (!(alpha >= 0)) throw new RangeError(`fitRidge: alpha must be ≥ 0, got ${alpha}`);
  if (weights && weights.length !== n) {
    throw new RangeError(`fitRidge: weights has ${weights.length}, expected ${n}`);
  }

  const w = (i: number): number => (weights ? (weights[i] as number) : 1);
  let wSum = 0;
  for (let i = 0; i < n; i++) {
    const wi = w(i);
    if (!(wi >= 0)) throw new RangeError(`fitRidge: weight ${i} is ${wi}; weights must be ≥ 0`);
    wSum += wi;
  }
  if (!(wSum > 0)) throw new RangeError('fitRidge: need at least one row with positive weight');

  // Weighted means: xMean [p], yMean scalar.
  const xMean = new Float64Array(p);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    const wi = w(i);
    yMean += wi * (y[i] as number);
    for (let j = 0; j < p; j++) xMean[j] = (xMean[j] as number) + wi * (x[i * p + j] as number);
  }
  yMean /= wSum;
  for (let j = 0; j < p; j++) xMean[j] = (xMean[j] as number) / wSum;

  // Normal equations on centred data: gram [p, p] (upper triangle, mirrored), rhs [p].
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const d = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const wi = w(i);
    if (wi === 0) continue;
    for (let j = 0; j < p; j++) d[j] = (x[i * p + j] as number) - (xMean[j] as number);
    const yc = (y[i] as number) - yMean;
    for (let j = 0; j < p; j++) {
      const wdj = wi * (d[j] as number);
      rhs[j] = (rhs[j] as number) + wdj * yc;
      for (let l = j; l < p; l++)
        gram[j * p + l] = (gram[j * p + l] as number) + wdj * (d[l] as number);
    }
  }
  for (let j = 0; j < p; j++) {
    gram[j * p + j] = (gram[j * p + j] as number) + alpha;
    for (let l = j + 1; l < p; l++) gram[l * p + j] = gram[j * p + l] as number;
  }

  const coef = p === 0 ? new Float64Array(0) : choleskySolve(gram, rhs, p);
  let intercept = yMean;
  for (let j = 0; j < p; j++) intercept -= (xMean[j] as number) * (coef[j] as number);
  return { coef, intercept };
}

/**
 * ŷ = intercept + x·coef. x: row-major [n, p] with p = model.coef.length → ŷ: [n].
 * Accepts any `{ coef, intercept }` with array-like coef, e.g. a model read back from JSON.
 */
export function predictLinear(
  model: { coef: ArrayLike<number>; intercept: number },
  x: ArrayLike<number>,
  n: number,
): Float64Array<ArrayBuffer> {
  const p = model.coef.length;
  if (x.length !== n * p)
    throw new RangeError(`predictLinear: x has ${x.length}, expected ${n * p}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = model.intercept;
    for (let j = 0; j < p; j++) s += (model.coef[j] as number) * (x[i * p + j] as number);
    out[i] = s;
  }
  return out;
}
