/**
 * Regression losses for gradient boosting.
 *
 * Both losses use a unit hessian: exact for squared loss, and LightGBM's choice for Huber
 * (the true Huber hessian is 0 in the linear region, which would make leaf values blow up).
 * Gradients are d loss / d prediction in units of y.
 */
export type RegressionLoss = 'squared' | 'huber';

/** Fills grad[i] = dL/dpred and hess[i] = 1 for rows 0..n-1. */
export function computeGradients(
  loss: RegressionLoss,
  huberDelta: number,
  pred: Float64Array,
  y: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
): void {
  const n = pred.length;
  if (loss === 'squared') {
    for (let i = 0; i < n; i++) grad[i] = pred[i]! - y[i]!;
  } else {
    const d = huberDelta;
    for (let i = 0; i < n; i++) {
      const r = pred[i]! - y[i]!;
      grad[i] = r > d ? d : r < -d ? -d : r;
    }
  }
  hess.fill(1, 0, n);
}

/**
 * Mean loss over rows: squared → mean squared error (y units²);
 * huber → mean of r²/2 (|r| <= delta) or delta·(|r| − delta/2).
 */
export function meanLoss(
  loss: RegressionLoss,
  huberDelta: number,
  pred: Float64Array,
  y: Float64Array,
): number {
  const n = pred.length;
  if (n === 0) return NaN;
  let acc = 0;
  if (loss === 'squared') {
    for (let i = 0; i < n; i++) {
      const r = pred[i]! - y[i]!;
      acc += r * r;
    }
  } else {
    const d = huberDelta;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(pred[i]! - y[i]!);
      acc += a <= d ? 0.5 * a * a : d * (a - 0.5 * d);
    }
  }
  return acc / n;
}
