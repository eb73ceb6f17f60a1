import { describe, expect, it } from 'vitest';
import { conformalQuantile, conformalQuantileScaled } from './conformal';
import { createRng } from './random';

describe('conformalQuantile', () => {
  it('n = 99 residuals 1..99 at α = 0.1 → the 90th value', () => {
    const r = Array.from({ length: 99 }, (_, i) => i + 1);
    expect(conformalQuantile(r, 0.1)).toBe(90);
    // Order does not matter.
    expect(conformalQuantile(createRng(1).shuffle([...r]), 0.1)).toBe(90);
  });

  it('uses ⌈(n + 1)(1 − α)⌉ without interpolation', () => {
    const r = Array.from({ length: 10 }, (_, i) => i + 1);
    // ⌈11 · 0.9⌉ = 10 → the largest; ⌈11 · 0.5⌉ = 6.
    expect(conformalQuantile(r, 0.1)).toBe(10);
    expect(conformalQuantile(r, 0.5)).toBe(6);
  });

  it('returns +Infinity when there are too few calibration rows', () => {
    expect(conformalQuantile([1, 2, 3, 4, 5, 6, 7, 8], 0.1)).toBe(Infinity);
    expect(conformalQuantile([], 0.1)).toBe(Infinity);
  });

  it('skips NaN, takes |r| and validates α', () => {
    const r = [NaN, ...Array.from({ length: 99 }, (_, i) => -(i + 1))];
    expect(conformalQuantile(r, 0.1)).toBe(90);
    expect(() => conformalQuantile([1, 2], 0)).toThrow(RangeError);
    expect(() => conformalQuantile([1, 2], 1)).toThrow(RangeError);
  });

  it('gives ≈ 90 % coverage on i.i.d. synthetic data', () => {
    const rng = createRng(2025);
    const trials = 200;
    const nCal = 200;
    const nTest = 200;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const cal = Array.from({ length: nCal }, () => Math.abs(rng.normal() * 2 + 0.3));
      const q = conformalQuantile(cal, 0.1);
      for (let i = 0; i < nTest; i++) if (Math.abs(rng.normal() * 2 + 0.3) <= q) covered++;
    }
    const coverage = covered / (trials * nTest);
    // Expected coverage ⌈201·0.9⌉/201 = 181/201 ≈ 0.9005; Monte-Carlo SE ≈ 0.0015.
    expect(coverage).toBeGreaterThan(0.895);
    expect(coverage).toBeLessThan(0.91);
  });
});

describe('conformalQuantileScaled', () => {
  it('equals the plain quantile when all scales are 1, and scales inversely', () => {
    const r = Array.from({ length: 99 }, (_, i) => i + 1);
    expect(conformalQuantileScaled(r, new Array<number>(99).fill(1), 0.1)).toBe(90);
    expect(conformalQuantileScaled(r, new Array<number>(99).fill(2), 0.1)).toBe(45);
  });

  it('gives ≈ 90 % coverage with heteroscedastic noise and q·scale intervals', () => {
    const rng = createRng(77);
    const draw = () => {
      const scale = 0.2 + 3 * rng.next();
      return { scale, r: Math.abs(scale * rng.normal()) };
    };
    let covered = 0;
    let total = 0;
    for (let t = 0; t < 100; t++) {
      const cal = Array.from({ length: 300 }, draw);
      const q = conformalQuantileScaled(
        cal.map((c) => c.r),
        cal.map((c) => c.scale),
        0.1,
      );
      for (let i = 0; i < 300; i++) {
        const { scale, r } = draw();
        if (r <= q * scale) covered++;
        total++;
      }
    }
    expect(Math.abs(covered / total - 0.9)).toBeLessThan(0.01);
  });

  it('skips NaN rows and rejects non-positive scales', () => {
    expect(conformalQuantileScaled([1, NaN, 3], [1, 1, NaN], 0.5)).toBe(1);
    expect(() => conformalQuantileScaled([1, 2], [1, 0], 0.1)).toThrow(RangeError);
    expect(() => conformalQuantileScaled([1, 2], [1], 0.1)).toThrow(RangeError);
  });
});
