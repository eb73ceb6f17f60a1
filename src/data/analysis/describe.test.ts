import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DataTable } from '../data-table';
import { boxPlotStats, describeTable, describeValues, histogram } from './describe';

const FC = { seed: 3, numRuns: 200 };
// numpy 2.x / scipy reference: v = [3, 1, 4, 1, 5, 9, 2, 6, 10.5] (+ one NaN).
const data = [3, 1, 4, 1, 5, 9, 2, 6, NaN, 10.5];

describe('describeValues / describeTable', () => {
  it('matches numpy and scipy (known answer)', () => {
    const s = describeValues(data);
    expect(s.count).toBe(9);
    expect(s.missing).toBe(1);
    expect(s.missingPct).toBe(10);
    expect(s.mean).toBeCloseTo(4.611111111111111, 12);
    expect(s.sd).toBeCloseTo(3.3891165679437925, 12);
    expect([s.min, s.p5, s.p25, s.median, s.p75, s.max]).toEqual([1, 1, 2, 4, 6, 10.5]);
    expect(s.p95).toBeCloseTo(9.9, 12);
    expect(s.skewness).toBeCloseTo(0.7229379308339318, 12); // scipy skew(bias=False)
  });

  it('gives NaN statistics for an empty column', () => {
    const s = describeValues([NaN, NaN]);
    expect(s.count).toBe(0);
    expect(s.missingPct).toBe(100);
    expect(s.mean).toBeNaN();
    expect(s.max).toBeNaN();
    expect(describeValues([]).missingPct).toBeNaN();
  });

  it('describes every numeric column of a table, with its unit', () => {
    const table: DataTable = {
      name: 't',
      rowCount: 2,
      columns: [
        { name: 'Fecha', kind: 'datetime', values: Float64Array.from([0, 1]) },
        { name: 'Turbiedad', kind: 'number', values: Float64Array.from([1, 3]), unit: 'NTU' },
        { name: 'pH', kind: 'number', values: Float64Array.from([7, NaN]) },
      ],
    };
    const rows = describeTable(table);
    expect(rows.map((r) => [r.column, r.unit, r.mean])).toEqual([
      ['Turbiedad', 'NTU', 2],
      ['pH', undefined, 7],
    ]);
  });
});

describe('histogram', () => {
  it('picks Freedman–Diaconis bins like numpy (known answer)', () => {
    const h = histogram(data);
    expect(h.rule).toBe('freedman-diaconis');
    expect(Array.from(h.counts)).toEqual([5, 2, 2]);
    expect(h.edges[1]).toBeCloseTo(4.16666667, 7);
    expect(h.n).toBe(9);
  });

  it('honours a given bin count (numpy bins=4)', () => {
    const h = histogram(data, 4);
    expect(h.rule).toBe('given');
    expect(Array.from(h.counts)).toEqual([4, 2, 1, 2]);
    expect(Array.from(h.edges)).toEqual([1, 3.375, 5.75, 8.125, 10.5]);
  });

  it('caps the bin count and handles IQR = 0, constants and no data', () => {
    const heavy = [...new Array<number>(50).fill(0), 1e6];
    expect(histogram(heavy).rule).toBe('sturges');
    const wide = [...Array.from({ length: 1000 }, (_, i) => i), 1e9];
    expect(histogram(wide, undefined, { maxBins: 30 }).counts.length).toBe(30);
    expect(histogram([2, 2, 2])).toMatchObject({ rule: 'single', n: 3 });
    expect(Array.from(histogram([2, 2, 2]).edges)).toEqual([1.5, 2.5]);
    expect(histogram([NaN, Infinity]).counts.length).toBe(0);
    expect(() => histogram([1, 2], 0)).toThrow(RangeError);
  });

  it('property: counts add up to the finite values and every value is in its bin', () => {
    const arb = fc.array(
      fc.oneof(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.constant(NaN),
        fc.constant(Infinity),
      ),
      {
        maxLength: 200,
      },
    );
    fc.assert(
      fc.property(
        arb,
        fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
        (v, bins) => {
          const h = histogram(v, bins);
          const finite = v.filter((x) => Number.isFinite(x));
          expect(h.n).toBe(finite.length);
          expect(Array.from(h.counts).reduce((a, b) => a + b, 0)).toBe(finite.length);
          for (let i = 1; i < h.edges.length; i++)
            expect(h.edges[i]).toBeGreaterThan(h.edges[i - 1] as number);
          if (finite.length > 0) {
            expect(h.edges[0]).toBeLessThanOrEqual(Math.min(...finite));
            expect(h.edges[h.edges.length - 1]).toBeGreaterThanOrEqual(Math.max(...finite));
          }
          expect(h.counts.length).toBeLessThanOrEqual(bins ?? 100);
        },
      ),
      FC,
    );
  });
});

describe('boxPlotStats', () => {
  it('has numpy quartiles, Tukey fences and whiskers at the last values inside', () => {
    const b = boxPlotStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 100, -50, NaN]);
    expect(b).toEqual({
      n: 11,
      min: -50,
      q1: 2.5,
      median: 5,
      q3: 7.5,
      max: 100,
      iqr: 5,
      lowerFence: -5,
      upperFence: 15,
      whiskerLow: 1,
      whiskerHigh: 9,
      outliersLow: 1,
      outliersHigh: 1,
      outlierCount: 2,
    });
  });

  it('stops a whisker at the box when no value lies between it and the fence', () => {
    // q3 = 2.5 (interpolated), upper fence 6.25, and no value in [2.5, 6.25]: matplotlib's rule.
    expect(boxPlotStats([0, 0, 0, 10])).toMatchObject({
      q3: 2.5,
      whiskerHigh: 2.5,
      outliersHigh: 1,
    });
  });

  it('is all NaN and zero counts without values', () => {
    expect(boxPlotStats([NaN])).toMatchObject({ n: 0, q1: NaN, whiskerLow: NaN, outlierCount: 0 });
  });

  it('property: whiskers lie inside the fences and inside [min, max]; counts add up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 100 }),
        (v) => {
          const b = boxPlotStats(v);
          expect(b.whiskerLow).toBeGreaterThanOrEqual(b.lowerFence);
          expect(b.whiskerHigh).toBeLessThanOrEqual(b.upperFence);
          expect(b.whiskerLow).toBeLessThanOrEqual(b.q1);
          expect(b.whiskerHigh).toBeGreaterThanOrEqual(b.q3);
          expect(b.outlierCount).toBe(v.filter((x) => x < b.lowerFence || x > b.upperFence).length);
        },
      ),
      FC,
    );
  });
});
