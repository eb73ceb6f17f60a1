/**
 * Dense linear algebra on row-major Float64Array matrices.
 *
 * Shapes are passed explicitly (no matrix class) so the same buffers can move
 * between the trainer, a Web Worker and the UI without wrapping. An m×k matrix
 * `a` stores entry (i, j) at a[i * k + j]. Sizes here are small (features,
 * ensemble members: n ≲ 200), so straightforward O(n³) algorithms are fine.
 * Results are fresh `Float64Array<ArrayBuffer>` (never shared memory), so they
 * can be transferred to a worker and stored in fields typed from `new Float64Array(n)`.
 */

function checkLength(name: string, arr: ArrayLike<number>, expected: number): void {
  if (arr.length !== expected) {
    throw new RangeError(`${name}: expected length ${expected}, got ${arr.length}`);
  }
}

/**
 * Cholesky factor L (lower triangular, A = L·Lᵀ) of a symmetric positive
 * definite matrix. Only the lower triangle of A is read.
 * a: row-major [n, n] → L: row-major [n, n] (upper part zero).
 * Throws an Error naming the failing pivot when A is not positive definite.
 */
export function choleskyDecompose(a: ArrayLike<number>, n: number): Float64Array<ArrayBuffer> {
  checkLength('choleskyDecompose: A', a, n * n);
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j] as number;
    for (let k = 0; k < j; k++) {
      const v = l[j * n + k] as number;
      d -= v * v;
    }
    if (!(d > 0) || !Number.isFinite(d)) {
      throw new Error(
        `Matrix is not positive definite: Cholesky pivot ${j} of ${n} is ${d}. ` +
          'Check for constant or collinear columns, or add regularisation.',
      );
    }
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b in place on `x` (holding b on entry). l: [n, n], x: [n]. */
function solveWithFactor(l: Float64Array, x: Float64Array, n: number): void {
  // Forward substitution: L·y = b.
  for (let i = 0; i < n; i++) {
    let s = x[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * n + k] as number) * (x[k] as number);
    x[i] = s / (l[i * n + i] as number);
  }
  // Back substitution: Lᵀ·x = y.
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = s / (l[i * n + i] as number);
  }
}

/**
 * Solves A·x = b for symmetric positive definite A via Cholesky.
 * a: row-major [n, n], b: [n] → x: [n]. Throws if A is not positive definite.
 */
export function choleskySolve(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  n: number,
): Float64Array<ArrayBuffer> {
  checkLength('choleskySolve: b', b, n);
  const l = choleskyDecompose(a, n);
  const x = Float64Array.from(b);
  solveWithFactor(l, x, n);
  return x;
}

/**
 * Inverse of a symmetric positive definite matrix via Cholesky (column by
 * column), symmetrised to remove round-off asymmetry.
 * a: row-major [n, n] → A⁻¹: row-major [n, n]. Throws if A is not positive definite.
 */
export function choleskyInverse(a: ArrayLike<number>, n: number): Float64Array<ArrayBuffer> {
  const l = choleskyDecompose(a, n);
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    col.fill(0);
    col[j] = 1;
    solveWithFactor(l, col, n);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i] as number;
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * ((inv[i * n + j] as number) + (inv[j * n + i] as number));
      inv[i * n + j] = v;
      inv[j * n + i] = v;
    }
  }
  return inv;
}

/**
 * Eigen-decomposition of a symmetric matrix by the cyclic Jacobi method
 * (accurate, simple, fine up to n ≈ 200). Only symmetry of A is assumed; its
 * upper and lower triangles are averaged first.
 * a: row-major [n, n] →
 *   values: [n], descending;
 *   vectors: row-major [n, n], column k (vectors[i * n + k]) is the unit
 *     eigenvector for values[k]. Each vector's sign is fixed so its
 *     largest-magnitude component is positive, making output reproducible.
 */
export function symmetricEigen(
  a: ArrayLike<number>,
  n: number,
): { values: Float64Array<ArrayBuffer>; vectors: Float64Array<ArrayBuffer> } {
  checkLength('symmetricEigen: A', a, n * n);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      m[i * n + j] = 0.5 * ((a[i * n + j] as number) + (a[j * n + i] as number));
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  let total = 0;
  for (let i = 0; i < n * n; i++) total += (m[i] as number) * (m[i] as number);
  const tol = Number.EPSILON * Number.EPSILON * total;

  const maxSweeps = 100;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) off += (m[p * n + q] as number) ** 2;
    }
    if (off <= tol) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q] as number;
        if (apq === 0) continue;
        const app = m[p * n + p] as number;
        const aqq = m[q * n + q] as number;
        // Rotation angle that zeroes (p, q): t = tan θ, the smaller root (Golub & Van Loan 8.5).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // M ← Jᵀ M J, touching only rows/columns p and q.
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p] as number;
          const mkq = m[k * n + q] as number;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k] as number;
          const mqk = m[q * n + k] as number;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        m[p * n + q] = 0;
        m[q * n + p] = 0;
        // V ← V J accumulates the eigenvectors as columns.
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (m[j * n + j] as number) - (m[i * n + i] as number) || i - j,
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, k) => {
    values[k] = m[src * n + src] as number;
    let big = 0;
    for (let i = 0; i < n; i++) {
      const x = v[i * n + src] as number;
      if (Math.abs(x) > Math.abs(big)) big = x;
    }
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * n + k] = sign * (v[i * n + src] as number);
  });
  return { values, vectors };
}

/** Matrix product C = A·B. a: row-major [m, k], b: row-major [k, n] → C: row-major [m, n]. */
export function matMul(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
): Float64Array<ArrayBuffer> {
  checkLength('matMul: A', a, m * k);
  checkLength('matMul: B', b, k * n);
  const c = new Float64Array(m * n);
  // i-l-j loop order walks both B and C rows contiguously.
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < k; l++) {
      const ail = a[i * k + l] as number;
      if (ail === 0) continue;
      for (let j = 0; j < n; j++)
        c[i * n + j] = (c[i * n + j] as number) + ail * (b[l * n + j] as number);
    }
  }
  return c;
}

/** Transpose. a: row-major [rows, cols] → row-major [cols, rows]. */
export function transpose(
  a: ArrayLike<number>,
  rows: number,
  cols: number,
): Float64Array<ArrayBuffer> {
  checkLength('transpose: A', a, rows * cols);
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j] as number;
  }
  return t;
}

/**
 * Sample covariance matrix (divisor n − 1; divisor 1 when n = 1, giving zeros).
 * x: row-major [n, p] (finite values; filter NaN rows beforehand),
 * means: optional [p] column centres (computed from x when omitted; pass them
 *   to reuse known means) → covariance: row-major [p, p], exactly symmetric.
 */
export function covarianceMatrix(
  x: ArrayLike<number>,
  n: number,
  p: number,
  means?: ArrayLike<number>,
): Float64Array<ArrayBuffer> {
  checkLength('covarianceMatrix: x', x, n * p);
  let mu: ArrayLike<number>;
  if (means) {
    checkLength('covarianceMatrix: means', means, p);
    mu = means;
  } else {
    const m = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) m[j] = (m[j] as number) + (x[i * p + j] as number);
    }
    for (let j = 0; j < p; j++) m[j] = (m[j] as number) / Math.max(n, 1);
    mu = m;
  }
  const cov = new Float64Array(p * p);
  const d = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) d[j] = (x[i * p + j] as number) - (mu[j] as number);
    for (let j = 0; j < p; j++) {
      const dj = d[j] as number;
      for (let l = j; l < p; l++)
        cov[j * p + l] = (cov[j * p + l] as number) + dj * (d[l] as number);
    }
  }
  const div = Math.max(n - 1, 1);
  for (let j = 0; j < p; j++) {
    for (let l = j; l < p; l++) {
      const v = (cov[j * p + l] as number) / div;
      cov[j * p + l] = v;
      cov[l * p + j] = v;
    }
  }
  return cov;
}
