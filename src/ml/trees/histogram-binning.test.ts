import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MISSING_BIN, binMatrix, binThreshold, binValue, fitBins } from './histogram-binning';

const valueArb = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, 0, -0, 1, 1, 1, 2.5, Infinity, -Infinity),
  fc.integer({ min: -5, max: 5 }),
);

describe('histogram binning', () => {
  it('bin <= b exactly when value <= the bin threshold; NaN gets bin 0', () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 255 }),
        fc.array(valueArb, { minLength: 1, maxLength: 30 }),
        (train, maxBins, probes) => {
          const mapper = fitBins(Float64Array.from(train), train.length, 1, maxBins);
          const edges = mapper.upperEdges[0]!;
          expect(edges.length).toBeLessThanOrEqual(maxBins);
          expect(mapper.nBins[0]).toBe(edges.length + 1);
          expect(edges[edges.length - 1]).toBe(Infinity);
          for (let i = 1; i < edges.length; i++) expect(edges[i]! > edges[i - 1]!).toBe(true);
          for (const v of [...train, ...probes]) {
            const b = binValue(edges, v);
            if (Number.isNaN(v)) {
              expect(b).toBe(MISSING_BIN);
              continue;
            }
            expect(b).toBeGreaterThanOrEqual(1);
            expect(b).toBeLessThanOrEqual(edges.length);
            for (let s = 1; s <= edges.length; s++) {
              expect(b <= s).toBe(v <= binThreshold(mapper, 0, s));
            }
          }
        },
      ),
      { seed: 21, numRuns: 200 },
    );
  });

  it('gives every distinct value its own bin when they fit', () => {
    const x = Float64Array.from([3, 1, 2, 2, NaN, 1, 3]);
    const mapper = fitBins(x, x.length, 1, 8);
    expect(Array.from(mapper.upperEdges[0]!)).toEqual([1.5, 2.5, Infinity]);
    expect(Array.from(binMatrix(mapper, x, x.length))).toEqual([3, 1, 2, 2, 0, 1, 3]);
  });

  it('makes roughly equal-count bins for continuous data and isolates heavy ties', () => {
    const n = 10000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = i < 3000 ? 0 : Math.sin(i) * 1000; // 30% ties at 0
    const mapper = fitBins(x, n, 1, 64);
    const codes = binMatrix(mapper, x, n);
    const counts = new Array<number>(mapper.nBins[0]!).fill(0);
    for (const c of codes) counts[c]!++;
    const zeroBin = binValue(mapper.upperEdges[0]!, 0);
    expect(counts[zeroBin]).toBeGreaterThanOrEqual(3000);
    expect(counts[zeroBin]).toBeLessThan(3000 + 2 * (7000 / 63));
    expect(mapper.upperEdges[0]!.length).toBeGreaterThan(50);
    const others = counts.filter((_, b) => b !== 0 && b !== zeroBin);
    expect(Math.max(...others)).toBeLessThan(3 * (7000 / 63));
  });

  it('bins column-major and keeps features independent', () => {
    // 3 rows x 2 features, row-major.
    const x = Float64Array.from([1, 10, 2, NaN, 3, 30]);
    const mapper = fitBins(x, 3, 2, 255);
    expect(Array.from(binMatrix(mapper, x, 3))).toEqual([1, 2, 3, 1, 0, 2]);
  });

  it('rejects maxBins outside [2, 255]', () => {
    const x = new Float64Array(4);
    expect(() => fitBins(x, 4, 1, 256)).toThrow(RangeError);
    expect(() => fitBins(x, 4, 1, 1)).toThrow(RangeError);
  });
});
