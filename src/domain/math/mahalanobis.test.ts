import { describe, expect, it } from 'vitest';
import { empiricalQuantile, fitMahalanobis, mahalanobisSquared } from './mahalanobis';
import { createRng } from './random';

/** All 2^p corner points (±s)^p: mean 0, covariance exactly s²·n/(n−1)·I. */
function cube(p: number, s: number): { x: Float64Array; n: number } {
  const n = 2 ** p;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[i * p + j] = (i >> j) & 1 ? s : -s;
  }
  return { x, n };
}

function randomData(n: number, p: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    for (let j = 0; j < p; j++) x[i * p + j] = 0.6 * z + rng.normal() + j;
  }
  return x;
}

describe('fitMahalanobis / mahalanobisSquared', () => {
  it('identity covariance → squared Euclidean distance from the mean', () => {
    const p = 3;
    const n = 2 ** p;
    // Scale corners so the sample covariance (n − 1 divisor) is exactly I.
    const { x } = cube(p, Math.sqrt((n - 1) / n));
    const model = fitMahalanobis(x, n, p);
    model.mean.forEach((m) => expect(m).toBeCloseTo(0, 14));
    const row = [1, -2, 0.5];
    expect(mahalanobisSquared(model, row)).toBeCloseTo(1 + 4 + 0.25, 12);
  });

  it('≈ squared Euclidean distance on a large N(0, I) sample (shrinkage 0.05)', () => {
    const rng = createRng(10);
    const n = 20_000;
    const p = 4;
    const x = new Float64Array(n * p);
    for (let i = 0; i < n * p; i++) x[i] = rng.normal();
    const model = fitMahalanobis(x, n, p);
    const row = [1, 1, -1, 2];
    expect(Math.abs(mahalanobisSquared(model, row) / 7 - 1)).toBeLessThan(0.05);
  });

  it('is invariant to rescaling and shifting features', () => {
    const n = 300;
    const p = 3;
    const x = randomData(n, p, 4);
    const scale = [1000, 0.001, -7];
    const shift = [5, -3, 100];
    const y = x.map((v, i) => v * (scale[i % p] as number) + (shift[i % p] as number));
    const a = fitMahalanobis(x, n, p);
    const b = fitMahalanobis(y, n, p);
    const row = [0.5, 4, -1];
    const rowScaled = row.map((v, j) => v * (scale[j] as number) + (shift[j] as number));
    expect(mahalanobisSquared(b, rowScaled)).toBeCloseTo(mahalanobisSquared(a, row), 8);
  });

  it('shrinkage keeps singular covariances usable (duplicate and constant columns)', () => {
    const n = 50;
    const rng = createRng(3);
    const x = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const v = rng.normal();
      x[i * 3] = v;
      x[i * 3 + 1] = 2 * v; // collinear with column 0
      x[i * 3 + 2] = 7; // constant
    }
    const model = fitMahalanobis(x, n, 3);
    expect(model.precision.every(Number.isFinite)).toBe(true);
    const d = mahalanobisSquared(model, [0.1, 0.2, 7]);
    expect(Number.isFinite(d)).toBe(true);
    expect(d).toBeGreaterThanOrEqual(0);
    // Leaving the constant value is flagged as very far.
    expect(mahalanobisSquared(model, [0.1, 0.2, 8])).toBeGreaterThan(1e6);
    // Without shrinkage the collinear pair is singular.
    expect(() => fitMahalanobis(x, n, 3, { shrinkage: 0 })).toThrow(/not positive definite/);
  });

  it('drops rows containing NaN and validates input', () => {
    const x = Float64Array.from([0, 0, 1, NaN, 2, 2, 4, 4]);
    const model = fitMahalanobis(x, 4, 2);
    expect(model.mean).toEqual([2, 2]);
    expect(() => fitMahalanobis(Float64Array.from([1, 2]), 1, 2)).toThrow(RangeError);
    expect(() => fitMahalanobis(x, 4, 2, { shrinkage: 2 })).toThrow(RangeError);
  });

  it('model is plain JSON', () => {
    const model = fitMahalanobis(randomData(20, 2, 1), 20, 2);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe('empiricalQuantile', () => {
  it('matches numpy linear interpolation', () => {
    expect(empiricalQuantile([3, 1, 4, 1, 5, 9, 2, 6], 0.25)).toBeCloseTo(1.75, 14);
    expect(empiricalQuantile([1, 2, 3, 4], 0.99)).toBeCloseTo(3.97, 14);
  });
});
