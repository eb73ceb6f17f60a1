import type { DataTable } from '../../../data/data-table';

/**
 * Analyse one group of a multi-group table (one plant of the AguaClara reports): the category
 * columns that can split the table, and the subset of rows with one value.
 */
export interface FilterChoice {
  column: string;
  value: string;
  count: number;
}

/** Category columns with 2–60 distinct values, and their values by count. */
export function filterChoices(table: DataTable, maxValues = 60): FilterChoice[] {
  const out: FilterChoice[] = [];
  for (const col of table.columns) {
    if (col.kind !== 'category') continue;
    const counts = new Map<string, number>();
    for (const v of col.values) {
      if (v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      if (counts.size > maxValues) break;
    }
    if (counts.size < 2 || counts.size > maxValues) continue;
    [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .forEach(([value, count]) => out.push({ column: col.name, value, count }));
  }
  return out;
}

/** The rows whose `column` equals `value`, as a new table (columns copied). */
export function filterRows(table: DataTable, column: string, value: string): DataTable {
  const col = table.columns.find((c) => c.name === column);
  if (!col || col.kind !== 'category') return table;
  const rows: number[] = [];
  col.values.forEach((v, i) => {
    if (v === value) rows.push(i);
  });
  return {
    name: `${table.name} [${column} = ${value}]`,
    rowCount: rows.length,
    columns: table.columns.map((c) =>
      c.kind === 'category'
        ? { ...c, values: rows.map((r) => c.values[r] ?? null) }
        : { ...c, values: Float64Array.from(rows, (r) => c.values[r] as number) },
    ),
  };
}
