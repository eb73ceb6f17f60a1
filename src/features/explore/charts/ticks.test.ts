import { describe, expect, it } from 'vitest';
import { extent, niceTicks, timeTicks } from './ticks';

describe('nice ticks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(-10, 550)).toEqual([-200, 0, 200, 400, 600]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(6.98, 7.56)).toEqual([6.8, 7, 7.2, 7.4, 7.6]);
  });

  it('widens a constant series and ignores non-finite bounds', () => {
    expect(niceTicks(5, 5).length).toBeGreaterThan(1);
    expect(niceTicks(NaN, 1)).toEqual([]);
  });

  it('finds the finite extent of several arrays', () => {
    expect(extent([1, NaN, 3], [Infinity, -2])).toEqual([-2, 3]);
  });
});

describe('time ticks', () => {
  const D = 86_400_000;
  it('uses month starts for a year of data', () => {
    const { ticks, format } = timeTicks(Date.UTC(2025, 0, 1), Date.UTC(2025, 11, 31, 23), 7);
    expect(ticks.map(format)).toEqual([
      '2025-01',
      '2025-03',
      '2025-05',
      '2025-07',
      '2025-09',
      '2025-11',
    ]);
  });

  it('uses days for a week and hours for a day', () => {
    const week = timeTicks(Date.UTC(2025, 4, 1, 6), Date.UTC(2025, 4, 8), 8);
    expect(week.ticks.map(week.format)).toEqual([
      '05-02',
      '05-03',
      '05-04',
      '05-05',
      '05-06',
      '05-07',
      '05-08',
    ]);
    const day = timeTicks(Date.UTC(2025, 4, 1), Date.UTC(2025, 4, 1) + D, 5);
    expect(day.ticks.map(day.format)[1]).toBe('05-01 06:00');
  });

  it('uses years for several years', () => {
    const { ticks, format } = timeTicks(Date.UTC(2012, 6, 16), Date.UTC(2016, 1, 3), 6);
    expect(ticks.map(format)).toEqual(['2013', '2014', '2015', '2016']);
  });
});
