import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../data/data-table';
import { filterChoices, filterRows } from './row-filter';

const table: DataTable = {
  name: 't',
  rowCount: 4,
  columns: [
    { name: 'code', kind: 'category', values: ['a', 'b', 'a', null] },
    { name: 'id', kind: 'category', values: ['1', '2', '3', '4'] },
    { name: 'x', kind: 'number', values: new Float64Array([1, 2, 3, 4]) },
  ],
};

describe('row filter', () => {
  it('offers the values of small category columns, most frequent first', () => {
    expect(filterChoices(table, 3)).toEqual([
      { column: 'code', value: 'a', count: 2 },
      { column: 'code', value: 'b', count: 1 },
    ]);
  });

  it('keeps the rows of one value', () => {
    const f = filterRows(table, 'code', 'a');
    expect(f.rowCount).toBe(2);
    expect(Array.from(f.columns[2]!.values as Float64Array)).toEqual([1, 3]);
    expect(f.columns[1]!.values).toEqual(['1', '3']);
  });
});
