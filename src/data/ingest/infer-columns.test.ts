import { describe, expect, it } from 'vitest';
import type { InferContext } from './infer-columns';
import {
  buildColumn,
  cleanHeaders,
  extractUnit,
  inferColumnType,
  MAX_HEADER_LENGTH,
  passesThreshold,
} from './infer-columns';
import { createMissingMatcher } from './missing-tokens';

const ctx: InferContext = {
  numberFormat: { decimal: ',', thousands: null },
  isMissing: createMissingMatcher(),
  datetime: {},
};

describe('cleanHeaders', () => {
  it('names empty headers by position and suffixes duplicates', () => {
    expect(cleanHeaders(['Fecha', '', 'pH', 'pH', ' pH ', '']).names).toEqual([
      'Fecha',
      'column_2',
      'pH',
      'pH_2',
      'pH_3',
      'column_6',
    ]);
    expect(cleanHeaders(['a', 'a', 'a_2']).names).toEqual(['a', 'a_3', 'a_2']);
    expect(cleanHeaders(['', 'column_1']).names).toEqual(['column_1_2', 'column_1']);
    const c = cleanHeaders(['x', '', 'x']);
    expect(c.renamed).toEqual([null, 'empty', 'duplicate']);
  });

  it('collapses whitespace and newlines, keeps markup as text, cuts runaway headers', () => {
    expect(cleanHeaders(['Turbiedad\n(UNT)', '<script>alert(1)</script>']).names).toEqual([
      'Turbiedad (UNT)',
      '<script>alert(1)</script>',
    ]);
    const long = cleanHeaders(['x'.repeat(1000)]);
    expect(long.names[0]).toHaveLength(MAX_HEADER_LENGTH);
    expect(long.truncated).toEqual([0]);
  });
});

describe('extractUnit', () => {
  it('takes a trailing (unit) or [unit]', () => {
    expect(extractUnit('Turbiedad (UNT)')).toBe('UNT');
    expect(extractUnit('Caudal [L/s]')).toBe('L/s');
    expect(extractUnit('pH')).toBeUndefined();
    expect(extractUnit('Dosis (mg/L) promedio')).toBeUndefined();
  });
});

describe('inferColumnType', () => {
  it('types numbers, date-times and categories', () => {
    expect(inferColumnType(['1,5', '2', 'NA', ''], 'Turbiedad', ctx).kind).toBe('number');
    expect(inferColumnType(['01/02/2024 08:00', '02/02/2024 09:00'], 'Fecha', ctx)).toMatchObject({
      kind: 'datetime',
      detection: { format: 'dmy' },
    });
    expect(inferColumnType(['A', 'B', '1'], 'Planta', ctx)).toEqual({
      kind: 'category',
      undecided: false,
    });
  });

  it('uses the 90 % rule on non-missing cells', () => {
    const nine = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
    expect(inferColumnType([...nine, 'x', 'NA', 'NA'], 'v', ctx).kind).toBe('number');
    expect(inferColumnType([...nine, 'x', 'y'], 'v', ctx).kind).toBe('category');
  });

  it('marks an all-missing sample as undecided', () => {
    expect(inferColumnType(['', 'NA', null], 'v', ctx)).toEqual({
      kind: 'category',
      undecided: true,
    });
  });

  it('types epoch integers as date-times only under a time-like header', () => {
    const cells = ['1709280300', '1709280900'];
    expect(inferColumnType(cells, 'timestamp', ctx).kind).toBe('datetime');
    expect(inferColumnType(cells, 'caudal', ctx).kind).toBe('number');
  });

  it('keeps formulas and markup as category text', () => {
    const t = inferColumnType(['=HYPERLINK("http://x","y")', '=1+1'], 'link', ctx);
    expect(t.kind).toBe('category');
    const built = buildColumn('link', ['=HYPERLINK("http://x","y")', ' <b>x</b> ', 'NA'], t, ctx);
    expect(built.column.values).toEqual(['=HYPERLINK("http://x","y")', '<b>x</b>', null]);
  });
});

describe('buildColumn', () => {
  it('counts missing and rejected cells and keeps the first rejected example', () => {
    const built = buildColumn(
      'Turbiedad (UNT)',
      ['1,5', 'NA', 'abc', null, 'Infinity'],
      { kind: 'number' },
      ctx,
    );
    expect(built.column).toMatchObject({ kind: 'number', unit: 'UNT' });
    expect(Array.from(built.column.values as Float64Array)).toEqual([1.5, NaN, NaN, NaN, NaN]);
    expect(built).toMatchObject({ missing: 2, rejected: 2, nonFinite: 1, rejectedExample: 'abc' });
  });

  it('types a column of non-finite number text as number, not category', () => {
    expect(inferColumnType(['Infinity', '-Infinity', '1e309'], 'x', ctx).kind).toBe('number');
    expect(inferColumnType(['Infinity', 'abc', 'def'], 'x', ctx).kind).toBe('category');
  });

  it('parses a date-time column with its format', () => {
    const built = buildColumn(
      'f',
      ['31/02/2024', '01/02/2024'],
      { kind: 'datetime', format: 'dmy' },
      ctx,
    );
    expect(Array.from(built.column.values as Float64Array)).toEqual([NaN, Date.UTC(2024, 1, 1)]);
    expect(built.rejected).toBe(1);
  });

  it('passesThreshold', () => {
    expect(passesThreshold(100, 0, 10)).toBe(true);
    expect(passesThreshold(100, 0, 11)).toBe(false);
    expect(passesThreshold(30, 0, 3)).toBe(true);
    expect(passesThreshold(5, 5, 0)).toBe(true);
  });
});
