import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  mean,
  median,
  minMax,
  pearson,
  quantile,
  rank,
  skewness,
  spearman,
  std,
  variance,
} from './descriptive';

const FC = { seed: 20240611, numRuns: 200 };

describe('mean / variance / std / minMax', () => {
  it('skip NaN and use the n − 1 divisor', () => {
    const v = [1, NaN, 2, 3, 4];
    expect(mean(v)).toBe(2.5);
    expect(variance(v)).toBeCloseTo(5 / 3, 14);
    expect(std(v)).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(minMax(v)).toEqual({ min: 1, max: 4 });
  });

  it('return NaN when too few values remain', () => {
    expect(mean([])).toBeNaN();
    expect(mean([NaN])).toBeNaN();
    expect(variance([7])).toBeNaN();
    expect(minMax([NaN, NaN])).toEqual({ min: NaN, max: NaN });
  });

  it('accept typed arrays', () => {
    expect(mean(new Float64Array([2, 4]))).toBe(3);
  });
});

describe('quantile', () => {
  // numpy 2.x: np.quantile([3,1,4,1,5,9,2,6], q) with the default 'linear' method.
  const data = [3, 1, 4, 1, 5, 9, 2, 6];
  it.each([
    [0, 1],
    [0.1, 1],
    [0.25, 1.75],
    [0.5, 3.5],
    [0.9, 6.8999999999999995],
    [1, 9],
  ])('q=%s matches numpy (%s)', (q, expected) => {
    expect(quantile(data, q)).toBeCloseTo(expected, 12);
  });

  it('does not mutate its input and ignores NaN', () => {
    const v = [3, NaN, 1, 2];
    expect(median(v)).toBe(2);
    expect(v).toEqual([3, NaN, 1, 2]);
  });

  it('rejects q outside [0, 1] and returns NaN on empty input', () => {
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('median of an even-length sample is the midpoint', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('skewness', () => {
  it('matches pandas / scipy.stats.skew(bias=False)', () => {
    // scipy.stats.skew([2, 8, 0, 4, 1, 9, 9, 0, 3.5], bias=False) = 0.4102810817101985
    expect(skewness([2, 8, 0, 4, 1, 9, 9, 0, 3.5])).toBeCloseTo(0.4102810817101985, 12);
  });

  it('hand example: [1, 2, 10]', () => {
    // mean 13/3, deviations (−10, −7, 17)/3 → biased moments m2 = 146/9, m3 = 1190/27;
    // G1 = m3 / m2^1.5 · √(3·2) / (3 − 2).
    const m2 = 146 / 9;
    const m3 = 1190 / 27;
    expect(skewness([1, 2, 10])).toBeCloseTo((m3 / m2 ** 1.5) * Math.sqrt(6), 12);
  });

  it('is 0 for a constant column, NaN below 3 values, and odd under negation', () => {
    expect(skewness([0.1, 0.1, 0.1, 0.1])).toBe(0);
    expect(skewness([1, 2])).toBeNaN();
    expect(skewness([-1, -2, -10])).toBeCloseTo(-skewness([1, 2, 10]), 12);
  });
});

describe('rank', () => {
  it('averages ties (scipy rankdata) and keeps NaN', () => {
    expect(Array.from(rank([1, 2, 2, 3, 5, 8]))).toEqual([1, 2.5, 2.5, 4, 5, 6]);
    const r = rank([10, NaN, 5, 10]);
    expect(r[0]).toBe(2.5);
    expect(r[1]).toBeNaN();
    expect(r[2]).toBe(1);
    expect(r[3]).toBe(2.5);
  });
});

describe('pearson / spearman', () => {
  const x = [1, 2, 2, 3, 5, 8];
  const y = [2, 1, 4, 4, 7, 6];

  it('match scipy on a small example with ties', () => {
    expect(pearson(x, y)).toBeCloseTo(0.7793252697074519, 12);
    expect(spearman(x, y)).toBeCloseTo(0.8088235294117647, 12);
  });

  it('Spearman of a strictly monotone transform is exactly 1 (or −1)', () => {
    const xs = [0.3, 5, 2, 9, 1.5, 7, 4];
    expect(
      spearman(
        xs,
        xs.map((v) => Math.exp(v) + v ** 3),
      ),
    ).toBe(1);
    expect(
      spearman(
        xs,
        xs.map((v) => -Math.log(v)),
      ),
    ).toBe(-1);
  });

  it('use pairwise-complete rows', () => {
    const a = [1, 2, NaN, 4, 5, 6];
    const b = [2, 4, 6, NaN, 10, 12];
    expect(pearson(a, b)).toBeCloseTo(1, 14);
  });

  it('return NaN with fewer than 3 pairs or zero variance', () => {
    expect(pearson([1, 2, NaN], [1, 2, 3])).toBeNaN();
    expect(pearson([1, 1, 1, 1], [1, 2, 3, 4])).toBeNaN();
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNaN();
  });

  it('throw on length mismatch', () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
  });

  it('property: |pearson| ≤ 1 and symmetric; same for spearman', () => {
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 3, maxLength: 60 }), (pairs) => {
        const a = pairs.map((p) => p[0]);
        const b = pairs.map((p) => p[1]);
        for (const f of [pearson, spearman]) {
          const r = f(a, b);
          const rs = f(b, a);
          if (Number.isNaN(r)) {
            expect(rs).toBeNaN();
          } else {
            expect(Math.abs(r)).toBeLessThanOrEqual(1);
            expect(rs).toBeCloseTo(r, 12);
          }
        }
      }),
      FC,
    );
  });
});
