import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../data/data-table';
import { inAxisOrder, indexRange, timeAxisOf } from './time-axis';

describe('time axis', () => {
  it('keeps both ends of a range, even for large millisecond times', () => {
    const t = [1.7e12, 1.7e12 + 3.6e6, 1.7e12 + 7.2e6];
    expect(indexRange(t, 1.7e12, 1.7e12 + 7.2e6)).toEqual([0, 3]);
    expect(indexRange(t, 1.7e12 + 1, 1.7e12 + 3.6e6)).toEqual([1, 2]);
  });

  it('orders unsorted rows and leaves out rows without a time', () => {
    const table: DataTable = {
      name: 't',
      rowCount: 4,
      columns: [
        { name: 'time', kind: 'datetime', values: new Float64Array([3, NaN, 1, 2]) },
        { name: 'x', kind: 'number', values: new Float64Array([30, 0, 10, 20]) },
      ],
    };
    const axis = timeAxisOf(table)!;
    expect(Array.from(axis.t)).toEqual([1, 2, 3]);
    expect(Array.from(inAxisOrder(table.columns[1]!.values as Float64Array, axis))).toEqual([
      10, 20, 30,
    ]);
  });
});
