import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitStackingWeights, nnls } from './nnls';
import { createRng } from './random';

const FC = { seed: 777, numRuns: 150 };

/** ‖A·x − b‖² for a: [m, n]. */
function sse(a: Float64Array, b: Float64Array, x: Float64Array, m: number, n: number): number {
  let s = 0;
  for (let i = 0; i < m; i++) {
    let r = b[i] as number;
    for (let j = 0; j < n; j++) r -= (a[i * n + j] as number) * (x[j] as number);
    s += r * r;
  }
  return s;
}

const problemArb = fc
  .tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 8 }))
  .chain(([m, n]) =>
    fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      a: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
        minLength: m * n,
        maxLength: m * n,
      }),
      b: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: m, maxLength: m }),
    }),
  );

describe('nnls', () => {
  it('matches scipy.optimize.nnls on a small example', () => {
    // scipy: nnls([[1, .5], [.2, 1], [.7, .3], [.1, .9]], [1, -2, .5, .3]) → [0.63636364, 0]
    const a = Float64Array.from([1, 0.5, 0.2, 1, 0.7, 0.3, 0.1, 0.9]);
    const x = nnls(a, Float64Array.from([1, -2, 0.5, 0.3]), 4, 2);
    expect(x[0]).toBeCloseTo(0.63636364, 8);
    expect(x[1]).toBe(0);
  });

  it('property: all weights ≥ 0 and KKT conditions hold', () => {
    fc.assert(
      fc.property(problemArb, ({ m, n, a, b }) => {
        const A = Float64Array.from(a);
        const B = Float64Array.from(b);
        const x = nnls(A, B, m, n);
        // Gradient g = Aᵀ(A·x − b): g ≥ 0 where x = 0, g ≈ 0 where x > 0.
        let scale = 1;
        for (const v of a) scale = Math.max(scale, Math.abs(v));
        for (const v of b) scale = Math.max(scale, Math.abs(v));
        const tol = 1e-7 * scale * scale * m;
        for (let j = 0; j < n; j++) {
          expect(x[j]).toBeGreaterThanOrEqual(0);
          let g = 0;
          for (let i = 0; i < m; i++) {
            let r = -(B[i] as number);
            for (let l = 0; l < n; l++) r += (A[i * n + l] as number) * (x[l] as number);
            g += (A[i * n + j] as number) * r;
          }
          if ((x[j] as number) > 0) expect(Math.abs(g)).toBeLessThan(tol * (1 + (x[j] as number)));
          else expect(g).toBeGreaterThan(-tol);
        }
      }),
      FC,
    );
  });

  it('property: no non-negative perturbation of the solution does better', () => {
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 0, max: 1000 }), ({ m, n, a, b }, seed) => {
        const A = Float64Array.from(a);
        const B = Float64Array.from(b);
        const x = nnls(A, B, m, n);
        const best = sse(A, B, x, m, n);
        const rng = createRng(seed);
        for (let t = 0; t < 5; t++) {
          const y = x.map((v) => Math.max(0, v + 0.01 * rng.normal()));
          expect(sse(A, B, y, m, n)).toBeGreaterThanOrEqual(best - 1e-9 * (1 + best));
        }
      }),
      FC,
    );
  });

  it('recovers known non-negative weights from noiseless data', () => {
    const rng = createRng(8);
    const m = 60;
    const n = 4;
    const truth = [0.5, 0, 2, 0.25];
    const a = new Float64Array(m * n);
    const b = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) a[i * n + j] = rng.normal();
      for (let j = 0; j < n; j++)
        b[i] = (b[i] as number) + (truth[j] as number) * (a[i * n + j] as number);
    }
    const x = nnls(a, b, m, n);
    truth.forEach((t, j) => expect(x[j]).toBeCloseTo(t, 10));
  });

  it('handles identical (perfectly collinear) columns without blowing up', () => {
    const a = Float64Array.from([1, 1, 2, 2, 3, 3]);
    const x = nnls(a, Float64Array.from([2, 4, 6]), 3, 2);
    expect((x[0] as number) + (x[1] as number)).toBeCloseTo(2, 10);
    expect(x[0]).toBeGreaterThanOrEqual(0);
    expect(x[1]).toBeGreaterThanOrEqual(0);
  });

  it('returns zeros for b = 0', () => {
    expect(Array.from(nnls(Float64Array.from([1, 2, 3, 4]), new Float64Array(2), 2, 2))).toEqual([
      0, 0,
    ]);
  });
});

describe('fitStackingWeights', () => {
  /** Target y and members: two informative ones (good, ok) and one pure-noise member. */
  function members(seed: number, m: number) {
    const rng = createRng(seed);
    const y = new Float64Array(m);
    const good = new Float64Array(m);
    const ok = new Float64Array(m);
    const noise = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const t = 30 + 10 * rng.normal();
      y[i] = t;
      good[i] = t + rng.normal();
      ok[i] = t + 3 * rng.normal();
      noise[i] = 30 + 10 * rng.normal();
    }
    return { y, good, ok, noise };
  }

  it('a pure-noise member gets weight ≈ 0; weights are ≥ 0', () => {
    const { y, good, ok, noise } = members(21, 2000);
    const { weights, intercept } = fitStackingWeights([good, ok, noise], y, { intercept: true });
    expect(weights[2]).toBeLessThan(0.01);
    for (const w of weights) expect(w).toBeGreaterThanOrEqual(0);
    // Inverse-variance optimum is 9/10 : 1/10 for error variances 1 and 9.
    expect(weights[0]).toBeGreaterThan(0.8);
    expect(Number.isFinite(intercept)).toBe(true);
  });

  it('recovers exact mixing weights from noiseless members', () => {
    const { good, ok, noise } = members(5, 200);
    const y = good.map((g, i) => 0.7 * g + 0.3 * (ok[i] as number));
    const { weights, intercept } = fitStackingWeights([good, ok, noise], y);
    expect(weights[0]).toBeCloseTo(0.7, 10);
    expect(weights[1]).toBeCloseTo(0.3, 10);
    expect(weights[2]).toBeCloseTo(0, 10);
    expect(intercept).toBe(0);
  });

  it('sumToOne rescales to a convex combination; intercept = ȳ − Σ w·mean', () => {
    const { y, good, ok } = members(9, 500);
    const biased = good.map((v) => 0.8 * v);
    const { weights, intercept } = fitStackingWeights([biased, ok], y, {
      sumToOne: true,
      intercept: true,
    });
    expect((weights[0] as number) + (weights[1] as number)).toBeCloseTo(1, 14);
    const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;
    expect(intercept).toBeCloseTo(
      mean(y) - (weights[0] as number) * mean(biased) - (weights[1] as number) * mean(ok),
      10,
    );
  });

  it('sumToOne falls back to equal weights when nothing helps', () => {
    const y = Float64Array.from([1, 2, 3, 4]);
    const neg = Float64Array.from([-1, -2, -3, -4]);
    const { weights } = fitStackingWeights([neg, neg], y, { sumToOne: true });
    expect(Array.from(weights)).toEqual([0.5, 0.5]);
  });

  it('drops rows with NaN in y or any member', () => {
    const a = Float64Array.from([1, 2, NaN, 4]);
    const b = Float64Array.from([1, 1, 1, NaN]);
    const y = Float64Array.from([2, 4, 100, 100]);
    const { weights } = fitStackingWeights([a, b], y);
    expect(weights[0]).toBeCloseTo(2, 12);
    expect(weights[1]).toBeCloseTo(0, 12);
  });

  it('throws on mismatched lengths', () => {
    expect(() => fitStackingWeights([new Float64Array(3)], new Float64Array(4))).toThrow(
      RangeError,
    );
  });
});
