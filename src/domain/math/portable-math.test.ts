import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { portableExp, portableLog } from './portable-math';

const FC = { seed: 31337, numRuns: 2000 };

/** Relative difference, measured in units of Number.EPSILON. */
function ulps(a: number, b: number): number {
  return Math.abs(a - b) / (Math.abs(b) * Number.EPSILON);
}

describe('portableLog', () => {
  it('special values match Math.log', () => {
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(NaN)).toBeNaN();
    expect(portableLog(Infinity)).toBe(Infinity);
    expect(portableLog(1)).toBe(0);
  });

  it('is within a few ulp of Math.log, including subnormals', () => {
    fc.assert(
      fc.property(fc.double({ min: 5e-324, max: 1.7e308, noNaN: true }), (x) => {
        const ref = Math.log(x);
        if (Math.abs(ref) < 1e-3) expect(Math.abs(portableLog(x) - ref)).toBeLessThan(1e-18);
        else expect(ulps(portableLog(x), ref)).toBeLessThan(4);
      }),
      FC,
    );
    expect(ulps(portableLog(Number.MIN_VALUE), Math.log(Number.MIN_VALUE))).toBeLessThan(4);
  });
});

describe('portableExp', () => {
  it('special values match Math.exp', () => {
    expect(portableExp(0)).toBe(1);
    expect(portableExp(1000)).toBe(Infinity);
    expect(portableExp(-1000)).toBe(0);
    expect(portableExp(NaN)).toBeNaN();
  });

  it('is within a few ulp of Math.exp on the normal range', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 709.7, noNaN: true }), (x) => {
        expect(ulps(portableExp(x), Math.exp(x))).toBeLessThan(4);
      }),
      FC,
    );
  });

  it('round-trips with portableLog', () => {
    for (const x of [1e-300, 1e-5, 0.3, 2, 1234.5, 1e300]) {
      expect(ulps(portableExp(portableLog(x)), x)).toBeLessThan(1024);
    }
  });
});
