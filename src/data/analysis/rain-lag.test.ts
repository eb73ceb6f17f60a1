import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pearson, spearman } from '../../domain/math/descriptive';
import { createRng } from '../../domain/math/random';
import {
  accumulationWindows,
  describeLag,
  laggedCorrelation,
  regularStep,
  rollingAccumulations,
  rollingSum,
} from './rain-lag';

const H = 3_600_000;
const D = 24 * H;

describe('rollingSum', () => {
  it('sums a trailing window; incomplete windows are NaN unless minValid allows', () => {
    const v = [1, 2, 3, NaN, 5, 6];
    expect(Array.from(rollingSum(v, 3))).toEqual([NaN, NaN, 6, NaN, NaN, NaN]);
    expect(Array.from(rollingSum(v, 3, 2))).toEqual([NaN, NaN, 6, 5, 8, 11]);
    expect(Array.from(rollingSum(v, 1))).toEqual([1, 2, 3, NaN, 5, 6]);
    expect(() => rollingSum(v, 0)).toThrow(RangeError);
  });

  it('property: equals the naive window sum (no drift over long series)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(0, 0.2, 0.4, 12.6), fc.constant(NaN)), {
          minLength: 1,
          maxLength: 9000,
          size: 'max',
        }),
        fc.integer({ min: 1, max: 80 }),
        (v, w) => {
          const out = rollingSum(v, w, 1);
          for (let t = 0; t < v.length; t += 97) {
            if (t < w - 1) {
              expect(out[t]).toBeNaN();
              continue;
            }
            const win = v.slice(t - w + 1, t + 1).filter((x) => !Number.isNaN(x));
            if (win.length === 0) expect(out[t]).toBeNaN();
            else
              expect(out[t]).toBeCloseTo(
                win.reduce((a, b) => a + b, 0),
                9,
              );
          }
        },
      ),
      { seed: 31, numRuns: 40 },
    );
  });
});

describe('accumulation windows', () => {
  it('uses hours for sub-daily data and days for daily data', () => {
    expect(accumulationWindows(H).map((w) => [w.label, w.steps])).toEqual([
      ['1 h', 1],
      ['6 h', 6],
      ['24 h', 24],
      ['72 h', 72],
    ]);
    expect(accumulationWindows(10 * 60_000).map((w) => w.steps)).toEqual([6, 36, 144, 432]);
    expect(accumulationWindows(D).map((w) => [w.label, w.steps])).toEqual([
      ['1 d', 1],
      ['3 d', 3],
      ['7 d', 7],
      ['30 d', 30],
    ]);
    expect(accumulationWindows(4 * H).map((w) => w.label)).toEqual(['24 h', '72 h']);
  });

  it('requires a regular axis', () => {
    const time = [0, H, 2 * H, 3 * H];
    const acc = rollingAccumulations(time, [1, 1, 1, 1]);
    expect(acc.map((a) => a.window.label)).toEqual(['1 h', '6 h', '24 h', '72 h']);
    expect(Array.from(acc[0]!.values)).toEqual([1, 1, 1, 1]);
    expect(regularStep(time)).toBe(H);
    expect(() => regularStep([0, H, 3 * H])).toThrow(/irregular/);
    expect(() => regularStep([0])).toThrow(RangeError);
  });
});

describe('laggedCorrelation', () => {
  function planted(lag: number, seed: number, n = 2000) {
    const rng = createRng(seed);
    const rain = Array.from({ length: n }, () => (rng.next() < 0.05 ? rng.uniform(1, 20) : 0));
    const turb = rain.map((_, t) => 5 + (t >= lag ? 3 * rain[t - lag]! : 0) + rng.normal());
    return { rain, turb };
  }

  it('recovers a planted lag, with the full curve, Pearson and Spearman', () => {
    const { rain, turb } = planted(6, 1);
    for (const method of ['pearson', 'spearman'] as const) {
      const c = laggedCorrelation(rain, turb, 24, { method });
      expect(c.peakLag).toBe(6);
      expect(c.lags.length).toBe(25);
      expect(c.peakR).toBe(c.r[6]);
      // Each lag's r equals the domain function on the shifted pairs.
      const ref = method === 'pearson' ? pearson : spearman;
      for (const k of [0, 6, 13]) {
        expect(c.r[k]).toBeCloseTo(ref(rain.slice(0, rain.length - k), turb.slice(k)), 10);
        expect(c.n[k]).toBe(rain.length - k);
      }
    }
  });

  it('property: the planted lag is found for any lag and seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer(), (lag, seed) => {
        const { rain, turb } = planted(lag, seed);
        expect(laggedCorrelation(rain, turb, 36).peakLag).toBe(lag);
      }),
      { seed: 37, numRuns: 30 },
    );
  });

  it('skips missing values pairwise and honours minPairs', () => {
    const { rain, turb } = planted(3, 2, 400);
    for (let t = 100; t < 150; t++) turb[t] = NaN;
    const c = laggedCorrelation(rain, turb, 5, { minPairs: 360 });
    expect(c.n[0]).toBe(350);
    expect(c.r[0]).toBeNaN(); // 350 pairs < 360
    expect(Number.isNaN(c.r[3]!)).toBe(true);
    const loose = laggedCorrelation(rain, turb, 5);
    expect(loose.peakLag).toBe(3);
    expect(loose.n[3]).toBe(347);
  });

  it('chooses the peak by |r|, max or min', () => {
    const { rain } = planted(0, 3, 500);
    const diluted = rain.map((_, t) => 100 - (t >= 4 ? 2 * rain[t - 4]! : 0));
    expect(laggedCorrelation(rain, diluted, 10).peakLag).toBe(4);
    expect(laggedCorrelation(rain, diluted, 10, { peak: 'min' }).peakLag).toBe(4);
    expect(laggedCorrelation(rain, diluted, 10, { peak: 'min' }).peakR).toBeLessThan(-0.9);
  });

  it('rejects bad input and returns no peak when nothing is defined', () => {
    expect(() => laggedCorrelation([1], [1, 2], 3)).toThrow(RangeError);
    expect(() => laggedCorrelation([1], [1], -1)).toThrow(RangeError);
    const none = laggedCorrelation([NaN, NaN, NaN], [1, 2, 3], 1);
    expect(none.peakLag).toBe(-1);
    expect(none.peakR).toBeNaN();
  });
});

describe('describeLag', () => {
  it('returns the facts for the sentence', () => {
    const rng = createRng(5);
    const rain = Array.from({ length: 1000 }, () => (rng.next() < 0.05 ? rng.uniform(1, 20) : 0));
    const turb = rain.map((_, t) => 5 + (t >= 6 ? rain[t - 6]! : 0) + 0.5 * rng.normal());
    const curve = laggedCorrelation(rain, turb, 24);
    expect(
      describeLag(
        curve,
        'Lluvia Alto Verde (mm)',
        { name: 'Turbiedad agua cruda (NTU)', values: turb },
        H,
      ),
    ).toEqual({
      driver: 'Lluvia Alto Verde (mm)',
      response: 'Turbiedad agua cruda (NTU)',
      method: 'pearson',
      lagSteps: 6,
      lagMs: 6 * H,
      lagHours: 6,
      r: curve.peakR,
      n: 994,
      direction: 'rises',
      strength: 'strong',
      atEdge: false,
      notPrewhitened: true,
    });
    const edge = laggedCorrelation(rain, turb, 6);
    expect(describeLag(edge, 'a', 'b', H).atEdge).toBe(true);
  });
});
