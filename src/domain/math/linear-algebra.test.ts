import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  choleskyDecompose,
  choleskyInverse,
  choleskySolve,
  covarianceMatrix,
  matMul,
  symmetricEigen,
  transpose,
} from './linear-algebra';

const FC = { seed: 4242, numRuns: 100 };

/** Random symmetric positive definite n×n: Bᵀ·B + n·I (B entries in [-1, 1]). */
const spdArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
    )
    .map(([bEntries, rhs]) => {
      const b = Float64Array.from(bEntries);
      const a = matMul(transpose(b, n, n), b, n, n, n);
      for (let i = 0; i < n; i++) a[i * n + i] = (a[i * n + i] as number) + n;
      return { n, a, rhs: Float64Array.from(rhs) };
    }),
);

/** Random symmetric n×n with entries in [-5, 5]. */
const symArb = fc.integer({ min: 1, max: 15 }).chain((n) =>
  fc
    .array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n * n, maxLength: n * n })
    .map((entries) => {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          a[i * n + j] = entries[i * n + j] as number;
          a[j * n + i] = entries[i * n + j] as number;
        }
      }
      return { n, a };
    }),
);

describe('Cholesky', () => {
  it('property: solve residual ‖A·x − b‖∞ < 1e-9 on random SPD matrices', () => {
    fc.assert(
      fc.property(spdArb, ({ n, a, rhs }) => {
        const x = choleskySolve(a, rhs, n);
        const ax = matMul(a, x, n, n, 1);
        for (let i = 0; i < n; i++)
          expect(Math.abs((ax[i] as number) - (rhs[i] as number))).toBeLessThan(1e-9);
      }),
      FC,
    );
  });

  it('property: A · A⁻¹ = I', () => {
    fc.assert(
      fc.property(spdArb, ({ n, a }) => {
        const prod = matMul(a, choleskyInverse(a, n), n, n, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect(Math.abs((prod[i * n + j] as number) - (i === j ? 1 : 0))).toBeLessThan(1e-9);
          }
        }
      }),
      FC,
    );
  });

  it('hand example: [[4, 2], [2, 3]] x = [2, 1]', () => {
    // det 8 → inverse [[3, −2], [−2, 4]] / 8 → x = [4/8, 0/8].
    const a = Float64Array.from([4, 2, 2, 3]);
    expect(Array.from(choleskySolve(a, Float64Array.from([2, 1]), 2))).toEqual([0.5, 0]);
    expect(Array.from(choleskyDecompose(a, 2))).toEqual([2, 0, 1, Math.sqrt(2)]);
  });

  it('throws a clear error when A is not positive definite', () => {
    const singular = Float64Array.from([1, 1, 1, 1]);
    expect(() => choleskySolve(singular, Float64Array.from([1, 1]), 2)).toThrow(
      /not positive definite/,
    );
    const indefinite = Float64Array.from([1, 2, 2, 1]);
    expect(() => choleskyInverse(indefinite, 2)).toThrow(/not positive definite/);
  });

  it('checks sizes', () => {
    expect(() => choleskySolve(new Float64Array(4), new Float64Array(3), 2)).toThrow(RangeError);
  });
});

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('property: A·v = λ·v, orthonormal vectors, descending values, Σλ = trace', () => {
    fc.assert(
      fc.property(symArb, ({ n, a }) => {
        const { values, vectors } = symmetricEigen(a, n);
        let trace = 0;
        for (let i = 0; i < n; i++) trace += a[i * n + i] as number;
        let sum = 0;
        for (let k = 0; k < n; k++) sum += values[k] as number;
        expect(Math.abs(sum - trace)).toBeLessThan(1e-9);

        for (let k = 1; k < n; k++)
          expect(values[k] as number).toBeLessThanOrEqual(values[k - 1] as number);

        const av = matMul(a, vectors, n, n, n);
        for (let k = 0; k < n; k++) {
          for (let i = 0; i < n; i++) {
            const lhs = av[i * n + k] as number;
            const rhs = (values[k] as number) * (vectors[i * n + k] as number);
            expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9);
          }
        }
        const vtv = matMul(transpose(vectors, n, n), vectors, n, n, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect(Math.abs((vtv[i * n + j] as number) - (i === j ? 1 : 0))).toBeLessThan(1e-12);
          }
        }
      }),
      FC,
    );
  });

  it('hand example: [[2, 1], [1, 2]] → 3, 1 with vectors (1, 1)/√2, (1, −1)/√2 up to sign', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    const s = Math.SQRT1_2;
    expect(Math.abs(vectors[0] as number)).toBeCloseTo(s, 14);
    expect((vectors[0] as number) * (vectors[2] as number)).toBeCloseTo(0.5, 14);
    expect((vectors[1] as number) * (vectors[3] as number)).toBeCloseTo(-0.5, 14);
  });

  it('handles n = 200 within the time budget', () => {
    const n = 200;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) a[i * n + j] = Math.cos(i * 0.37 + j * 0.37) + (i === j ? 1 : 0);
    }
    const { values } = symmetricEigen(a, n);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i] as number;
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 8);
  });
});

describe('matMul / transpose / covarianceMatrix', () => {
  it('matMul on a 2×3 · 3×2 example', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const b = Float64Array.from([7, 8, 9, 10, 11, 12]);
    expect(Array.from(matMul(a, b, 2, 3, 2))).toEqual([58, 64, 139, 154]);
  });

  it('transpose of a 2×3', () => {
    expect(Array.from(transpose(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([
      1, 4, 2, 5, 3, 6,
    ]);
  });

  it('covarianceMatrix matches numpy.cov(rowvar=False)', () => {
    // np.cov([[1, 2], [2, 4], [3, 7]], rowvar=False) = [[1, 2.5], [2.5, 6.333…]]
    const cov = covarianceMatrix(Float64Array.from([1, 2, 2, 4, 3, 7]), 3, 2);
    expect(cov[0]).toBeCloseTo(1, 14);
    expect(cov[1]).toBeCloseTo(2.5, 14);
    expect(cov[2]).toBeCloseTo(2.5, 14);
    expect(cov[3]).toBeCloseTo(19 / 3, 14);
  });

  it('covarianceMatrix with supplied means centres on them', () => {
    // Around mean 0: Σx²/(n−1) = (1 + 4 + 9) / 2.
    const cov = covarianceMatrix(Float64Array.from([1, 2, 3]), 3, 1, [0]);
    expect(cov[0]).toBe(7);
  });
});
