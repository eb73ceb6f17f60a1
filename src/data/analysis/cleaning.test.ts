import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DataTable } from '../data-table';
import type { CleaningEntry, CleaningOp } from './cleaning';
import {
  applyLog,
  applyOperation,
  cap,
  interpolate,
  iqrFences,
  remove,
  undoLast,
} from './cleaning';
import type { NumberColumn } from './series';

const FC = { seed: 5, numRuns: 150 };
const H = 3_600_000;
const col = (values: number[], name = 'Turbiedad (NTU)'): NumberColumn => ({
  name,
  kind: 'number',
  values: Float64Array.from(values),
  unit: 'NTU',
});

function table(values: number[], time?: number[]): DataTable {
  return {
    name: 't',
    rowCount: values.length,
    columns: [
      ...(time
        ? [{ name: 'Fecha', kind: 'datetime' as const, values: Float64Array.from(time) }]
        : []),
      col(values),
      { name: 'pH', kind: 'number', values: Float64Array.from(values.map(() => 7)) },
    ],
  };
}

describe('cap', () => {
  it('clamps to given bounds and logs the changed rows', () => {
    const c = col([-1, 5, NaN, 200, 50]);
    const { column, entry } = cap(c, { mode: 'bounds', lower: 0, upper: 100 }, 1234);
    expect(Array.from(column.values)).toEqual([0, 5, NaN, 100, 50]);
    expect(column.unit).toBe('NTU');
    expect(entry).toEqual({
      op: 'cap',
      column: 'Turbiedad (NTU)',
      params: { mode: 'bounds', lower: 0, upper: 100 },
      changedRows: [0, 3],
      at: 1234,
      resolved: { lower: 0, upper: 100 },
    });
    expect(Array.from(c.values)).toEqual([-1, 5, NaN, 200, 50]);
  });

  it('clamps to IQR fences (numpy quantiles) and records them', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    expect(iqrFences(v)).toEqual({ lower: -3.5, upper: 14.5 });
    const { column, entry } = cap(col(v), { mode: 'iqr', k: 1.5 }, 0);
    expect(column.values[9]).toBe(14.5);
    expect(entry.resolved).toEqual({ lower: -3.5, upper: 14.5 });
    expect(entry.changedRows).toEqual([9]);
  });

  it('rejects crossed bounds and leaves an empty column alone', () => {
    expect(() => cap(col([1]), { mode: 'bounds', lower: 2, upper: 1 })).toThrow(RangeError);
    expect(cap(col([NaN, NaN]), { mode: 'iqr', k: 1.5 }).entry.changedRows).toEqual([]);
  });
});

describe('remove', () => {
  it('sets rows to NaN; already-missing and out-of-range rows are not "changed"', () => {
    const { column, entry } = remove(col([1, NaN, 3, 4]), { rows: [3, 1, 99, -1, 0] }, 0);
    expect(Array.from(column.values)).toEqual([NaN, NaN, 3, NaN]);
    expect(entry.changedRows).toEqual([0, 3]);
  });
});

describe('interpolate', () => {
  it('fills interior gaps up to maxGap, linearly in row index', () => {
    const v = [NaN, 1, NaN, 3, NaN, NaN, NaN, 7, NaN];
    const { column, entry } = interpolate(col(v), { maxGap: 2 }, undefined, 0);
    // The 3-long gap is left; leading and trailing NaN have no value on one side.
    expect(Array.from(column.values)).toEqual([NaN, 1, 2, 3, NaN, NaN, NaN, 7, NaN]);
    expect(entry.changedRows).toEqual([2]);
    expect(Array.from(interpolate(col(v), { maxGap: 3 }).column.values)).toEqual([
      NaN,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      NaN,
    ]);
  });

  it('uses time as x when given (irregular steps)', () => {
    const t = [0, 1, 4].map((h) => h * H);
    const { column } = interpolate(col([0, NaN, 40]), { maxGap: 1 }, t);
    expect(column.values[1]).toBeCloseTo(10, 12);
  });
});

describe('applyOperation / applyLog / undoLast', () => {
  const t = [0, 1, 2, 3, 4, 5].map((h) => h * H);
  const original = table([5, -2, NaN, 900, 8, NaN], t);
  const ops: CleaningOp[] = [
    { op: 'cap', column: 'Turbiedad (NTU)', params: { mode: 'bounds', lower: 0, upper: 500 } },
    { op: 'remove', column: 'Turbiedad (NTU)', params: { rows: [3] } },
    { op: 'interpolate', column: 'Turbiedad (NTU)', params: { maxGap: 2 } },
  ];

  function run(list: CleaningOp[]): { table: DataTable; log: CleaningEntry[] } {
    let current = original;
    const log: CleaningEntry[] = [];
    list.forEach((op, k) => {
      const r = applyOperation(current, op, 1000 + k);
      current = r.table;
      log.push(r.entry);
    });
    return { table: current, log };
  }

  it('re-applies a log to the same table, and undo drops the last step', () => {
    const { table: cleaned, log } = run(ops);
    const turb = (x: DataTable) => Array.from((x.columns[1] as NumberColumn).values);
    expect(turb(cleaned)).toEqual([5, 0, 0 + (8 - 0) / 3, 0 + (2 * (8 - 0)) / 3, 8, NaN]);
    expect(log.map((e) => e.changedRows)).toEqual([[1, 3], [3], [2, 3]]);
    expect(applyLog(original, log)).toEqual(cleaned);
    const undone = undoLast(original, log);
    expect(undone.log).toHaveLength(2);
    expect(turb(undone.table)).toEqual([5, 0, NaN, NaN, 8, NaN]);
    // Other columns are shared, not copied; the original is untouched.
    expect(cleaned.columns[2]).toBe(original.columns[2]);
    expect(turb(original)).toEqual([5, -2, NaN, 900, 8, NaN]);
  });

  it('refuses a column that is not numeric or does not exist', () => {
    expect(() => applyOperation(original, { ...ops[0]!, column: 'Fecha' } as CleaningOp)).toThrow(
      /numeric/,
    );
    expect(() => applyOperation(original, { ...ops[0]!, column: 'nope' } as CleaningOp)).toThrow();
  });

  it('property: any log replays to the same table and changed rows, never mutating the original', () => {
    const opArb: fc.Arbitrary<CleaningOp> = fc.oneof(
      fc
        .tuple(
          fc.double({ min: -10, max: 10, noNaN: true }),
          fc.double({ min: 0, max: 20, noNaN: true }),
        )
        .map(([lo, w]) => ({
          op: 'cap' as const,
          column: 'Turbiedad (NTU)',
          params: { mode: 'bounds' as const, lower: lo, upper: lo + w },
        })),
      fc.double({ min: 0, max: 3, noNaN: true }).map((k) => ({
        op: 'cap' as const,
        column: 'Turbiedad (NTU)',
        params: { mode: 'iqr' as const, k },
      })),
      fc
        .array(fc.integer({ min: 0, max: 19 }), { maxLength: 5 })
        .map((rows) => ({ op: 'remove' as const, column: 'Turbiedad (NTU)', params: { rows } })),
      fc.integer({ min: 0, max: 4 }).map((maxGap) => ({
        op: 'interpolate' as const,
        column: 'Turbiedad (NTU)',
        params: { maxGap },
      })),
    );
    const valuesArb = fc.array(
      fc.oneof(fc.double({ min: -50, max: 50, noNaN: true }), fc.constant(NaN)),
      {
        minLength: 20,
        maxLength: 20,
      },
    );
    fc.assert(
      fc.property(valuesArb, fc.array(opArb, { maxLength: 6 }), (values, list) => {
        const orig = table(
          values,
          values.map((_, i) => i * H),
        );
        const snapshot = structuredClone(orig);
        let current = orig;
        const log: CleaningEntry[] = [];
        for (const op of list) {
          const r = applyOperation(current, op, 0);
          current = r.table;
          log.push(r.entry);
        }
        expect(orig).toEqual(snapshot);
        expect(applyLog(orig, log)).toEqual(current);
        // changedRows are exactly the rows whose value differs from the step before.
        let prev = orig;
        for (const entry of log) {
          const next = applyLog(prev, [entry]);
          const a = (prev.columns[1] as NumberColumn).values;
          const b = (next.columns[1] as NumberColumn).values;
          const diff = Array.from(a.keys()).filter(
            (i) => !Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i])),
          );
          expect(entry.changedRows).toEqual(diff);
          prev = next;
        }
      }),
      FC,
    );
  });
});
