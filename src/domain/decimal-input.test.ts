import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimalInput } from './decimal-input';

const FC = { seed: 20250412, numRuns: 300 };
const num = (text: string) => {
  const r = parseDecimalInput(text);
  return r.kind === 'number' ? r.value : r.kind;
};

describe('parseDecimalInput', () => {
  it('reads a decimal comma and a decimal point alike', () => {
    expect(num('12,5')).toBe(12.5);
    expect(num('12.5')).toBe(12.5);
    expect(num('0,25')).toBe(0.25);
    expect(num('5000')).toBe(5000);
  });

  it('treats an empty or blank field as empty, not zero', () => {
    expect(num('')).toBe('empty');
    expect(num('   ')).toBe('empty');
    expect(num('\u00a0')).toBe('empty');
  });

  it('ignores surrounding and inner spaces', () => {
    expect(num('  12,5 ')).toBe(12.5);
    expect(num('1 234,5')).toBe(1234.5);
    expect(num('1\u202f234,5')).toBe(1234.5);
  });

  it('reads a sign', () => {
    expect(num('-3,5')).toBe(-3.5);
    expect(num('\u22123,5')).toBe(-3.5);
    expect(num('+3,5')).toBe(3.5);
    expect(num('-0')).toBe(0);
    expect(Object.is(num('-0'), -0)).toBe(false);
  });

  it('with both separators, the last is the decimal one and the other groups thousands', () => {
    expect(num('1.234,5')).toBe(1234.5);
    expect(num('1,234.5')).toBe(1234.5);
    expect(num('12.345.678,9')).toBe(12345678.9);
    expect(num('1.23,5')).toBe('invalid');
    expect(num('1,234.5,6')).toBe('invalid');
    expect(num('1.234,5.6')).toBe('invalid');
  });

  it('one separator once is decimal, even with three digits after it', () => {
    expect(num('1.234')).toBe(1.234);
    expect(num('1,234')).toBe(1.234);
  });

  it('a repeated separator is thousands grouping only in groups of three', () => {
    expect(num('1.234.567')).toBe(1234567);
    expect(num('1,234,567')).toBe(1234567);
    expect(num('1,2,3')).toBe('invalid');
    expect(num('12..5')).toBe('invalid');
  });

  it('accepts a leading or trailing decimal separator (the field is read while typed)', () => {
    expect(num(',5')).toBe(0.5);
    expect(num('.5')).toBe(0.5);
    expect(num('12,')).toBe(12);
  });

  it('rejects text, units, exponents and lone signs or separators', () => {
    for (const bad of ['abc', '12a', '12 NTU', '1e3', '-', ',', '.', '+-1', '1-2', '0x10', 'NaN'])
      expect(num(bad), bad).toBe('invalid');
  });

  it('keeps the typed text of an invalid input', () => {
    expect(parseDecimalInput('doce')).toEqual({ kind: 'invalid', text: 'doce' });
  });

  it('reads back any number written with a comma or a point (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom('.', ','),
        (v, sep) => {
          const text = v.toFixed(4).replace('.', sep);
          const r = parseDecimalInput(text);
          expect(r.kind).toBe('number');
          if (r.kind === 'number') expect(r.value).toBeCloseTo(Number(v.toFixed(4)), 10);
        },
      ),
      FC,
    );
  });

  it('never throws and never returns a non-finite number (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = parseDecimalInput(s);
        if (r.kind === 'number') expect(Number.isFinite(r.value)).toBe(true);
      }),
      FC,
    );
  });
});
