import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InputRecord } from '../domain/input-record';
import type { FeatureSpec, FeatureTransform } from '../domain/pack-manifest';
import {
  featureMatrix,
  fitStandardisation,
  forwardTarget,
  imputeMean,
  inverseTarget,
  rawFeatureValue,
  type UnfittedFeature,
} from './preprocessing';

const FC = { seed: 424242, numRuns: 200 };

const raw = (input: string, transform: FeatureTransform, rec: InputRecord) =>
  rawFeatureValue(input, transform, rec);

describe('rawFeatureValue', () => {
  it('identity: finite numbers pass through, anything else is NaN', () => {
    const t: FeatureTransform = { kind: 'identity' };
    expect(raw('x', t, { x: 3.25 })).toBe(3.25);
    expect(raw('x', t, { x: -7 })).toBe(-7);
    expect(raw('x', t, { x: null })).toBeNaN();
    expect(raw('x', t, { x: 'abc' })).toBeNaN();
    expect(raw('x', t, { x: Infinity })).toBeNaN();
    expect(raw('x', t, {})).toBeNaN();
  });

  it('log1p: log(1 + v), NaN at or below −1', () => {
    const t: FeatureTransform = { kind: 'log1p' };
    expect(raw('x', t, { x: 0 })).toBe(0);
    expect(raw('x', t, { x: Math.E - 1 })).toBeCloseTo(1, 14);
    expect(raw('x', t, { x: 99 })).toBeCloseTo(Math.log(100), 14);
    expect(raw('x', t, { x: -0.5 })).toBeCloseTo(Math.log(0.5), 14);
    expect(raw('x', t, { x: -1 })).toBeNaN();
    expect(raw('x', t, { x: -2 })).toBeNaN();
    expect(raw('x', t, { x: null })).toBeNaN();
  });

  it('log1pDelta: log1p(current) − log1p(previous), NaN if either is missing', () => {
    const t: FeatureTransform = { kind: 'log1pDelta', previous: 'prev_x' };
    expect(raw('x', t, { x: 9, prev_x: 0 })).toBeCloseTo(Math.log(10), 14);
    expect(raw('x', t, { x: 0, prev_x: 9 })).toBeCloseTo(-Math.log(10), 14);
    expect(raw('x', t, { x: 19, prev_x: 19 })).toBe(0);
    expect(raw('x', t, { x: 5, prev_x: null })).toBeNaN();
    expect(raw('x', t, { x: null, prev_x: 5 })).toBeNaN();
    expect(raw('x', t, { x: 5, prev_x: -3 })).toBeNaN();
  });

  it('groupRatio: value / reference of its group, NaN for an unknown or missing group', () => {
    const t: FeatureTransform = {
      kind: 'groupRatio',
      group: 'plant',
      reference: { aaa: 20, bbb: 4 },
    };
    expect(raw('flow', t, { flow: 30, plant: 'aaa' })).toBe(1.5);
    expect(raw('flow', t, { flow: 30, plant: 'bbb' })).toBe(7.5);
    expect(raw('flow', t, { flow: 30, plant: 'zzz' })).toBeNaN();
    expect(raw('flow', t, { flow: 30, plant: null })).toBeNaN();
    expect(raw('flow', t, { flow: 30 })).toBeNaN();
    expect(raw('flow', t, { flow: null, plant: 'aaa' })).toBeNaN();
    // Object.prototype members are not groups.
    expect(raw('flow', t, { flow: 30, plant: 'toString' })).toBeNaN();
    expect(raw('flow', t, { flow: 30, plant: '__proto__' })).toBeNaN();
  });

  describe('cyclic month (period 12, Jan 1st 00:00 = 0)', () => {
    const sin: FeatureTransform = { kind: 'cyclic', period: 'month', part: 'sin' };
    const cos: FeatureTransform = { kind: 'cyclic', period: 'month', part: 'cos' };
    const at = (ms: number) => ({ t: ms });

    it('1 Jan 00:00 → sin 0, cos 1', () => {
      const r = at(Date.UTC(2015, 0, 1));
      expect(raw('t', sin, r)).toBeCloseTo(0, 14);
      expect(raw('t', cos, r)).toBeCloseTo(1, 14);
    });

    it('1 Jul 00:00 → half a period: sin 0, cos −1', () => {
      const r = at(Date.UTC(2015, 6, 1));
      expect(raw('t', sin, r)).toBeCloseTo(0, 12);
      expect(raw('t', cos, r)).toBeCloseTo(-1, 12);
    });

    it('1 Apr → a quarter period (sin 1); mid-February is month 1.5', () => {
      expect(raw('t', sin, at(Date.UTC(2015, 3, 1)))).toBeCloseTo(1, 12);
      // 15 Feb 2015 00:00: month 1 + 14/28 days.
      expect(raw('t', sin, at(Date.UTC(2015, 1, 15)))).toBeCloseTo(
        Math.sin((2 * Math.PI * 1.5) / 12),
        12,
      );
    });

    it('missing time → NaN', () => {
      expect(raw('t', sin, { t: null })).toBeNaN();
      expect(raw('t', cos, {})).toBeNaN();
    });
  });

  describe('cyclic hour of day (period 24)', () => {
    const sin: FeatureTransform = { kind: 'cyclic', period: 'hourOfDay', part: 'sin' };
    const cos: FeatureTransform = { kind: 'cyclic', period: 'hourOfDay', part: 'cos' };

    it('06:00 → sin 1, cos 0; 00:00 → sin 0, cos 1', () => {
      const six = { t: Date.UTC(2015, 4, 9, 6, 0) };
      expect(raw('t', sin, six)).toBeCloseTo(1, 14);
      expect(raw('t', cos, six)).toBeCloseTo(0, 14);
      const midnight = { t: Date.UTC(2015, 4, 9) };
      expect(raw('t', sin, midnight)).toBeCloseTo(0, 14);
      expect(raw('t', cos, midnight)).toBeCloseTo(1, 14);
    });

    it('counts minutes: 18:30 is hour 18.5', () => {
      const r = { t: Date.UTC(2015, 4, 9, 18, 30) };
      expect(raw('t', sin, r)).toBeCloseTo(Math.sin((2 * Math.PI * 18.5) / 24), 14);
    });

    it('lies on the unit circle for any time', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
          const s = raw('t', sin, { t: ms });
          const c = raw('t', cos, { t: ms });
          expect(s * s + c * c).toBeCloseTo(1, 12);
        }),
        FC,
      );
    });
  });

  it('hoursSince: hours between two datetimes, NaN if either is missing', () => {
    const t: FeatureTransform = { kind: 'hoursSince', previous: 'prev_t' };
    const now = Date.UTC(2015, 0, 2, 6, 30);
    expect(raw('t', t, { t: now, prev_t: Date.UTC(2015, 0, 1, 6, 0) })).toBe(24.5);
    expect(raw('t', t, { t: now, prev_t: null })).toBeNaN();
    expect(raw('t', t, { t: null, prev_t: now })).toBeNaN();
  });

  it('oneHot: 1 for the category, 0 for another, NaN when missing or not a category', () => {
    const t: FeatureTransform = { kind: 'oneHot', category: 'aaa' };
    expect(raw('plant', t, { plant: 'aaa' })).toBe(1);
    expect(raw('plant', t, { plant: 'bbb' })).toBe(0);
    expect(raw('plant', t, { plant: null })).toBeNaN();
    expect(raw('plant', t, {})).toBeNaN();
    expect(raw('plant', t, { plant: 1 })).toBeNaN();
  });
});

const X: UnfittedFeature = { name: 'x', input: 'x', transform: { kind: 'identity' } };
const LOGX: UnfittedFeature = { name: 'log_x', input: 'x', transform: { kind: 'log1p' } };

describe('fitStandardisation', () => {
  it('uses the n − 1 divisor and skips missing values', () => {
    const recs: InputRecord[] = [{ x: 1 }, { x: 2 }, { x: null }, { x: 3 }, { x: 4 }, {}];
    const [f] = fitStandardisation([X], recs);
    expect(f?.mean).toBe(2.5);
    expect(f?.std).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(f).toMatchObject({ name: 'x', input: 'x', transform: { kind: 'identity' } });
  });

  it('gives mean ≈ 0 and std ≈ 1 on the training rows it was fitted on', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { nil: null }), {
          minLength: 3,
          maxLength: 60,
        }),
        (values) => {
          const finite = values.filter((v): v is number => v !== null);
          fc.pre(finite.length >= 2);
          const spread = Math.max(...finite) - Math.min(...finite);
          fc.pre(spread > 1e-3);
          const recs = values.map((x) => ({ x }));
          const features = fitStandardisation([X], recs);
          const z = [...featureMatrix(features, recs)].filter((v) => !Number.isNaN(v));
          expect(z).toHaveLength(finite.length);
          const m = z.reduce((a, b) => a + b, 0) / z.length;
          const s = Math.sqrt(z.reduce((a, b) => a + (b - m) ** 2, 0) / (z.length - 1));
          expect(m).toBeCloseTo(0, 8);
          expect(s).toBeCloseTo(1, 8);
        },
      ),
      FC,
    );
  });

  it('fits each feature on its own transform', () => {
    const recs = [{ x: 0 }, { x: Math.E - 1 }, { x: Math.E ** 2 - 1 }];
    const [fx, flog] = fitStandardisation([X, LOGX], recs);
    expect(fx?.mean).toBeCloseTo((Math.E + Math.E ** 2 - 2) / 3, 12);
    expect(flog?.mean).toBeCloseTo(1, 12);
    expect(flog?.std).toBeCloseTo(1, 12);
  });

  it('gives std 1 to an all-missing column (mean 0) and to a single value', () => {
    expect(fitStandardisation([X], [{ x: null }, {}])[0]).toMatchObject({ mean: 0, std: 1 });
    expect(fitStandardisation([X], [])[0]).toMatchObject({ mean: 0, std: 1 });
    expect(fitStandardisation([X], [{ x: 5 }, { x: null }])[0]).toMatchObject({
      mean: 5,
      std: 1,
    });
  });

  it('gives std 1 to a constant column, whatever its value and length', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.double({ min: 1e12, max: 2e12, noNaN: true }),
        ),
        fc.integer({ min: 2, max: 200 }),
        (c, n) => {
          const recs = Array.from({ length: n }, () => ({ x: c }));
          const [f] = fitStandardisation([X], recs);
          expect(f?.std).toBe(1);
          expect(Math.abs((f?.mean ?? NaN) - c)).toBeLessThanOrEqual(
            1e-14 * Math.max(1, Math.abs(c)),
          );
          // A new value then moves the feature by its raw difference, not by a blown-up ratio.
          const [z] = featureMatrix(f ? [f] : [], [{ x: c + 1 }]);
          expect(Math.abs((z ?? NaN) - 1)).toBeLessThan(1e-9 + 1e-14 * Math.abs(c));
        },
      ),
      FC,
    );
  });
});

describe('featureMatrix', () => {
  const features: FeatureSpec[] = [
    { name: 'a', input: 'a', transform: { kind: 'identity' }, mean: 10, std: 2 },
    { name: 'b', input: 'b', transform: { kind: 'oneHot', category: 'p' }, mean: 0.5, std: 0.5 },
  ];

  it('is row-major [rows, features] of (value − mean) / std', () => {
    const x = featureMatrix(features, [
      { a: 14, b: 'p' },
      { a: 6, b: 'q' },
    ]);
    expect([...x]).toEqual([2, 1, -2, -1]);
  });

  it('keeps NaN where a value is missing', () => {
    const x = featureMatrix(features, [{ a: null, b: 'p' }, { a: 12 }]);
    expect(x[0]).toBeNaN();
    expect(x[1]).toBe(1);
    expect(x[2]).toBe(1);
    expect(x[3]).toBeNaN();
  });

  it('is empty for no rows', () => {
    expect(featureMatrix(features, [])).toHaveLength(0);
  });
});

describe('imputeMean', () => {
  it('replaces NaN by 0 (the standardised mean) in a copy', () => {
    const x = new Float64Array([1.5, NaN, -2, NaN]);
    const out = imputeMean(x);
    expect([...out]).toEqual([1.5, 0, -2, 0]);
    expect(out).not.toBe(x);
    expect(x[1]).toBeNaN();
  });
});

describe('forwardTarget / inverseTarget', () => {
  it('identity leaves the target alone', () => {
    expect(forwardTarget({ transform: 'identity' }, -3.5)).toBe(-3.5);
    expect(inverseTarget({ transform: 'identity' }, -3.5)).toBe(-3.5);
  });

  it('log1p maps 0 → 0, e − 1 → 1, and ≤ −1 → NaN', () => {
    expect(forwardTarget({ transform: 'log1p' }, 0)).toBe(0);
    expect(forwardTarget({ transform: 'log1p' }, Math.E - 1)).toBeCloseTo(1, 14);
    expect(forwardTarget({ transform: 'log1p' }, -1)).toBeNaN();
    expect(inverseTarget({ transform: 'log1p' }, 1)).toBeCloseTo(Math.E - 1, 14);
  });

  it('inverse(forward(y)) = y for both transforms', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('identity' as const, 'log1p' as const),
        fc.double({ min: -0.99, max: 1e5, noNaN: true }),
        (transform, y) => {
          const back = inverseTarget({ transform }, forwardTarget({ transform }, y));
          expect(Math.abs(back - y)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y)));
        },
      ),
      FC,
    );
  });
});
