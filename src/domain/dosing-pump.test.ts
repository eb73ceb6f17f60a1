import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pumpRate } from './dosing-pump';
import { kgPerL, litresPerSecond, massFraction, mgPerL } from './units';

const FC = { seed: 9001, numRuns: 200 };

const rate = (dose: number, flow: number, strength: number, density: number) =>
  pumpRate(mgPerL(dose), litresPerSecond(flow), massFraction(strength), kgPerL(density));

describe('pumpRate', () => {
  it('10 mg/L at 100 L/s, pure product of density 1 → 3.6 kg/h and 3.6 L/h', () => {
    // 10 mg/L × 100 L/s = 1000 mg/s = 3.6 kg/h.
    const r = rate(10, 100, 1, 1);
    expect(r).not.toBeNull();
    expect(r?.productKgPerHour).toBeCloseTo(3.6, 12);
    expect(r?.productLitresPerHour).toBeCloseTo(3.6, 12);
  });

  it('a 50 % product needs twice the mass and volume', () => {
    const r = rate(10, 100, 0.5, 1);
    expect(r?.productKgPerHour).toBeCloseTo(7.2, 12);
    expect(r?.productLitresPerHour).toBeCloseTo(7.2, 12);
  });

  it('density divides the volume but not the mass', () => {
    const r = rate(10, 100, 1, 1.3);
    expect(r?.productKgPerHour).toBeCloseTo(3.6, 12);
    expect(r?.productLitresPerHour).toBeCloseTo(3.6 / 1.3, 12);
  });

  it('zero dose or zero flow is a valid zero rate', () => {
    expect(rate(0, 100, 1, 1)).toEqual({ productKgPerHour: 0, productLitresPerHour: 0 });
    expect(rate(10, 0, 1, 1)).toEqual({ productKgPerHour: 0, productLitresPerHour: 0 });
  });

  it.each([
    ['NaN dose', NaN, 100, 1, 1],
    ['negative dose', -1, 100, 1, 1],
    ['infinite dose', Infinity, 100, 1, 1],
    ['NaN flow', 10, NaN, 1, 1],
    ['negative flow', 10, -5, 1, 1],
    ['infinite flow', 10, Infinity, 1, 1],
    ['zero strength', 10, 100, 0, 1],
    ['strength above 1', 10, 100, 1.2, 1],
    ['NaN strength', 10, 100, NaN, 1],
    ['zero density', 10, 100, 1, 0],
    ['negative density', 10, 100, 1, -1.2],
    ['infinite density', 10, 100, 1, Infinity],
    ['NaN density', 10, 100, 1, NaN],
  ])('%s → null', (_label, dose, flow, strength, density) => {
    expect(rate(dose, flow, strength, density)).toBeNull();
  });

  it('is linear in dose × flow and volume × density = mass', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (dose, flow, strength, density) => {
          const r = rate(dose, flow, strength, density);
          expect(r).not.toBeNull();
          const kg = (dose * flow * 3.6e-3) / strength;
          expect(r?.productKgPerHour).toBeCloseTo(kg, 6);
          expect((r?.productLitresPerHour ?? NaN) * density).toBeCloseTo(kg, 6);
        },
      ),
      FC,
    );
  });
});
