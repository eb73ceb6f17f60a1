import { describe, expect, it } from 'vitest';
import { MIN_YEARS_FOR_SEASON, spansSeasons, timeContextFeatures } from './time-features';

const DAY = 24 * 3600 * 1000;

describe('time-context features', () => {
  it('offer month of year only for a history spanning enough years', () => {
    const names = (seasonal: boolean) => timeContextFeatures({ seasonal }).map((f) => f.name);
    expect(names(true)).toContain('month_sin');
    expect(names(false)).not.toContain('month_sin');
    expect(names(false)).toEqual(expect.arrayContaining(['hour_sin', 'hour_cos', 'date']));
  });

  it('spansSeasons measures first to last time, in any order', () => {
    const years = MIN_YEARS_FOR_SEASON * 365.25 * DAY;
    expect(spansSeasons([years, 0])).toBe(true);
    expect(spansSeasons(Float64Array.from([0, 25 * DAY, years - DAY]))).toBe(false);
    expect(spansSeasons([])).toBe(false);
  });
});
