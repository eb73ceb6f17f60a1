import { describe, expect, it } from 'vitest';
import {
  bestDateTimeFormat,
  createDateTimeRangeParser,
  detectDateTimeFormat,
  looksLikeTimeHeader,
  parseDateTime,
  wallClock,
} from './parse-datetime';

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('parseDateTime', () => {
  it('reads ISO 8601 dates and date-times', () => {
    expect(parseDateTime('2024-03-01', 'iso')).toBe(at(2024, 3, 1));
    expect(parseDateTime('2024-03-01T08:05', 'iso')).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime('2024-03-01 08:05:07', 'iso')).toBe(at(2024, 3, 1, 8, 5, 7));
    expect(parseDateTime('2024-03-01 08:05:07.25', 'iso')).toBe(at(2024, 3, 1, 8, 5, 7, 250));
    expect(parseDateTime('2024-3-1 8:05', 'iso')).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime(' 2024-03-01 ', 'iso')).toBe(at(2024, 3, 1));
  });

  it('ignores UTC offsets by default and converts them when a zone is given', () => {
    expect(parseDateTime('2024-03-01T08:05:00Z', 'iso')).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime('2024-03-01T08:05:00-05:00', 'iso')).toBe(at(2024, 3, 1, 8, 5));
    const bogota = { timeZoneOffsetMinutes: -300 };
    expect(parseDateTime('2024-03-01T13:05:00Z', 'iso', bogota)).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime('2024-03-01T08:05:00-0500', 'iso', bogota)).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime('2024-03-01T09:05:00-04', 'iso', bogota)).toBe(at(2024, 3, 1, 8, 5));
    // No offset written: the wall-clock is kept.
    expect(parseDateTime('2024-03-01T08:05:00', 'iso', bogota)).toBe(at(2024, 3, 1, 8, 5));
  });

  it('reads d/m/yyyy with /, - and . separators, with or without seconds', () => {
    expect(parseDateTime('01/03/2024 08:05', 'dmy')).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime('01-03-2024 08:05:07', 'dmy')).toBe(at(2024, 3, 1, 8, 5, 7));
    expect(parseDateTime('01.03.2024', 'dmy')).toBe(at(2024, 3, 1));
    expect(parseDateTime('1/3/2024 8:05', 'dmy')).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime('01/03/2024 08:05', 'mdy')).toBe(at(2024, 1, 3, 8, 5));
    expect(parseDateTime('01/03/2024 08:05 p. m.', 'dmy')).toBe(at(2024, 3, 1, 20, 5));
    expect(parseDateTime('01/03/2024 12:05 a.m.', 'dmy')).toBe(at(2024, 3, 1, 0, 5));
    expect(parseDateTime('01/03/2024 12:05 PM', 'dmy')).toBe(at(2024, 3, 1, 12, 5));
    expect(parseDateTime('01/03/2024 13:05 PM', 'dmy')).toBeNaN();
    expect(parseDateTime('01/03-2024', 'dmy')).toBeNaN();
  });

  it('reads yyyy/mm/dd hh:mm:ss and compact yyyymmddhhmmss', () => {
    expect(parseDateTime('2024/03/01 08:05:07', 'ymd')).toBe(at(2024, 3, 1, 8, 5, 7));
    expect(parseDateTime('2024.03.01', 'ymd')).toBe(at(2024, 3, 1));
    expect(parseDateTime('20240301080507', 'compact')).toBe(at(2024, 3, 1, 8, 5, 7));
    expect(parseDateTime('202403010805', 'compact')).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime('20240301', 'compact')).toBe(at(2024, 3, 1));
  });

  it('reads epoch seconds and milliseconds in the plausible range only', () => {
    expect(parseDateTime('1709280300', 'epoch-s')).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime('1709280300000', 'epoch-ms')).toBe(at(2024, 3, 1, 8, 5));
    expect(parseDateTime('1709280300', 'epoch-s', { timeZoneOffsetMinutes: -300 })).toBe(
      at(2024, 3, 1, 3, 5),
    );
    expect(parseDateTime('12', 'epoch-s')).toBeNaN();
    expect(parseDateTime('1709280300.5', 'epoch-s')).toBeNaN();
    expect(parseDateTime('1709280300', 'epoch-ms')).toBeNaN();
  });

  it('refuses invalid dates instead of rolling them over', () => {
    for (const [text, format] of [
      ['31/02/2024', 'dmy'],
      ['29/02/2023', 'dmy'],
      ['2024-02-30', 'iso'],
      ['2024-13-01', 'iso'],
      ['2024-01-01 24:00', 'iso'],
      ['2024-01-01 10:75', 'iso'],
      ['2024-01-01 10:15:60', 'iso'],
      ['0999-01-01', 'iso'],
      ['20241301', 'compact'],
      ['2024/02/30 00:00:00', 'ymd'],
      ['hoy', 'iso'],
      ['', 'dmy'],
    ] as const)
      expect(parseDateTime(text, format), text).toBeNaN();
    expect(parseDateTime('29/02/2024', 'dmy')).toBe(at(2024, 2, 29));
    expect(wallClock(2000, 2, 29)).toBe(at(2000, 2, 29));
    expect(wallClock(1900, 2, 29)).toBeNaN();
  });

  it('gives the same answer on the fixed-width fast path and the general path', () => {
    const parse = createDateTimeRangeParser('dmy');
    const text = 'x;01/03/2024 08:05:07;y';
    expect(parse(text, 2, 21)).toBe(at(2024, 3, 1, 8, 5, 7));
    expect(parse(text, 2, 18)).toBe(at(2024, 3, 1, 8, 5));
    expect(createDateTimeRangeParser('iso')('2024-03-01T08:05:07', 0, 19)).toBe(
      at(2024, 3, 1, 8, 5, 7),
    );
    expect(createDateTimeRangeParser('iso')('2024-02-30 08:05:07', 0, 19)).toBeNaN();
  });
});

describe('detectDateTimeFormat', () => {
  it('detects each format from a sample', () => {
    expect(detectDateTimeFormat(['2024-03-01 08:00', '2024-03-01 09:00'], 'x')?.format).toBe('iso');
    expect(detectDateTimeFormat(['2024/03/01 08:00:00'], 'x')?.format).toBe('ymd');
    expect(detectDateTimeFormat(['20240301080000', '20240301090000'], 'x')?.format).toBe('compact');
    expect(detectDateTimeFormat(['1709280300', '1709280900'], 'timestamp')?.format).toBe('epoch-s');
    expect(detectDateTimeFormat(['1709280300000'], 'Fecha (epoch ms)')?.format).toBe('epoch-ms');
  });

  it('defaults ambiguous d/m columns to day-first, or month-first on request', () => {
    const sample = ['01/03/2024', '02/03/2024', '03/03/2024'];
    expect(detectDateTimeFormat(sample, 'fecha')).toMatchObject({
      format: 'dmy',
      ambiguousDayMonth: true,
    });
    expect(detectDateTimeFormat(sample, 'fecha', { monthFirst: true })?.format).toBe('mdy');
    expect(detectDateTimeFormat(['01/01/2024'], 'fecha')?.ambiguousDayMonth).toBe(false);
  });

  it('resolves d/m ambiguity from fields over 12', () => {
    expect(
      detectDateTimeFormat(['01/03/2024', '13/03/2024'], 'f', { monthFirst: true }),
    ).toMatchObject({ format: 'dmy', ambiguousDayMonth: false });
    expect(detectDateTimeFormat(['03/01/2024', '03/13/2024'], 'f')).toMatchObject({
      format: 'mdy',
      ambiguousDayMonth: false,
    });
  });

  it('needs a time-like header for epoch values and 8-digit dates', () => {
    expect(detectDateTimeFormat(['1709280300', '1709280900'], 'caudal')).toBeNull();
    expect(detectDateTimeFormat(['20240301', '20240302'], 'codigo')).toBeNull();
    expect(detectDateTimeFormat(['20240301', '20240302'], 'fecha')?.format).toBe('compact');
    // Epoch needs every value in range.
    expect(detectDateTimeFormat(['1709280300', '5'], 'epoch')).toBeNull();
  });

  it('requires 90 % of the sample', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `2024-03-0${i + 1}`);
    expect(detectDateTimeFormat([...nine, 'x'], 'f')?.format).toBe('iso');
    expect(detectDateTimeFormat([...nine, 'x', 'y'], 'f')).toBeNull();
  });

  it('recognizes time-like headers in Spanish and English', () => {
    for (const h of ['Fecha', 'fecha_hora', 'FechaHora', 'timestamp', 'Unix time', 'Hora'])
      expect(looksLikeTimeHeader(h), h).toBe(true);
    for (const h of ['Turbiedad', 'update', 'caudal', 'estacion'])
      expect(looksLikeTimeHeader(h), h).toBe(false);
  });

  it('picks the best format for a column forced to date-time', () => {
    expect(bestDateTimeFormat(['13/01/2024', 'x'])).toBe('dmy');
    expect(bestDateTimeFormat(['nada'])).toBe('iso');
  });
});
