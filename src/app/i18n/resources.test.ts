import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';

/** Dotted key → value, for every leaf. */
function flatten(messages: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const esFlat = flatten(es);
const enFlat = flatten(en);

/** Keys whose text is the same in both languages on purpose (codes, endonyms). */
const SAME_IN_BOTH = new Set([
  'language.esShort',
  'language.enShort',
  'language.esName',
  'language.enName',
]);

describe('UI strings', () => {
  it('es and en have exactly the same keys', () => {
    expect([...enFlat.keys()].sort()).toEqual([...esFlat.keys()].sort());
  });

  it('has no empty strings', () => {
    for (const [key, value] of [...esFlat, ...enFlat]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('has every string translated, except codes and endonyms', () => {
    const identical = [...esFlat].filter(([key, value]) => enFlat.get(key) === value);
    expect(identical.map(([key]) => key).sort()).toEqual([...SAME_IN_BOTH].sort());
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    for (const [key, value] of esFlat) {
      expect(vars(enFlat.get(key) ?? ''), key).toEqual(vars(value));
    }
  });
});
