import { describe, expect, it } from 'vitest';
import { leastDoseForTarget } from './reverse';

/** A monotone toy head: settled = 100 / (1 + dose). */
const monotone = async (doses: readonly number[]) => Float64Array.from(doses, (d) => 100 / (1 + d));

describe('leastDoseForTarget', () => {
  it('finds the known answer on a monotone toy head (100/(1+d) ≤ 10 ⇔ d ≥ 9)', async () => {
    const r = await leastDoseForTarget(monotone, 10, 25);
    expect(r.dose).toBeCloseTo(9, 5);
    expect(r.settledAtDose).toBeLessThanOrEqual(10);
    expect(r.searched).toEqual([0, 25]);
    // The forecast at both ends of the search, for the operator to see how much the dose matters.
    expect(r.settledRange[0]).toBeCloseTo(100, 12);
    expect(r.settledRange[1]).toBeCloseTo(100 / 26, 12);
    expect(r.weakEffect).toBe(false);
  });

  it('calls a dose effect weak when the whole range moves the forecast by under 10 %', async () => {
    const flat = async (doses: readonly number[]) => Float64Array.from(doses, (d) => 2 - 0.005 * d);
    const r = await leastDoseForTarget(flat, 1.95, 25);
    expect(r.dose).toBeCloseTo(10, 5);
    expect(r.weakEffect).toBe(true);
  });

  it('returns 0 when no coagulant is needed, null with the top-of-range forecast when none is enough', async () => {
    expect((await leastDoseForTarget(monotone, 200, 25)).dose).toBe(0);
    const none = await leastDoseForTarget(monotone, 1, 25);
    expect(none.dose).toBeNull();
    expect(none.settledAtDose).toBeCloseTo(100 / 26, 12);
  });

  it('takes the first crossing of a non-monotone curve, and always meets the target', async () => {
    // Dips below 5 around d = 4, rises again, then falls for good after d = 15.
    const wavy = async (doses: readonly number[]) =>
      Float64Array.from(doses, (d) => (d < 10 ? 4 + Math.abs(d - 4) : Math.max(1, 25 - d)));
    const r = await leastDoseForTarget(wavy, 5, 25);
    expect(r.dose).toBeCloseTo(3, 5);
    expect(r.settledAtDose).toBeLessThanOrEqual(5);
  });

  it('rejects a target that is not a non-negative number', async () => {
    await expect(leastDoseForTarget(monotone, Number.NaN, 25)).rejects.toThrow(RangeError);
    await expect(leastDoseForTarget(monotone, -1, 25)).rejects.toThrow(RangeError);
  });

  it('searches only from the given minimum dose', async () => {
    const monotoneFrom = async (doses: readonly number[]) =>
      Float64Array.from(doses, (d) => 20 - d / 2);
    const r = await leastDoseForTarget(monotoneFrom, 100, 25, { min: 3 });
    expect(r.dose).toBe(3);
    expect(r.searched).toEqual([3, 25]);
  });
});
