import { describe, expect, it } from 'vitest';
import {
  endOfDayExclusive,
  parseDateTimeLocal,
  startOfDay,
  toDateTimeLocal,
  wallClockFromDate,
} from './wall-clock';

describe('wall-clock helpers', () => {
  it('encodes the local clock reading as UTC ms, to the minute', () => {
    const local = new Date(2015, 5, 10, 8, 30, 45, 123); // 10 June 2015 08:30:45 local
    expect(wallClockFromDate(local)).toBe(Date.UTC(2015, 5, 10, 8, 30));
  });

  it('round-trips through a datetime-local value', () => {
    const ms = Date.UTC(2015, 11, 31, 23, 59);
    expect(toDateTimeLocal(ms)).toBe('2015-12-31T23:59');
    expect(parseDateTimeLocal('2015-12-31T23:59')).toBe(ms);
  });

  it('gives an empty value for a non-finite time and NaN for a bad value', () => {
    expect(toDateTimeLocal(Number.NaN)).toBe('');
    expect(parseDateTimeLocal('mañana')).toBeNaN();
    expect(parseDateTimeLocal('2015-02-30T10:00')).toBeNaN();
  });

  it('reads date-input values as day bounds', () => {
    expect(startOfDay('2015-06-10')).toBe(Date.UTC(2015, 5, 10));
    expect(endOfDayExclusive('2015-06-10')).toBe(Date.UTC(2015, 5, 11));
    expect(startOfDay('')).toBeNaN();
    expect(endOfDayExclusive('2015-06-10T08:00')).toBeNaN();
  });
});
