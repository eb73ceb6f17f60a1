import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NumberFormat } from './parse-number';
import {
  COMMA_DECIMAL,
  DOT_DECIMAL,
  formatCodes,
  formatNumber,
  isNonFiniteNumberText,
  parseNumber,
} from './parse-number';

const DOT_THOUSANDS_COMMA_DECIMAL: NumberFormat = { decimal: ',', thousands: '.' };
const COMMA_THOUSANDS_DOT_DECIMAL: NumberFormat = { decimal: '.', thousands: ',' };

describe('parseNumber', () => {
  it('parses decimal-dot numbers', () => {
    expect(parseNumber('1.5')).toBe(1.5);
    expect(parseNumber('-0.25')).toBe(-0.25);
    expect(parseNumber('+3')).toBe(3);
    expect(parseNumber(' 42 ')).toBe(42);
    expect(parseNumber('12\r')).toBe(12);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('5.')).toBe(5);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('1.5E-3')).toBe(0.0015);
    expect(parseNumber('007')).toBe(7);
    expect(parseNumber('0.1')).toBe(0.1);
  });

  it('parses decimal-comma numbers', () => {
    expect(parseNumber('1,5', COMMA_DECIMAL)).toBe(1.5);
    expect(parseNumber('-1234,56', COMMA_DECIMAL)).toBe(-1234.56);
    expect(parseNumber('1,5e2', COMMA_DECIMAL)).toBe(150);
    expect(parseNumber('1.5', COMMA_DECIMAL)).toBeNaN();
  });

  it('honours thousands separators in both styles, with strict grouping', () => {
    expect(parseNumber('1.234,5', DOT_THOUSANDS_COMMA_DECIMAL)).toBe(1234.5);
    expect(parseNumber('12.345.678', DOT_THOUSANDS_COMMA_DECIMAL)).toBe(12345678);
    expect(parseNumber('1234,5', DOT_THOUSANDS_COMMA_DECIMAL)).toBe(1234.5);
    expect(parseNumber('1,234.5', COMMA_THOUSANDS_DOT_DECIMAL)).toBe(1234.5);
    expect(parseNumber('-1,234,567.25', COMMA_THOUSANDS_DOT_DECIMAL)).toBe(-1234567.25);
    // Irregular grouping is not a number.
    expect(parseNumber('1.5', DOT_THOUSANDS_COMMA_DECIMAL)).toBeNaN();
    expect(parseNumber('1.23,5', DOT_THOUSANDS_COMMA_DECIMAL)).toBeNaN();
    expect(parseNumber('1234.567,5', DOT_THOUSANDS_COMMA_DECIMAL)).toBeNaN();
    expect(parseNumber('.234', DOT_THOUSANDS_COMMA_DECIMAL)).toBeNaN();
    expect(parseNumber('1,5', COMMA_THOUSANDS_DOT_DECIMAL)).toBeNaN();
  });

  it('rejects non-finite and non-numeric text', () => {
    for (const cell of [
      'Infinity',
      '-Infinity',
      'NaN',
      '1e309',
      '-1e309',
      '0x1F',
      '0b101',
      '12 %',
      '1.2.3',
      '--1',
      '1e',
      '1e+',
      'e5',
      '.',
      '-',
      '',
      '   ',
      'abc',
      '1 234',
    ])
      expect(parseNumber(cell), cell).toBeNaN();
  });

  it('keeps full precision on long inputs (slow path)', () => {
    expect(parseNumber('0.1234567890123456789')).toBe(Number('0.1234567890123456789'));
    expect(parseNumber('12345678901234567890')).toBe(Number('12345678901234567890'));
    expect(parseNumber('1e-400')).toBe(0);
    expect(parseNumber('4.9e-324')).toBe(5e-324);
    expect(parseNumber('1,7976931348623157e308', COMMA_DECIMAL)).toBe(Number.MAX_VALUE);
  });

  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  const formats: NumberFormat[] = [
    DOT_DECIMAL,
    COMMA_DECIMAL,
    DOT_THOUSANDS_COMMA_DECIMAL,
    COMMA_THOUSANDS_DOT_DECIMAL,
  ];

  it('round-trips every finite double in every format (property)', () => {
    for (const format of formats)
      fc.assert(
        fc.property(finite, (x) => {
          expect(parseNumber(formatNumber(x, format), format)).toBe(x === 0 ? 0 : x);
        }),
        { numRuns: 2000 },
      );
  });

  it('round-trips short decimals as a spreadsheet writes them (property)', () => {
    const decimals = fc
      .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }))
      .map(([m, k]) => Number((m / 10 ** k).toFixed(k)));
    for (const format of formats)
      fc.assert(
        fc.property(decimals, (x) => {
          expect(parseNumber(formatNumber(x, format), format)).toBe(x === 0 ? 0 : x);
        }),
        { numRuns: 2000 },
      );
  });

  it('formats with grouping', () => {
    expect(formatNumber(1234567.5, DOT_THOUSANDS_COMMA_DECIMAL)).toBe('1.234.567,5');
    expect(formatNumber(-1234.25, COMMA_THOUSANDS_DOT_DECIMAL)).toBe('-1,234.25');
    expect(formatNumber(1e21, COMMA_DECIMAL)).toBe('1e+21');
  });
});

describe('isNonFiniteNumberText', () => {
  const nonFinite = (s: string, format: NumberFormat = DOT_DECIMAL): boolean => {
    const codes = formatCodes(format);
    return isNonFiniteNumberText(s, 0, s.length, codes.decimal, codes.thousands);
  };

  it('recognises infinity words and overflowing numbers', () => {
    for (const s of ['Infinity', '-Infinity', ' +inf ', 'INF', '∞', 'infinito', '1e309', '-2E400'])
      expect(nonFinite(s), s).toBe(true);
    expect(nonFinite('1,5e400', COMMA_DECIMAL)).toBe(true);
    expect(nonFinite('1.000e400', DOT_THOUSANDS_COMMA_DECIMAL)).toBe(true);
  });

  it('is false for finite numbers, missing tokens and text', () => {
    for (const s of ['1e308', '0', 'NaN', '', 'abc', 'Infinityx', '1e', '1.2.3e400', '0x1F'])
      expect(nonFinite(s), s).toBe(false);
    expect(nonFinite('1.5e400', COMMA_DECIMAL)).toBe(false);
  });
});
