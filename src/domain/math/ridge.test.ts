import { describe, expect, it } from 'vitest';
import { fitRidge, predictLinear } from './ridge';
import { createRng } from './random';

/** Noiseless y = 3 + 2·x0 − 1.5·x1 + 0.5·x2 on random x: [n, 3]. */
function linearData(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) x[i * 3 + j] = rng.normal() * (j + 1);
    y[i] =
      3 +
      2 * (x[i * 3] as number) -
      1.5 * (x[i * 3 + 1] as number) +
      0.5 * (x[i * 3 + 2] as number);
  }
  return { x, y };
}

describe('fitRidge', () => {
  it('alpha → 0 recovers the exact coefficients of a noiseless linear y', () => {
    const { x, y } = linearData(50, 1);
    const model = fitRidge(x, y, 50, 3, 1e-12);
    expect(model.intercept).toBeCloseTo(3, 9);
    expect(Array.from(model.coef).map((c) => Number(c.toFixed(9)))).toEqual([2, -1.5, 0.5]);
    const pred = predictLinear(model, x, 50);
    for (let i = 0; i < 50; i++) expect(pred[i]).toBeCloseTo(y[i] as number, 9);
  });

  it('large alpha shrinks coefficients toward 0 and the intercept toward mean(y)', () => {
    const { x, y } = linearData(50, 2);
    const norms = [1e-6, 1, 100, 1e4, 1e8].map((alpha) => {
      const { coef } = fitRidge(x, y, 50, 3, alpha);
      return Math.hypot(...coef);
    });
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeLessThan(norms[k - 1] as number);
    expect(norms[norms.length - 1]).toBeLessThan(1e-4);
    const huge = fitRidge(x, y, 50, 3, 1e12);
    expect(huge.intercept).toBeCloseTo(y.reduce((s, v) => s + v, 0) / 50, 6);
  });

  it('matches the closed form on a tiny hand example', () => {
    // x = [0, 1, 2], y = [1, 3, 4]: x̄ = 1, ȳ = 8/3, Σxc² = 2, Σxc·yc = 3.
    // β = 3 / (2 + α); α = 1 → β = 1, b = 8/3 − 1 = 5/3.
    const m = fitRidge(Float64Array.from([0, 1, 2]), Float64Array.from([1, 3, 4]), 3, 1, 1);
    expect(m.coef[0]).toBeCloseTo(1, 14);
    expect(m.intercept).toBeCloseTo(5 / 3, 14);
    // α = 0 → OLS: β = 1.5, b = 8/3 − 1.5.
    const ols = fitRidge(Float64Array.from([0, 1, 2]), Float64Array.from([1, 3, 4]), 3, 1, 0);
    expect(ols.coef[0]).toBeCloseTo(1.5, 14);
    expect(ols.intercept).toBeCloseTo(8 / 3 - 1.5, 14);
  });

  it('weights act like repeated rows and zero weight drops a row', () => {
    const x = Float64Array.from([0, 1, 2, 5]);
    const y = Float64Array.from([1, 3, 4, 100]);
    const weighted = fitRidge(x, y, 4, 1, 0.5, [2, 1, 1, 0]);
    const repeated = fitRidge(
      Float64Array.from([0, 0, 1, 2]),
      Float64Array.from([1, 1, 3, 4]),
      4,
      1,
      0.5,
    );
    expect(weighted.coef[0]).toBeCloseTo(repeated.coef[0] as number, 12);
    expect(weighted.intercept).toBeCloseTo(repeated.intercept, 12);
  });

  it('does not penalise the intercept: shifting y shifts only the intercept', () => {
    const { x, y } = linearData(30, 3);
    const a = fitRidge(x, y, 30, 3, 10);
    const b = fitRidge(
      x,
      y.map((v) => v + 1000),
      30,
      3,
      10,
    );
    expect(b.intercept - a.intercept).toBeCloseTo(1000, 8);
    for (let j = 0; j < 3; j++) expect(b.coef[j]).toBeCloseTo(a.coef[j] as number, 10);
  });

  it('throws a clear error for collinear columns with alpha = 0, works with alpha > 0', () => {
    const x = Float64Array.from([1, 2, 2, 4, 3, 6, 4, 8]);
    const y = Float64Array.from([1, 2, 3, 4]);
    expect(() => fitRidge(x, y, 4, 2, 0)).toThrow(/not positive definite/);
    expect(() => fitRidge(x, y, 4, 2, 1e-3)).not.toThrow();
  });

  it('validates inputs', () => {
    expect(() => fitRidge(new Float64Array(3), new Float64Array(3), 3, 1, -1)).toThrow(RangeError);
    expect(() => fitRidge(new Float64Array(3), new Float64Array(2), 3, 1, 1)).toThrow(RangeError);
    expect(() => fitRidge(new Float64Array(2), new Float64Array(2), 2, 1, 1, [0, 0])).toThrow(
      RangeError,
    );
  });

  it('p = 0 gives the weighted mean as intercept', () => {
    const m = fitRidge(new Float64Array(0), Float64Array.from([1, 2, 6]), 3, 0, 1);
    expect(m.coef.length).toBe(0);
    expect(m.intercept).toBe(3);
    expect(Array.from(predictLinear(m, new Float64Array(0), 2))).toEqual([3, 3]);
  });
});
