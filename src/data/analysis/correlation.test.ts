import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pearson, spearman } from '../../domain/math/descriptive';
import type { DataTable } from '../data-table';
import { correlationMatrix, linearFit, tableCorrelation } from './correlation';

const FC = { seed: 23, numRuns: 120 };

const matrixArb = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 40 }))
  .chain(([p, n]) =>
    fc.array(
      fc.array(
        fc.oneof(
          { weight: 5, arbitrary: fc.integer({ min: -6, max: 6 }) },
          { weight: 1, arbitrary: fc.constant(NaN) },
        ),
        {
          minLength: n,
          maxLength: n,
        },
      ),
      { minLength: p, maxLength: p },
    ),
  )
  .map((cols) => cols.map((values, i) => ({ name: `c${i}`, values })));

describe('correlationMatrix', () => {
  it('property: symmetric, |r| ≤ 1, diagonal 1, cells equal the domain pearson / spearman, n counted', () => {
    fc.assert(
      fc.property(
        matrixArb,
        fc.constantFrom('pearson' as const, 'spearman' as const),
        (series, method) => {
          const m = correlationMatrix(series, method);
          const p = series.length;
          for (let i = 0; i < p; i++) {
            for (let j = 0; j < p; j++) {
              const r = m.r[i * p + j]!;
              expect(
                Object.is(r, m.r[j * p + i]) || (Number.isNaN(r) && Number.isNaN(m.r[j * p + i]!)),
              ).toBe(true);
              const x = series[i]!.values;
              const y = series[j]!.values;
              const ref = method === 'pearson' ? pearson(x, y) : spearman(x, y);
              if (Number.isNaN(ref)) expect(r).toBeNaN();
              else {
                expect(Math.abs(r)).toBeLessThanOrEqual(1);
                if (i === j) expect(r).toBe(1);
                else expect(r).toBeCloseTo(ref, 10);
              }
              const complete = x.filter((v, k) => !Number.isNaN(v) && !Number.isNaN(y[k]!)).length;
              expect(m.n[i * p + j]).toBe(complete);
            }
          }
        },
      ),
      FC,
    );
  });

  it('uses pairwise-complete rows (known answer)', () => {
    const a = [1, 2, 3, 4, NaN];
    const b = [2, 4, 6, 8, 10];
    const c = [NaN, 1, 0, 1, 0];
    const m = correlationMatrix(
      [
        { name: 'a', values: a },
        { name: 'b', values: b },
        { name: 'c', values: c },
      ],
      'pearson',
    );
    expect(m.names).toEqual(['a', 'b', 'c']);
    expect(m.r[1]).toBe(1);
    expect(Array.from(m.n)).toEqual([4, 4, 3, 4, 5, 4, 3, 4, 4]);
    expect(m.r[2]).toBeCloseTo(pearson([2, 3, 4], [1, 0, 1]), 14);
  });

  it('ranks Spearman on each pair’s complete rows (monotone → 1)', () => {
    const x = [1, 10, 100, 1000, NaN, 5];
    const y = [0.1, 0.2, 0.3, 0.4, 0.5, NaN];
    const m = correlationMatrix(
      [
        { name: 'x', values: x },
        { name: 'y', values: y },
      ],
      'spearman',
    );
    expect(m.r[1]).toBeCloseTo(1, 14);
    expect(m.n[1]).toBe(4);
  });

  it('reads the numeric columns of a table and checks lengths', () => {
    const table: DataTable = {
      name: 't',
      rowCount: 3,
      columns: [
        { name: 'Fecha', kind: 'datetime', values: Float64Array.from([0, 1, 2]) },
        { name: 'a', kind: 'number', values: Float64Array.from([1, 2, 3]) },
        { name: 'b', kind: 'number', values: Float64Array.from([3, 2, 1]) },
      ],
    };
    expect(Array.from(tableCorrelation(table).r)).toEqual([1, -1, -1, 1]);
    expect(() =>
      correlationMatrix([
        { name: 'a', values: [1] },
        { name: 'b', values: [1, 2] },
      ]),
    ).toThrow(RangeError);
  });
});

describe('linearFit', () => {
  it('recovers an exact line and skips incomplete pairs', () => {
    expect(linearFit([0, 1, 2, NaN, 4], [1, 3, 5, 100, NaN])).toEqual({
      slope: 2,
      intercept: 1,
      r2: 1,
      n: 3,
    });
  });

  it('has r² = pearson² and undefined cases', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [2, 1, 4, 3, 7, 5];
    const fit = linearFit(x, y);
    expect(fit.r2).toBeCloseTo(pearson(x, y) ** 2, 14);
    // numpy.polyfit(x, y, 1) → slope 0.91428571, intercept 0.46666667
    expect(fit.slope).toBeCloseTo(0.9142857142857143, 12);
    expect(fit.intercept).toBeCloseTo(0.4666666666666667, 12);
    expect(linearFit([1, 1, 1], [1, 2, 3]).slope).toBeNaN();
    expect(linearFit([1, 2, 3], [5, 5, 5])).toMatchObject({ slope: 0, r2: NaN });
    expect(linearFit([1], [1]).n).toBe(1);
  });
});
