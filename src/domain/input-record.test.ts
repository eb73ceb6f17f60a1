import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatWallClock, wallClockMs } from './input-record';

const FC = { seed: 20250301, numRuns: 300 };

describe('wallClockMs', () => {
  it('reads YYYY-MM-DD HH:mm:ss as wall-clock ms (encoded as UTC)', () => {
    expect(wallClockMs('2015-03-07 14:05:09')).toBe(Date.UTC(2015, 2, 7, 14, 5, 9));
  });

  it("accepts a 'T' separator", () => {
    expect(wallClockMs('2015-03-07T14:05:09')).toBe(Date.UTC(2015, 2, 7, 14, 5, 9));
  });

  it('makes seconds optional, and the whole time part (midnight)', () => {
    expect(wallClockMs('2015-03-07 14:05')).toBe(Date.UTC(2015, 2, 7, 14, 5));
    expect(wallClockMs('2015-03-07')).toBe(Date.UTC(2015, 2, 7));
  });

  it('trims surrounding whitespace', () => {
    expect(wallClockMs('  2015-03-07 14:05  ')).toBe(Date.UTC(2015, 2, 7, 14, 5));
  });

  it('knows leap years', () => {
    expect(wallClockMs('2016-02-29')).toBe(Date.UTC(2016, 1, 29));
    expect(wallClockMs('2015-02-29')).toBeNaN();
  });

  it('rejects calendar roll-overs instead of shifting the date', () => {
    expect(wallClockMs('2015-02-31')).toBeNaN();
    expect(wallClockMs('2015-04-31 08:00')).toBeNaN();
    expect(wallClockMs('2015-13-01')).toBeNaN();
    expect(wallClockMs('2015-00-10')).toBeNaN();
    expect(wallClockMs('2015-01-00')).toBeNaN();
  });

  it('rejects out-of-range clock fields instead of shifting the time', () => {
    expect(wallClockMs('2015-01-01 24:00')).toBeNaN();
    expect(wallClockMs('2015-01-01 10:75')).toBeNaN();
    expect(wallClockMs('2015-01-01 10:00:60')).toBeNaN();
    // Date.UTC maps years 0..99 to 1900..1999; that must not pass as a valid date.
    expect(wallClockMs('0050-01-01')).toBeNaN();
  });

  it('returns NaN for text that is not a date', () => {
    for (const text of [
      '',
      'garbage',
      'NaN',
      '15/01/2015',
      '2015-1-1',
      '2015/01/01 10:00',
      'T10:00',
    ]) {
      expect(wallClockMs(text), text).toBeNaN();
    }
  });
});

describe('formatWallClock', () => {
  it('formats as YYYY-MM-DD HH:mm, dropping seconds', () => {
    expect(formatWallClock(Date.UTC(2015, 0, 2, 3, 4, 59))).toBe('2015-01-02 03:04');
    expect(formatWallClock(Date.UTC(2015, 11, 31, 23, 59))).toBe('2015-12-31 23:59');
  });

  it('round-trips with wallClockMs at minute precision', () => {
    const minute = 60_000;
    const lo = Date.UTC(1970, 0, 1) / minute;
    const hi = Date.UTC(2100, 0, 1) / minute;
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (m) => {
        const ms = m * minute;
        const text = formatWallClock(ms);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
        expect(wallClockMs(text)).toBe(ms);
      }),
      FC,
    );
  });
});
