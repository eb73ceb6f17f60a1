import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, skewness, std } from '../../domain/math/descriptive';
import { boxPlotStats, describeValues, histogram } from './describe';
import { quantileSorted, selectRanks } from './series';

/**
 * describe.ts finds quantiles by selection, not sorting: checked here against the naive
 * definitions read off a sorted copy (the implementation it replaced), on random data with NaN,
 * ±Infinity, signed zeros and many ties. Order statistics must agree exactly (Object.is, so −0
 * and +0 too); mean, sd and skewness are summed in a different order, so to round-off.
 */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 3 }) }, // ties
  { weight: 1, arbitrary: fc.constantFrom(NaN, -0, 0, Infinity, -Infinity) },
);
const series = fc.array(value, { maxLength: 300 });

function sortedValid(values: readonly number[], finiteOnly = false): Float64Array {
  return Float64Array.from(values)
    .filter((v) => (finiteOnly ? Number.isFinite(v) : !Number.isNaN(v)))
    .sort();
}

function close(actual: number, expected: number): void {
  if (!Number.isFinite(expected)) {
    expect(actual).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('describe: selection equals sorting', () => {
  it('selectRanks places every wanted order statistic where a sort would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 400 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (values, picks) => {
          const a = Float64Array.from(values);
          const ranks = picks.map((p) => p % a.length);
          const sorted = Float64Array.from(values).sort();
          selectRanks(a, ranks);
          for (const k of ranks) expect(a[k]).toBe(sorted[k]);
          expect(Float64Array.from(a).sort()).toEqual(sorted); // a permutation of the input
        },
      ),
    );
  });

  it('describeValues matches the sorted-copy definitions', () => {
    fc.assert(
      fc.property(series, (values) => {
        const s = sortedValid(values);
        const n = s.length;
        const got = describeValues(values);
        expect(got.count).toBe(n);
        expect(got.missing).toBe(values.length - n);
        const q = (p: number) => quantileSorted(s, p);
        expect({
          min: got.min,
          p5: got.p5,
          p25: got.p25,
          median: got.median,
          p75: got.p75,
          p95: got.p95,
          max: got.max,
        }).toEqual({
          min: n === 0 ? NaN : s[0],
          p5: q(0.05),
          p25: q(0.25),
          median: q(0.5),
          p75: q(0.75),
          p95: q(0.95),
          max: n === 0 ? NaN : s[n - 1],
        });
        close(got.mean, mean(s));
        close(got.sd, std(s));
        // Skewness divides by a power of the variance: with infinities or tiny spreads both
        // forms are NaN / 0 / huge together; compare where the data are finite and spread.
        if (s.every(Number.isFinite)) {
          const ref = skewness(s);
          if (Number.isNaN(ref)) expect(got.skewness).toBeNaN();
          else
            expect(Math.abs(got.skewness - ref)).toBeLessThanOrEqual(
              1e-6 * Math.max(1, Math.abs(ref)),
            );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('boxPlotStats matches a scan of the sorted values, exactly', () => {
    fc.assert(
      fc.property(series, fc.constantFrom(0, 1.5, 3), (values, k) => {
        const s = sortedValid(values);
        const n = s.length;
        const q1 = quantileSorted(s, 0.25);
        const q3 = quantileSorted(s, 0.75);
        const iqr = q3 - q1;
        const lowerFence = q1 - k * iqr;
        const upperFence = q3 + k * iqr;
        let lo = 0;
        while (lo < n && (s[lo] as number) < lowerFence) lo++;
        let hi = n - 1;
        while (hi >= 0 && (s[hi] as number) > upperFence) hi--;
        expect(boxPlotStats(values, k)).toEqual({
          n,
          min: n === 0 ? NaN : s[0],
          q1,
          median: quantileSorted(s, 0.5),
          q3,
          max: n === 0 ? NaN : s[n - 1],
          iqr,
          lowerFence,
          upperFence,
          whiskerLow: n === 0 ? NaN : Math.min(s[lo] as number, q1),
          whiskerHigh: n === 0 ? NaN : Math.max(s[hi] as number, q3),
          outliersLow: n === 0 ? 0 : lo,
          outliersHigh: n === 0 ? 0 : n - 1 - hi,
          outlierCount: n === 0 ? 0 : lo + n - 1 - hi,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('histogram bins as on the sorted finite values (Freedman–Diaconis from their IQR)', () => {
    fc.assert(
      fc.property(series, (values) => {
        const s = sortedValid(values, true);
        const h = histogram(values);
        expect(h.n).toBe(s.length);
        if (s.length === 0) return;
        // edges[i] = min + i·width, so edges[0] is +0 even for a −0 minimum.
        expect(h.edges[0]).toBe(
          s[0] === s[s.length - 1] ? (s[0] as number) - 0.5 : (s[0] as number) + 0 * h.binWidth,
        );
        expect(h.edges[h.edges.length - 1]).toBe(
          s[0] === s[s.length - 1] ? (s[0] as number) + 0.5 : s[s.length - 1],
        );
        if (h.rule === 'freedman-diaconis') {
          const iqr = quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
          const k = Math.min(
            100,
            Math.ceil((s[s.length - 1]! - s[0]!) / ((2 * iqr) / Math.cbrt(s.length))),
          );
          expect(h.counts.length).toBe(Math.max(1, k));
        }
        // Every finite value lands in the bin its edges say.
        const counts = new Uint32Array(h.counts.length);
        for (const v of s) {
          let b = h.counts.length - 1;
          while (b > 0 && v < (h.edges[b] as number)) b--;
          counts[b]!++;
        }
        expect(h.counts).toEqual(counts);
      }),
      { numRuns: 500 },
    );
  });
});
