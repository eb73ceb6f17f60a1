/**
 * A typed, column-oriented table: what a parsed CSV becomes and what every analysis reads.
 * Numeric and date-time columns are Float64Array (NaN = missing), so they transfer between a
 * worker and the page without copying, and a million rows stay compact.
 */
export type Column =
  | { name: string; kind: 'number'; values: Float64Array; unit?: string }
  /** Wall-clock milliseconds encoded as if UTC (see src/domain/input-record.ts); NaN = missing. */
  | { name: string; kind: 'datetime'; values: Float64Array }
  /** Category labels; null = missing. */
  | { name: string; kind: 'category'; values: (string | null)[] };

export type ColumnKind = Column['kind'];

export interface DataTable {
  /** Display name, usually the file name (or a join of several). */
  name: string;
  rowCount: number;
  columns: Column[];
}

export function getColumn(table: DataTable, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

export function numericColumns(table: DataTable): Extract<Column, { kind: 'number' }>[] {
  return table.columns.filter((c): c is Extract<Column, { kind: 'number' }> => c.kind === 'number');
}

/** The first date-time column, the default time axis. */
export function timeColumn(table: DataTable): Extract<Column, { kind: 'datetime' }> | undefined {
  return table.columns.find(
    (c): c is Extract<Column, { kind: 'datetime' }> => c.kind === 'datetime',
  );
}
