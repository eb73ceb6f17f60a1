/**
 * The fast engine reads most records in one fused pass (parse-csv.ts `fusedLine`) and hands the
 * rest to the general path. Whichever path a record takes, the table and the report must be the
 * ones papaparse's path gives: these files mix cells the fused pass takes with cells it must
 * refuse (padding, grouping, exponents, missing tokens and values, unreadable cells, wrong field
 * counts, blank records, a last line without a newline).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IngestResult } from './parse-csv';
import { parseCsvText } from './parse-csv';

const NUMBER_CELLS = [
  '1,5',
  '-2,25',
  '+3',
  '0',
  '-0',
  '0,000',
  ',5',
  '7,',
  '12345678901234',
  '1234567890123456789',
  '0,0000000000000000000000001',
  ' 4,5',
  '4,5 ',
  '1.234,5',
  '1e3',
  '-999',
  '-9999',
  'NA',
  '-',
  '',
  ' ',
  'x',
  '1,2,3',
];
const DATE_CELLS = [
  '2024-03-01 08:05:07',
  '2024-03-01 08:05',
  '2024-03-01',
  ' 2024-03-01 08:05',
  '2024-02-30 00:00',
  '',
  'sin dato',
  'mañana',
];
const CATEGORY_CELLS = ['P1', 'P2', ' P1 ', 'p2', '', ' ', 'NA', 'n/a', '\u00a0', 'Ñuñoa', 'a b'];

/** Strip what legitimately differs between two runs. */
function comparable(result: IngestResult): unknown {
  const { elapsedMs, ...report } = result.report;
  void elapsedMs;
  return {
    table: {
      ...result.table,
      columns: result.table.columns.map((c) => ({
        ...c,
        values: Array.from(c.values as ArrayLike<unknown>),
      })),
    },
    report,
  };
}

const rowArb = fc.tuple(
  fc.constantFrom(...DATE_CELLS),
  fc.constantFrom(...CATEGORY_CELLS),
  fc.constantFrom(...NUMBER_CELLS),
  fc.constantFrom(...NUMBER_CELLS),
  fc.integer({ min: 0, max: 19 }),
);

describe('fused fast path', () => {
  it('gives the same table and report as the papaparse path', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (rows, newline, finalNewline) => {
          // Mostly clean rows, so the columns type as date-time, category and number.
          const lines = ['fecha;planta;a;b'];
          for (let i = 0; i < 30; i++)
            lines.push(
              `2024-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00;P${i % 3};${i},5;-${i}`,
            );
          for (const [d, p, a, b, shape] of rows) {
            const fields = [d, p, a, b];
            // A few records with another field count, or blank.
            if (shape === 0) fields.pop();
            else if (shape === 1) fields.push('');
            else if (shape === 2) fields.push('extra');
            else if (shape === 3) fields.splice(0, fields.length, '', '', '', '');
            lines.push(fields.join(';'));
          }
          const text = lines.join(newline) + (finalNewline ? newline : '');
          const fast = parseCsvText(text, {
            name: 'f.csv',
            missingTokens: ['', 'NA', 'n/a', '-', 'sin dato', '-999'],
          });
          const reference = parseCsvText(text, {
            name: 'f.csv',
            missingTokens: ['', 'NA', 'n/a', '-', 'sin dato', '-999'],
            engine: 'papaparse',
          });
          expect(comparable(fast)).toEqual(comparable(reference));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps negative zero and reads plain numbers exactly', () => {
    const { table } = parseCsvText('a;b\n-0;1,25\n0,1;-7\n');
    expect(Object.is(table.columns[0]!.values[0], -0)).toBe(true);
    expect(Array.from(table.columns[1]!.values as Float64Array)).toEqual([1.25, -7]);
    expect(table.columns[0]!.values[1]).toBe(0.1);
  });
});
