import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, toCsv } from './csv-export';

const FC = { seed: 31337, numRuns: 300 };

/** Minimal RFC 4180 reader, to check that what we write reads back. */
function readCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('neutraliseFormula', () => {
  it('puts an apostrophe before =, +, -, @, tab and carriage return', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('+57 300')).toBe("'+57 300");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('\r=1')).toBe("'\r=1");
  });

  it('also when the trigger follows leading spaces', () => {
    expect(neutraliseFormula('  =HYPERLINK("x")')).toBe('\'  =HYPERLINK("x")');
  });

  it('leaves ordinary text alone, including a trigger later in the text', () => {
    expect(neutraliseFormula('Se aplicó 12 mg/L = ok')).toBe('Se aplicó 12 mg/L = ok');
    expect(neutraliseFormula('')).toBe('');
  });
});

describe('csvCell', () => {
  it('writes numbers as numbers, negatives included, with the chosen decimal separator', () => {
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(12.5, { delimiter: ';', decimalSeparator: ',' })).toBe('12,5');
  });

  it('writes missing and non-finite values as empty cells', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('quotes cells holding the delimiter, quotes or line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('a;b');
    expect(csvCell('a;b', { delimiter: ';' })).toBe('"a;b"');
    expect(csvCell('dijo "hola"')).toBe('"dijo ""hola"""');
    expect(csvCell('línea 1\nlínea 2')).toBe('"línea 1\nlínea 2"');
  });

  it('neutralises and quotes together', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('refuses a decimal comma with a comma delimiter', () => {
    expect(() => csvCell(1.5, { decimalSeparator: ',' })).toThrow(RangeError);
  });
});

describe('toCsv', () => {
  it('writes a header and rows with CRLF line endings', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, '=y'],
        ],
      ),
    ).toBe("a,b\r\n1,x\r\n,'=y\r\n");
  });

  it('adds a byte-order mark on request', () => {
    expect(toCsv(['a'], [], { bom: true })).toBe('\ufeffa\r\n');
  });

  it('reads back every text cell, none of them as a formula (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 2, maxLength: 2 }), {
          maxLength: 6,
        }),
        fc.constantFrom(',', ';', '\t') as fc.Arbitrary<',' | ';' | '\t'>,
        (rows, delimiter) => {
          const text = toCsv(['h1', 'h2'], rows, { delimiter });
          const back = readCsv(text, delimiter).slice(1);
          expect(back.length).toBe(rows.length);
          back.forEach((cells, r) =>
            cells.forEach((cell, c) => {
              expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
              const original = rows[r]?.[c] as string;
              expect(cell === original || cell === `'${original}`).toBe(true);
            }),
          );
        },
      ),
      FC,
    );
  });
});
