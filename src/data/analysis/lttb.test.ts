import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lttb, lttbThreshold } from './lttb';

const FC = { seed: 17, numRuns: 300 };

/** Steinarsson's reference LTTB (no gaps, no extremes), for a known-answer comparison. */
function reference(data: [number, number][], threshold: number): [number, number][] {
  const n = data.length;
  if (threshold >= n || threshold === 0) return data;
  const sampled: [number, number][] = [];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  sampled.push(data[a]!);
  for (let i = 0; i < threshold - 2; i++) {
    let avgX = 0;
    let avgY = 0;
    let avgStart = Math.floor((i + 1) * every) + 1;
    let avgEnd = Math.floor((i + 2) * every) + 1;
    avgEnd = avgEnd < n ? avgEnd : n;
    const len = avgEnd - avgStart;
    for (; avgStart < avgEnd; avgStart++) {
      avgX += data[avgStart]![0];
      avgY += data[avgStart]![1];
    }
    avgX /= len;
    avgY /= len;
    let rangeOffs = Math.floor(i * every) + 1;
    const rangeTo = Math.floor((i + 1) * every) + 1;
    const [ax, ay] = data[a]!;
    let maxArea = -1;
    let next = rangeOffs;
    for (; rangeOffs < rangeTo; rangeOffs++) {
      const area =
        Math.abs(
          (ax - avgX) * (data[rangeOffs]![1] - ay) - (ax - data[rangeOffs]![0]) * (avgY - ay),
        ) * 0.5;
      if (area > maxArea) {
        maxArea = area;
        next = rangeOffs;
      }
    }
    sampled.push(data[next]!);
    a = next;
  }
  sampled.push(data[n - 1]!);
  return sampled;
}

// Missing values from frequent (fragmented) to rare (a few segments), so both gap modes run.
const seriesArb = fc
  .integer({ min: 2, max: 60 })
  .chain((validWeight) =>
    fc.array(
      fc.oneof(
        { weight: validWeight, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
        { weight: 1, arbitrary: fc.constant(NaN) },
      ),
      { maxLength: 400, size: 'max' },
    ),
  )
  .map((y) => ({ x: y.map((_, i) => i * 10 + 5), y }));

describe('lttb', () => {
  it('matches the reference algorithm where it keeps both extremes', () => {
    // Trend plus wiggles: the minimum is the first point and the maximum the last.
    const y = Array.from({ length: 500 }, (_, i) => i / 5 + Math.sin(i / 3) * 8 + (i % 7));
    const x = y.map((_, i) => i);
    const out = lttb(x, y, 52); // 50 from LTTB + 2 reserved for the extremes
    const ref = reference(
      x.map((xi, i) => [xi, y[i]!]),
      50,
    );
    const refHasExtremes =
      ref.some(([, v]) => v === Math.max(...y)) && ref.some(([, v]) => v === Math.min(...y));
    expect(refHasExtremes).toBe(true);
    expect(Array.from(out.x)).toEqual(ref.map(([a]) => a));
    expect(Array.from(out.y)).toEqual(ref.map(([, b]) => b));
  });

  it('adds the global max back when the buckets would drop it', () => {
    // Plain LTTB with 5 points drops the 9 (index 7) of this series.
    const y = [4, 7, 1, 5, 6, 5, 5, 9, 0, 6, 5, 8];
    const x = y.map((_, i) => i);
    const ref = reference(
      x.map((xi, i) => [xi, y[i]!]),
      5,
    );
    expect(ref.map(([i]) => i)).toEqual([0, 2, 4, 8, 11]);
    const out = lttb(x, y, 7); // 5 from LTTB + 2 reserved for the extremes
    expect(Array.from(out.index)).toEqual([0, 2, 4, 7, 8, 11]);
    expect(Array.from(out.y)).toEqual([4, 1, 6, 9, 0, 8]);
  });

  it('returns short input unchanged, including its NaN', () => {
    const out = lttb([1, 2, 3], [5, NaN, 7], 10);
    expect(Array.from(out.y)).toEqual([5, NaN, 7]);
    expect(Array.from(out.index)).toEqual([0, 1, 2]);
  });

  it('marks each gap with one NaN point halfway across it', () => {
    const y = Array.from({ length: 300 }, (_, i) => (i >= 100 && i < 120 ? NaN : Math.cos(i / 9)));
    const x = y.map((_, i) => i);
    const out = lttb(x, y, 40);
    expect(out.gapsMarked).toBe(true);
    const markers = Array.from(out.y.keys()).filter((j) => Number.isNaN(out.y[j]));
    expect(markers).toHaveLength(1);
    const m = markers[0]!;
    expect(out.x[m]).toBe((99 + 120) / 2);
    expect(out.index[m]).toBe(100);
    expect(out.index[m - 1]).toBe(99);
    expect(out.index[m + 1]).toBe(120);
  });

  it('drops the markers when the data are too fragmented for the budget', () => {
    const y = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? i : NaN));
    const out = lttb(
      y.map((_, i) => i),
      y,
      20,
    );
    expect(out.gapsMarked).toBe(false);
    expect(Array.from(out.y).some(Number.isNaN)).toBe(false);
    expect(out.y.length).toBeLessThanOrEqual(20);
  });

  it('throws on length mismatch; the threshold is at least 4', () => {
    expect(() => lttb([1], [1, 2], 10)).toThrow(RangeError);
    const ramp = Array.from({ length: 10 }, (_, i) => i);
    expect(Array.from(lttb(ramp, ramp, 1).index)).toEqual([0, 9]);
    expect(lttbThreshold(1000)).toBe(2000);
    expect(lttbThreshold(0)).toBe(4);
  });

  it('property: length ≤ threshold, ends and extremes kept, x and indices increasing', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 4, max: 120 }), ({ x, y }, threshold) => {
        const out = lttb(x, y, threshold);
        expect(out.x.length).toBeLessThanOrEqual(Math.max(threshold, 4));
        expect(out.y.length).toBe(out.x.length);
        for (let j = 1; j < out.x.length; j++) {
          expect(out.x[j]).toBeGreaterThan(out.x[j - 1]!);
          expect(out.index[j]).toBeGreaterThan(out.index[j - 1]!);
        }
        const valid = y.map((v, i) => (Number.isNaN(v) ? -1 : i)).filter((i) => i >= 0);
        if (valid.length === 0) return;
        const kept = new Set(Array.from(out.index).filter((_, j) => !Number.isNaN(out.y[j])));
        expect(kept.has(valid[0]!)).toBe(true);
        expect(kept.has(valid[valid.length - 1]!)).toBe(true);
        const ys = valid.map((i) => y[i]!);
        const keptY = Array.from(out.y).filter((v) => !Number.isNaN(v));
        expect(keptY).toContain(Math.max(...ys));
        expect(keptY).toContain(Math.min(...ys));
        if (y.length <= Math.max(threshold, 4)) {
          expect(Array.from(out.y)).toEqual(y);
          return;
        }
        // Real points are input points; markers sit between two kept points across a gap.
        out.index.forEach((i, j) => {
          if (Number.isNaN(out.y[j])) {
            expect(Number.isNaN(y[i]!)).toBe(true);
            expect(Number.isNaN(out.y[j - 1]!) || Number.isNaN(out.y[j + 1]!)).toBe(false);
          } else {
            expect(out.y[j]).toBe(y[i]);
            expect(out.x[j]).toBe(x[i]);
          }
        });
        // With markers on, every gap between consecutive kept points has its marker.
        if (out.gapsMarked) {
          for (let j = 1; j < out.index.length; j++) {
            if (Number.isNaN(out.y[j]) || Number.isNaN(out.y[j - 1])) continue;
            for (let i = out.index[j - 1]! + 1; i < out.index[j]!; i++)
              expect(Number.isNaN(y[i]!)).toBe(false);
          }
        }
      }),
      FC,
    );
  });
});
