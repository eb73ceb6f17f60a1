import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median, pearson, quantile, rank } from '../../domain/math/descriptive';
import {
  argsortValid,
  fastRank,
  medianInPlace,
  medianStep,
  pearsonWithN,
  quantileSorted,
  timeOrder,
} from './series';

const FC = { seed: 61, numRuns: 200 };
// Values with NaN and many ties (small integer range), as sensor data have.
const valuesArb = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(NaN)), {
  maxLength: 60,
});

describe('argsortValid / fastRank', () => {
  it('sorts the non-NaN indices by value, ties in index order', () => {
    expect(Array.from(argsortValid([3, NaN, 1, 3, 0, -0]))).toEqual([4, 5, 2, 0, 3]);
    expect(Array.from(argsortValid([-Infinity, 2.5, -1e-300, Infinity, -2.5, 1e-300]))).toEqual([
      0, 4, 2, 5, 1, 3,
    ]);
  });

  it('property: equals a stable comparison sort of the indices, for any doubles', () => {
    const anyDouble = fc.oneof(fc.double(), fc.integer({ min: -3, max: 3 }), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(anyDouble, { maxLength: 100 }), (v) => {
        const expected = v
          .map((_, i) => i)
          .filter((i) => !Number.isNaN(v[i]))
          .sort((a, b) => (v[a] as number) - (v[b] as number) || a - b);
        // (x − y is NaN for equal infinities; fix those ties by index too.)
        expected.sort((a, b) => {
          const x = v[a] as number;
          const y = v[b] as number;
          return x < y ? -1 : x > y ? 1 : a - b;
        });
        expect(Array.from(argsortValid(v))).toEqual(expected);
      }),
      FC,
    );
  });

  it('fastRank equals the domain rank (average ranks, NaN kept)', () => {
    fc.assert(
      fc.property(valuesArb, (v) => {
        expect(Array.from(fastRank(v))).toEqual(Array.from(rank(v)));
      }),
      FC,
    );
  });
});

describe('pearsonWithN', () => {
  it('equals the domain pearson on the same pairs and counts them', () => {
    fc.assert(
      fc.property(valuesArb, valuesArb, (a, b) => {
        const len = Math.min(a.length, b.length);
        const x = a.slice(0, len);
        const y = b.slice(0, len);
        const { r, n } = pearsonWithN(x, y);
        const complete = x.filter((v, i) => !Number.isNaN(v) && !Number.isNaN(y[i] as number));
        expect(n).toBe(complete.length);
        const ref = pearson(x, y);
        if (Number.isNaN(ref)) expect(r).toBeNaN();
        else expect(r).toBeCloseTo(ref, 12);
      }),
      FC,
    );
  });

  it('works on offset windows without copying', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [0, 0, 1, 2, 3, 4];
    expect(pearsonWithN(x, y, 0, 2, 4)).toEqual({ r: 1, n: 4 });
  });

  it('treats a constant side as undefined despite round-off', () => {
    expect(pearsonWithN([0.1, 0.1, 0.1, 0.1], [1, 2, 3, 4]).r).toBeNaN();
  });
});

describe('timeOrder / medianStep', () => {
  it('skips NaN times and sorts only when needed', () => {
    expect(timeOrder([1, NaN, 2])).toEqual({ order: Int32Array.from([0, 2]), sorted: true });
    expect(timeOrder([5, 1, NaN, 3])).toEqual({ order: Int32Array.from([1, 3, 0]), sorted: false });
  });

  it('is the median positive difference, ignoring duplicates', () => {
    expect(medianStep([0, 10, 20, 20, 30, 100])).toBe(10);
    expect(medianStep([0, 10, 30])).toBe(15);
    expect(medianStep([5])).toBeNaN();
  });
});

describe('quantileSorted / medianInPlace', () => {
  const arb = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 80 });

  it('quantileSorted equals the domain quantile on sorted input', () => {
    fc.assert(
      fc.property(arb, fc.double({ min: 0, max: 1, noNaN: true }), (v, q) => {
        const sorted = Float64Array.from(v).sort();
        const ref = quantile(sorted, q);
        if (Number.isNaN(ref)) expect(quantileSorted(sorted, q)).toBeNaN();
        else expect(quantileSorted(sorted, q)).toBe(ref);
      }),
      FC,
    );
  });

  it('medianInPlace equals the domain median (many ties too)', () => {
    const tied = fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 80 });
    fc.assert(
      fc.property(fc.oneof(arb, tied), (v) => {
        const ref = median(v);
        const got = medianInPlace(Float64Array.from(v));
        if (Number.isNaN(ref)) expect(got).toBeNaN();
        else expect(got).toBe(ref);
      }),
      FC,
    );
  });
});
