import { describe, expect, it } from 'vitest';
import { createMissingMatcher } from './missing-tokens';

describe('createMissingMatcher', () => {
  it('matches the default tokens trimmed and case-insensitively', () => {
    const isMissing = createMissingMatcher();
    for (const cell of [
      '',
      '   ',
      'NA',
      'na',
      ' N/A ',
      'NaN',
      'nan',
      '-',
      '--',
      'NULL',
      'Sin Dato',
      'S.D.',
    ])
      expect(isMissing(cell), cell).toBe(true);
    for (const cell of ['0', 'n', '---', 'sin datos', 'Infinity', 'Planta NA'])
      expect(isMissing(cell), cell).toBe(false);
  });

  it('takes a custom list; blank cells stay missing', () => {
    const isMissing = createMissingMatcher(['-999', 'ND']);
    expect(isMissing('-999')).toBe(true);
    expect(isMissing('nd')).toBe(true);
    expect(isMissing('NA')).toBe(false);
    expect(isMissing('  ')).toBe(true);
  });
});
