import { describe, expect, it } from 'vitest';
import {
  detectDelimiter,
  detectDialect,
  detectHeader,
  detectNumberFormat,
  splitRecords,
} from './detect-dialect';
import { createMissingMatcher } from './missing-tokens';

const isMissing = createMissingMatcher();

describe('splitRecords', () => {
  it('respects quotes, escaped quotes, embedded delimiters and newlines', () => {
    const text = 'a;b\n"x;y";"he said ""hola"""\n"multi\nline";2\r\n3;4';
    expect(splitRecords(text, ';').records).toEqual([
      ['a', 'b'],
      ['x;y', 'he said "hola"'],
      ['multi\nline', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps a trailing empty field and flags an unclosed quote', () => {
    expect(splitRecords('a,b,\n1,2,\n', ',').records).toEqual([
      ['a', 'b', ''],
      ['1', '2', ''],
    ]);
    expect(splitRecords('a,b\n"open,1\n2,3\n', ',').unbalancedQuote).toBe(true);
  });

  it('stops at whole records', () => {
    const r = splitRecords('1;2\n3;4\n5;6\n', ';', 2);
    expect(r.records).toHaveLength(2);
    expect(r.end).toBe(8);
  });
});

describe('detectDelimiter', () => {
  it('finds each delimiter', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
  });

  it('is not fooled by decimal commas in a tiny ;-file', () => {
    expect(detectDelimiter('Turbiedad;Color\n1,5;2,5\n')).toBe(';');
    expect(detectDelimiter('1,5;2,5\n')).toBe(';');
    expect(detectDelimiter('a;b\n1,25;3\n0,5;4\n')).toBe(';');
  });

  it('respects quotes when counting fields', () => {
    expect(detectDelimiter('name,note\n"Planta; norte","a;b;c"\n"x","y"\n')).toBe(',');
  });

  it('leaves a single column unsplit', () => {
    expect(detectDelimiter('turbiedad\n1,5\n2,5\n')).toBe(';');
    expect(detectDelimiter('valor\n1\n2\n')).toBe(',');
  });

  it('leaves a single decimal-comma column unsplit when some cells are missing', () => {
    const text = 'Turbiedad (NTU)\n1,5\n2,25\n3,75\nNA\n4,5\n1.234,5\n';
    expect(detectDelimiter(text)).not.toBe(',');
    // Two real comma fields under a one-field header stay comma-split when they are not numbers.
    expect(detectDelimiter('nota\nuno,dos\ntres,cuatro\nNA\n')).toBe(',');
  });
});

describe('detectNumberFormat', () => {
  it('detects decimal comma and dot', () => {
    expect(detectNumberFormat(['1,5', '2,25'], ';')).toEqual({ decimal: ',', thousands: null });
    expect(detectNumberFormat(['1.5', '2.25'], ',')).toEqual({ decimal: '.', thousands: null });
    expect(detectNumberFormat(['0,123'], ';').decimal).toBe(',');
    expect(detectNumberFormat(['1234,5'], '|').decimal).toBe(',');
  });

  it('detects thousands separators in both styles', () => {
    expect(detectNumberFormat(['1.234,5', '12,5'], ';')).toEqual({ decimal: ',', thousands: '.' });
    expect(detectNumberFormat(['1.234.567'], ';')).toEqual({ decimal: ',', thousands: '.' });
    expect(detectNumberFormat(['1,234.5', '3.25'], '\t')).toEqual({
      decimal: '.',
      thousands: ',',
    });
  });

  it('falls back by delimiter when only ambiguous or integer cells exist', () => {
    expect(detectNumberFormat(['1,234'], ';').decimal).toBe(',');
    expect(detectNumberFormat(['1', '2'], ';').decimal).toBe(',');
    expect(detectNumberFormat(['1', '2'], ',').decimal).toBe('.');
    expect(detectNumberFormat(['1.234'], ';').decimal).toBe('.');
  });
});

describe('detectHeader', () => {
  const dot = { decimal: '.', thousands: null } as const;
  it('sees names as a header and numbers or dates as data', () => {
    expect(detectHeader(['Fecha', 'Turbiedad (UNT)'], dot, isMissing)).toBe(true);
    expect(detectHeader(['2024-01-01', 'x'], dot, isMissing)).toBe(false);
    expect(detectHeader(['abc', '3.5'], dot, isMissing)).toBe(false);
    expect(detectHeader(['NA', 'b'], dot, isMissing)).toBe(true);
  });
});

describe('detectDialect', () => {
  it('detects a Spanish Excel export and reports it', () => {
    const d = detectDialect(
      'Turbiedad (UNT);Fecha\n1,5;01/02/2024\n2,5;02/02/2024\n',
      {},
      isMissing,
    );
    expect(d.dialect).toEqual({ delimiter: ';', decimal: ',', thousands: null, hasHeader: true });
    expect(d.detected).toEqual(d.dialect);
    expect(d.sample).toHaveLength(3);
    expect(d.sampleIsComplete).toBe(true);
  });

  it('detects a file without a header', () => {
    expect(detectDialect('1.5,2\n3.5,4\n', {}, isMissing).dialect.hasHeader).toBe(false);
  });

  it('applies overrides but keeps the detected values', () => {
    const d = detectDialect(
      'a;b\n1,5;2\n',
      { delimiter: ',', decimal: '.', hasHeader: false },
      isMissing,
    );
    expect(d.dialect).toMatchObject({ delimiter: ',', decimal: '.', hasHeader: false });
    expect(d.detected).toMatchObject({ delimiter: ';' });
  });
});
