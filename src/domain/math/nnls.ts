/**
 * Non-negative least squares (Lawson & Hanson 1974, active-set method) and the
 * stacking-weight fit built on it.
 *
 * Stacking members' predictions are strongly correlated, so each passive-set
 * subproblem is solved by Householder QR on the selected columns rather than
 * through the normal equations (which would square the condition number).
 */

/**
 * Least squares on the columns of `a` flagged in `passive`; other entries of
 * the result are 0. a: row-major [m, n], b: [m] → z: [n].
 * Columns that are numerically dependent on earlier ones get coefficient 0.
 */
function passiveLeastSquares(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  n: number,
  passive: boolean[],
): Float64Array<ArrayBuffer> {
  const cols: number[] = [];
  for (let j = 0; j < n; j++) if (passive[j]) cols.push(j);
  const k = cols.length;
  const z = new Float64Array(n);
  if (k === 0) return z;

  // Column-major working copy qr: [k][m] so each Householder step walks contiguous memory.
  const qr = new Float64Array(k * m);
  cols.forEach((src, c) => {
    for (let i = 0; i < m; i++) qr[c * m + i] = a[i * n + src] as number;
  });
  const rhs = Float64Array.from(b);
  const diag = new Float64Array(k);
  const rank = Math.min(k, m);

  for (let c = 0; c < rank; c++) {
    const base = c * m;
    let norm = 0;
    for (let i = c; i < m; i++) norm += (qr[base + i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue; // diag[c] stays 0 → coefficient 0 below
    const x0 = qr[base + c] as number;
    const alpha = x0 > 0 ? -norm : norm;
    // Householder vector v = x − alpha·e₁ stored in place of the column.
    qr[base + c] = x0 - alpha;
    let vv = 0;
    for (let i = c; i < m; i++) vv += (qr[base + i] as number) ** 2;
    const reflect = (target: Float64Array, off: number): void => {
      let dot = 0;
      for (let i = c; i < m; i++) dot += (qr[base + i] as number) * (target[off + i] as number);
      const f = (2 * dot) / vv;
      for (let i = c; i < m; i++)
        target[off + i] = (target[off + i] as number) - f * (qr[base + i] as number);
    };
    for (let c2 = c + 1; c2 < k; c2++) reflect(qr, c2 * m);
    reflect(rhs, 0);
    diag[c] = alpha;
  }

  // Back substitution R·zP = (Qᵀb)[0:k]; R's strict upper part sits at qr[c2 * m + c].
  let maxDiag = 0;
  for (let c = 0; c < rank; c++) maxDiag = Math.max(maxDiag, Math.abs(diag[c] as number));
  const tiny = Math.max(m, k) * Number.EPSILON * maxDiag;
  const zp = new Float64Array(k);
  for (let c = rank - 1; c >= 0; c--) {
    const r = diag[c] as number;
    if (Math.abs(r) <= tiny) continue; // dependent column: leave its coefficient at 0
    let s = rhs[c] as number;
    for (let c2 = c + 1; c2 < rank; c2++) s -= (qr[c2 * m + c] as number) * (zp[c2] as number);
    zp[c] = s / r;
  }
  cols.forEach((dst, c) => {
    z[dst] = zp[c] as number;
  });
  return z;
}

/** Negative gradient w = Aᵀ(b − A·x): a: [m, n], b: [m], x: [n] → w: [n]. */
function negativeGradient(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  x: Float64Array,
  m: number,
  n: number,
): Float64Array<ArrayBuffer> {
  const w = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    let r = b[i] as number;
    for (let j = 0; j < n; j++) r -= (a[i * n + j] as number) * (x[j] as number);
    for (let j = 0; j < n; j++) w[j] = (w[j] as number) + (a[i * n + j] as number) * r;
  }
  return w;
}

/**
 * argmin ‖A·x − b‖₂ subject to x ≥ 0 (Lawson–Hanson active set).
 * a: row-major [m, n], b: [m] → x: [n], every entry ≥ 0. Inputs must be finite.
 * If the iteration cap (default 3n + 30 steps, generous in practice) is hit,
 * the current feasible iterate is returned rather than throwing.
 */
export function nnls(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  n: number,
  options: { maxIter?: number } = {},
): Float64Array<ArrayBuffer> {
  if (a.length !== m * n) throw new RangeError(`nnls: A has ${a.length}, expected ${m * n}`);
  if (b.length !== m) throw new RangeError(`nnls: b has ${b.length}, expected ${m}`);
  const maxIter = options.maxIter ?? 3 * n + 30;

  // Optimality tolerance on the gradient, scaled like ‖a_j‖·‖b‖.
  let maxColNorm2 = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += (a[i * n + j] as number) ** 2;
    maxColNorm2 = Math.max(maxColNorm2, s);
  }
  let bNorm2 = 0;
  for (let i = 0; i < m; i++) bNorm2 += (b[i] as number) ** 2;
  const tol = 10 * Number.EPSILON * Math.max(m, n) * Math.sqrt(maxColNorm2 * bNorm2);

  const x = new Float64Array(n);
  const passive: boolean[] = new Array<boolean>(n).fill(false);
  // Columns whose entry failed (z_j ≤ 0 right after entering, a round-off artefact);
  // skipped until x next changes, which prevents an endless add/remove cycle.
  const blocked: boolean[] = new Array<boolean>(n).fill(false);
  let w = negativeGradient(a, b, x, m, n);
  let iter = 0;

  for (;;) {
    let j = -1;
    let best = tol;
    for (let c = 0; c < n; c++) {
      if (!passive[c] && !blocked[c] && (w[c] as number) > best) {
        best = w[c] as number;
        j = c;
      }
    }
    if (j < 0 || iter >= maxIter) break;
    iter++;

    passive[j] = true;
    let z = passiveLeastSquares(a, b, m, n, passive);
    if (!((z[j] as number) > 0)) {
      passive[j] = false;
      blocked[j] = true;
      continue;
    }

    // Inner loop: step back toward x until every passive coefficient is positive.
    let capped = false;
    for (;;) {
      let alpha = Infinity;
      let hit = -1;
      for (let c = 0; c < n; c++) {
        if (passive[c] && (z[c] as number) <= 0) {
          const xc = x[c] as number;
          // x_c = 0 (also z_c = 0) means no step is possible along c: t = 0, not 0/0.
          const t = xc > 0 ? xc / (xc - (z[c] as number)) : 0;
          if (t < alpha) {
            alpha = t;
            hit = c;
          }
        }
      }
      if (hit < 0) break;
      if (iter >= maxIter) {
        capped = true;
        break;
      }
      iter++;
      let xMax = 0;
      for (let c = 0; c < n; c++) {
        const xc = (x[c] as number) + alpha * ((z[c] as number) - (x[c] as number));
        x[c] = xc;
        xMax = Math.max(xMax, xc);
      }
      const xTol = 10 * Number.EPSILON * xMax;
      for (let c = 0; c < n; c++) {
        if (passive[c] && (c === hit || (x[c] as number) <= xTol)) {
          passive[c] = false;
          x[c] = 0;
        }
      }
      z = passiveLeastSquares(a, b, m, n, passive);
    }
    if (capped) break;

    for (let c = 0; c < n; c++) x[c] = passive[c] ? (z[c] as number) : 0;
    blocked.fill(false);
    w = negativeGradient(a, b, x, m, n);
  }

  for (let c = 0; c < n; c++) if (!((x[c] as number) > 0)) x[c] = 0;
  return x;
}

export interface StackingOptions {
  /** Rescale the non-negative weights to sum to 1 (default false). */
  sumToOne?: boolean;
  /** Fit an unconstrained intercept alongside the weights (default false). */
  intercept?: boolean;
}

/**
 * Stacking weights for ŷ = intercept + Σ_k weights[k] · pred_k.
 *
 * predsByMember: K arrays, each [m] (member k's out-of-fold predictions);
 * y: [m] → weights: [K] (all ≥ 0), intercept (0 unless `intercept: true`).
 *
 * - Rows where y or any member prediction is NaN are dropped.
 * - Weights come from NNLS, so a member that does not improve the fit gets 0.
 * - `intercept: true` centres y and every member on its mean first, so the
 *   intercept is unconstrained and unpenalised: intercept = ȳ − Σ w_k·mean_k.
 * - `sumToOne: true` rescales the NNLS solution to sum to 1 (then recomputes the
 *   intercept). This is a deliberate simplification of the exact
 *   simplex-constrained fit: it keeps NNLS's choice of which members matter and
 *   their relative shares, and for roughly unbiased members NNLS weights already
 *   sum to ≈ 1. If every weight is 0, the fallback is the plain average (1/K each).
 */
export function fitStackingWeights(
  predsByMember: ArrayLike<number>[],
  y: ArrayLike<number>,
  options: StackingOptions = {},
): { weights: Float64Array<ArrayBuffer>; intercept: number } {
  const k = predsByMember.length;
  const total = y.length;
  predsByMember.forEach((p, idx) => {
    if (p.length !== total) {
      throw new RangeError(
        `fitStackingWeights: member ${idx} has ${p.length} rows, y has ${total}`,
      );
    }
  });

  const rows: number[] = [];
  for (let i = 0; i < total; i++) {
    if (Number.isNaN(y[i] as number)) continue;
    if (predsByMember.some((p) => Number.isNaN(p[i] as number))) continue;
    rows.push(i);
  }
  const m = rows.length;
  if (m === 0) throw new RangeError('fitStackingWeights: no complete rows');

  // Column means (used only for the intercept): memberMean [K], yMean.
  const memberMean = new Float64Array(k);
  let yMean = 0;
  if (options.intercept) {
    for (const i of rows) yMean += y[i] as number;
    predsByMember.forEach((pred, c) => {
      let s = 0;
      for (const i of rows) s += pred[i] as number;
      memberMean[c] = s / m;
    });
    yMean /= m;
  }

  // Design a: row-major [m, K], target b: [m], both centred when fitting an intercept.
  const a = new Float64Array(m * k);
  const b = new Float64Array(m);
  rows.forEach((i, r) => {
    b[r] = (y[i] as number) - yMean;
  });
  predsByMember.forEach((pred, c) => {
    const mu = memberMean[c] as number;
    rows.forEach((i, r) => {
      a[r * k + c] = (pred[i] as number) - mu;
    });
  });

  const weights = nnls(a, b, m, k);
  if (options.sumToOne && k > 0) {
    let s = 0;
    for (let c = 0; c < k; c++) s += weights[c] as number;
    for (let c = 0; c < k; c++) weights[c] = s > 0 ? (weights[c] as number) / s : 1 / k;
  }

  let intercept = 0;
  if (options.intercept) {
    intercept = yMean;
    for (let c = 0; c < k; c++) intercept -= (weights[c] as number) * (memberMean[c] as number);
  }
  return { weights, intercept };
}
