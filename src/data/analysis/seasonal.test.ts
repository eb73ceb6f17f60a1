import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seasonalGroup, seasonalProfile } from './seasonal';

const H = 3_600_000;
const D = 24 * H;

describe('seasonalGroup', () => {
  it('reads hour, ISO weekday (Monday = 0) and month from wall-clock ms', () => {
    const mon = Date.UTC(2025, 0, 6, 13, 30); // Monday 6 January 2025, 13:30
    expect(seasonalGroup(mon, 'hour')).toBe(13);
    expect(seasonalGroup(mon, 'weekday')).toBe(0);
    expect(seasonalGroup(mon + 6 * D, 'weekday')).toBe(6); // Sunday
    expect(seasonalGroup(mon, 'month')).toBe(0);
    expect(seasonalGroup(Date.UTC(1969, 11, 31, 23), 'hour')).toBe(23);
    expect(seasonalGroup(Date.UTC(1969, 11, 31, 23), 'weekday')).toBe(2); // a Wednesday
  });

  it('property: agrees with Date getters', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 4e12 }), (t) => {
        const d = new Date(t);
        expect(seasonalGroup(t, 'hour')).toBe(d.getUTCHours());
        expect(seasonalGroup(t, 'weekday')).toBe((d.getUTCDay() + 6) % 7);
        expect(seasonalGroup(t, 'month')).toBe(d.getUTCMonth());
      }),
      { seed: 2, numRuns: 300 },
    );
  });
});

describe('seasonalProfile', () => {
  it('gives mean, quartiles and count per hour of day (known answer)', () => {
    // Two days, hourly; value = hour on day 1, hour + 10 on day 2; one NaN.
    const t0 = Date.UTC(2025, 5, 1);
    const time = Array.from({ length: 48 }, (_, i) => t0 + i * H);
    const v = time.map((_, i) => (i % 24) + (i >= 24 ? 10 : 0));
    v[5] = NaN;
    const p = seasonalProfile(time, v, 'hour');
    expect(p.keys).toEqual(Array.from({ length: 24 }, (_, h) => h));
    expect(p.count[0]).toBe(2);
    expect(p.count[5]).toBe(1);
    expect(p.mean[3]).toBe(8);
    expect(p.p25[3]).toBe(5.5);
    expect(p.p75[3]).toBe(10.5);
    expect(p.median[5]).toBe(15);
  });

  it('keys months 1–12 and leaves empty groups NaN', () => {
    const time = [Date.UTC(2025, 0, 15), Date.UTC(2025, 0, 20), Date.UTC(2025, 11, 1), NaN];
    const p = seasonalProfile(time, [1, 3, 5, 100], 'month');
    expect(p.keys).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(Array.from(p.count)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(p.mean[0]).toBe(2);
    expect(p.mean[1]).toBeNaN();
    expect(p.p25[1]).toBeNaN();
    expect(() => seasonalProfile([1], [1, 2], 'hour')).toThrow(RangeError);
  });

  it('weekday profile starts on Monday', () => {
    const mon = Date.UTC(2025, 0, 6, 8);
    const time = Array.from({ length: 14 }, (_, i) => mon + i * D);
    const p = seasonalProfile(
      time,
      time.map((_, i) => i % 7),
      'weekday',
    );
    expect(Array.from(p.mean)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(p.count)).toEqual([2, 2, 2, 2, 2, 2, 2]);
  });
});
