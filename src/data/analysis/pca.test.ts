import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../domain/math/random';
import { pca } from './pca';

const FC = { seed: 29, numRuns: 100 };

function series(cols: number[][]) {
  return cols.map((values, i) => ({ name: `c${i}`, values }));
}

describe('pca', () => {
  it('matches numpy on a small data set (known answer)', () => {
    const rows = [
      [1, 2, 3],
      [2, 1, 5],
      [3, 4, 4],
      [4, 3, 8],
      [5, 6, 7],
      [6, 5, 9],
    ];
    const cols = [0, 1, 2].map((j) => rows.map((r) => r[j]!));
    const r = pca(series(cols), { scoreComponents: 3 });
    const eig = [2.52598446, 0.46120246, 0.01281308];
    eig.forEach((v, k) => expect(r.eigenvalues[k]).toBeCloseTo(v, 7));
    // numpy eigh, each vector's largest entry made positive (the symmetricEigen convention).
    const loadings = [
      [0.62619195, -0.06213819, 0.77718883],
      [0.53984752, 0.75376837, -0.37469707],
      [0.56253737, -0.65419576, -0.50554884],
    ];
    loadings.forEach((row, i) =>
      row.forEach((v, k) => expect(r.loadings[i * 3 + k]).toBeCloseTo(v, 7)),
    );
    [-1.98277143, 0.30802092, -0.09723613, -1.46118754, -0.68099581, 0.09120603].forEach((v, e) =>
      expect(r.scores[e]).toBeCloseTo(v, 7),
    );
    expect(r.rowsUsed).toBe(6);
    expect(Array.from(r.scoreRows)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('uses complete rows only and drops empty and constant columns', () => {
    const r = pca([
      { name: 'a', values: [1, 2, NaN, 4, 5] },
      { name: 'b', values: [2, 1, 3, NaN, 4] },
      { name: 'empty', values: [NaN, NaN, NaN, NaN, NaN] },
      { name: 'const', values: [7, 7, 7, 7, 7] },
      { name: 'c', values: [0, 1, 1, 0, 3] },
    ]);
    expect(r.names).toEqual(['a', 'b', 'c']);
    expect(r.dropped).toEqual([
      { name: 'empty', reason: 'no-data' },
      { name: 'const', reason: 'constant' },
    ]);
    expect(r.rowsUsed).toBe(3);
    expect(r.rowsTotal).toBe(5);
    expect(Array.from(r.scoreRows)).toEqual([0, 1, 4]);
  });

  it('finds one component for two perfectly correlated columns', () => {
    const x = Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const r = pca(series([x, x.map((v) => 3 * v + 1)]));
    expect(r.eigenvalues[0]).toBeCloseTo(2, 12);
    expect(r.eigenvalues[1]).toBeCloseTo(0, 12);
    expect(r.explainedRatio[0]).toBeCloseTo(1, 12);
  });

  it('scores an evenly spaced subsample, and scores have the eigenvalues as variances', () => {
    const rng = createRng(4);
    const n = 3000;
    const a = Array.from({ length: n }, () => rng.normal());
    const b = a.map((v) => v + 0.5 * rng.normal());
    const c = Array.from({ length: n }, () => rng.normal());
    const sub = pca(series([a, b, c]), { maxScores: 100 });
    expect(sub.scoreRows.length).toBe(100);
    expect(sub.scoreRows[1]).toBe(30);
    expect(sub.scoreComponents).toBe(3);
    const full = pca(series([a, b, c]), { maxScores: n, scoreComponents: 3 });
    for (let k = 0; k < 3; k++) {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += full.scores[i * 3 + k]! ** 2;
      expect(ss / (n - 1)).toBeCloseTo(full.eigenvalues[k]!, 8);
    }
  });

  it('handles no complete rows without throwing', () => {
    const r = pca([
      { name: 'a', values: [1, NaN] },
      { name: 'b', values: [NaN, 2] },
    ]);
    expect(r.rowsUsed).toBe(0);
    expect(r.names).toEqual([]);
  });

  it('property: eigenvalues sorted and summing to p, ratios summing to 1, loadings orthonormal', () => {
    const arb = fc
      .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 8, max: 40 }), fc.integer())
      .map(([p, n, seed]) => {
        const rng = createRng(seed);
        const base = Array.from({ length: n }, () => rng.normal());
        return Array.from({ length: p }, (_, j) =>
          base.map((v) => (j % 2 === 0 ? v : -v) * rng.uniform(0, 2) + rng.normal()),
        );
      });
    fc.assert(
      fc.property(arb, (cols) => {
        const r = pca(series(cols));
        const p = r.names.length;
        expect(p).toBe(cols.length);
        const sum = Array.from(r.eigenvalues).reduce((s, v) => s + v, 0);
        expect(sum).toBeCloseTo(p, 9);
        for (let k = 1; k < p; k++)
          expect(r.eigenvalues[k]).toBeLessThanOrEqual(r.eigenvalues[k - 1]!);
        expect(Array.from(r.explainedRatio).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        expect(r.cumulativeRatio[p - 1]).toBeCloseTo(1, 12);
        for (let k = 0; k < p; k++) {
          for (let l = 0; l < p; l++) {
            let dot = 0;
            for (let i = 0; i < p; i++) dot += r.loadings[i * p + k]! * r.loadings[i * p + l]!;
            expect(dot).toBeCloseTo(k === l ? 1 : 0, 9);
          }
        }
      }),
      FC,
    );
  });
});
