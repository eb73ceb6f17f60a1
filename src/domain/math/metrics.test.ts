import { describe, expect, it } from 'vitest';
import {
  intervalCoverage,
  mae,
  mape,
  meanIntervalWidth,
  r2,
  regressionReport,
  rmse,
} from './metrics';

describe('point metrics on a hand-computed example', () => {
  // errors yTrue − yPred = [-1, 0, 1, 2]
  const yTrue = [10, 20, 30, 40];
  const yPred = [11, 20, 29, 38];

  it('mae = (1 + 0 + 1 + 2) / 4', () => {
    expect(mae(yTrue, yPred)).toBe(1);
  });

  it('rmse = sqrt((1 + 0 + 1 + 4) / 4)', () => {
    expect(rmse(yTrue, yPred)).toBeCloseTo(Math.sqrt(1.5), 14);
  });

  it('r2 = 1 − 6 / 500', () => {
    // SSres = 6, mean 25 → SStot = 225 + 25 + 25 + 225 = 500.
    expect(r2(yTrue, yPred)).toBeCloseTo(1 - 6 / 500, 14);
  });

  it('mape = mean(1/10, 0, 1/30, 2/40) · 100', () => {
    expect(mape(yTrue, yPred)).toBeCloseTo(((0.1 + 0 + 1 / 30 + 0.05) / 4) * 100, 12);
  });
});

describe('edge cases', () => {
  it('perfect prediction gives r2 = 1 and zero errors', () => {
    const y = [1.5, 2, 7, 3];
    expect(r2(y, y)).toBe(1);
    expect(mae(y, y)).toBe(0);
    expect(rmse(y, y)).toBe(0);
  });

  it('r2 with constant yTrue: 1 if exact, else 0', () => {
    expect(r2([5, 5, 5], [5, 5, 5])).toBe(1);
    expect(r2([5, 5, 5], [5, 6, 5])).toBe(0);
  });

  it('r2 can be negative (worse than predicting the mean)', () => {
    expect(r2([1, 2, 3], [3, 2, 1])).toBeCloseTo(-3, 14);
  });

  it('skips rows where either value is NaN', () => {
    expect(mae([1, NaN, 3, 4], [2, 2, NaN, 4])).toBe(0.5);
    expect(rmse([NaN], [1])).toBeNaN();
  });

  it('mape skips |yTrue| < epsilon', () => {
    expect(mape([0, 10], [5, 12])).toBeCloseTo(20, 12);
    expect(mape([0.001, 10], [5, 12], 0.01)).toBeCloseTo(20, 12);
    expect(mape([0, 0], [1, 1])).toBeNaN();
  });

  it('throws on length mismatch', () => {
    expect(() => mae([1, 2], [1])).toThrow(RangeError);
  });
});

describe('intervals', () => {
  it('coverage counts closed intervals', () => {
    const y = [1, 2, 3, 4];
    const lo = [0, 2, 3.5, 0];
    const hi = [2, 3, 4, 3.9];
    // 1∈[0,2] ✓, 2∈[2,3] ✓ (boundary), 3∉[3.5,4], 4∉[0,3.9]
    expect(intervalCoverage(y, lo, hi)).toBe(0.5);
  });

  it('coverage skips NaN rows; width is mean(hi − lo)', () => {
    expect(intervalCoverage([1, 2, NaN], [0, 5, 0], [2, 6, 1])).toBe(0.5);
    expect(meanIntervalWidth([0, 1, NaN], [2, 5, 3])).toBe(3);
  });
});

describe('regressionReport', () => {
  it('bundles metrics, counts used rows and adds interval stats only with bounds', () => {
    const yTrue = [10, 20, 30, 40, NaN];
    const yPred = [11, 20, 29, 38, 1];
    const plain = regressionReport(yTrue, yPred);
    expect(plain.n).toBe(4);
    expect(plain.mae).toBe(1);
    expect(plain).not.toHaveProperty('coverage');
    expect(plain).not.toHaveProperty('width');

    const withIntervals = regressionReport(yTrue, yPred, [9, 19, 29, 39, 0], [12, 21, 31, 39.5, 2]);
    expect(withIntervals.coverage).toBe(0.75);
    expect(withIntervals.width).toBeCloseTo((3 + 2 + 2 + 0.5 + 2) / 5, 14);
  });
});
