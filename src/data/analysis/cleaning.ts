/**
 * Recorded cleaning operations. Each operation takes a column and returns a new column plus a
 * log entry `{ op, column, params, changedRows, at }`; nothing is mutated. The log is the source
 * of truth: `applyLog(original, log)` rebuilds the cleaned table from the original, and undo is
 * re-applying the log without its last entry (`undoLast`). Operations are deterministic, so
 * replaying a log gives the same values and the same changed rows.
 */
import { quantile } from '../../domain/math/descriptive';
import type { DataTable } from '../data-table';
import { getColumn, timeColumn } from '../data-table';
import type { NumberColumn } from './series';

/**
 * cap: clamp values into [lower, upper]. 'bounds' uses the given limits (either may be ±Infinity);
 * 'iqr' uses Tukey fences q1 − k·IQR, q3 + k·IQR computed on the column as it is when the
 * operation runs (the resolved fences are recorded in the log entry's `resolved`).
 */
export type CapParams =
  { mode: 'bounds'; lower: number; upper: number } | { mode: 'iqr'; k: number };

/** remove: set these rows to NaN (e.g. rows flagged by the diagnostics). */
export interface RemoveParams {
  rows: readonly number[];
}

/**
 * interpolate: fill runs of at most `maxGap` consecutive missing values that have a value on
 * both sides, linearly in time when the table has a time column (else in row index). Rows absent
 * from the table cannot be filled: resample first to give every step a row.
 */
export interface InterpolateParams {
  maxGap: number;
}

export type CleaningOp =
  | { op: 'cap'; column: string; params: CapParams }
  | { op: 'remove'; column: string; params: RemoveParams }
  | { op: 'interpolate'; column: string; params: InterpolateParams };

export type CleaningEntry = CleaningOp & {
  /** Rows whose value changed, ascending. */
  changedRows: number[];
  /** When the operation was applied (ms since epoch, from the caller's clock). */
  at: number;
  /** cap only: the bounds actually used. */
  resolved?: { lower: number; upper: number };
};

export interface OpResult {
  column: NumberColumn;
  entry: CleaningEntry;
}

function withValues(column: NumberColumn, values: Float64Array<ArrayBuffer>): NumberColumn {
  return { ...column, values };
}

/** IQR fences of the non-NaN values: [q1 − k·IQR, q3 + k·IQR] (NaN when no values). */
export function iqrFences(values: ArrayLike<number>, k = 1.5): { lower: number; upper: number } {
  const sorted = Float64Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort();
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return { lower: q1 - k * (q3 - q1), upper: q3 + k * (q3 - q1) };
}

/** Clamp into bounds (or IQR fences). NaN stays NaN. */
export function cap(column: NumberColumn, params: CapParams, at = Date.now()): OpResult {
  const { lower, upper } = params.mode === 'bounds' ? params : iqrFences(column.values, params.k);
  // NaN fences (an empty column under 'iqr') clamp nothing.
  if (lower > upper) {
    throw new RangeError(`cap: lower bound ${lower} is above upper bound ${upper}`);
  }
  const src = column.values;
  const out = new Float64Array(src.length);
  const changedRows: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    const c = v < lower ? lower : v > upper ? upper : v;
    out[i] = c;
    if (c !== v && !Number.isNaN(v)) changedRows.push(i);
  }
  return {
    column: withValues(column, out),
    entry: {
      op: 'cap',
      column: column.name,
      params: { ...params },
      changedRows,
      at,
      resolved: { lower, upper },
    },
  };
}

/** Set the given rows to NaN. Rows out of range are ignored; rows already NaN are not "changed". */
export function remove(column: NumberColumn, params: RemoveParams, at = Date.now()): OpResult {
  const out = Float64Array.from(column.values);
  const changed = new Set<number>();
  for (const row of params.rows) {
    if (!Number.isInteger(row) || row < 0 || row >= out.length) continue;
    if (!Number.isNaN(out[row] as number)) changed.add(row);
    out[row] = NaN;
  }
  return {
    column: withValues(column, out),
    entry: {
      op: 'remove',
      column: column.name,
      params: { rows: [...params.rows] },
      changedRows: [...changed].sort((a, b) => a - b),
      at,
    },
  };
}

/**
 * Linear interpolation of interior runs of ≤ maxGap missing values. `time` (same length) gives
 * the x of each row; without it (or where a bounding time is NaN) the row index is used.
 */
export function interpolate(
  column: NumberColumn,
  params: InterpolateParams,
  time?: ArrayLike<number>,
  at = Date.now(),
): OpResult {
  if (!(params.maxGap >= 0)) throw new RangeError(`interpolate: maxGap must be ≥ 0`);
  const src = column.values;
  const out = Float64Array.from(src);
  const changedRows: number[] = [];
  let prev = -1; // last row with a value
  for (let i = 0; i < src.length; i++) {
    if (Number.isNaN(src[i] as number)) continue;
    const run = i - prev - 1;
    if (prev >= 0 && run > 0 && run <= params.maxGap) {
      const y0 = src[prev] as number;
      const y1 = src[i] as number;
      const t0 = time ? (time[prev] as number) : NaN;
      const t1 = time ? (time[i] as number) : NaN;
      const useTime = Number.isFinite(t0) && Number.isFinite(t1) && t1 > t0;
      for (let r = prev + 1; r < i; r++) {
        const tr = time ? (time[r] as number) : NaN;
        const f = useTime && Number.isFinite(tr) ? (tr - t0) / (t1 - t0) : (r - prev) / (i - prev);
        out[r] = y0 + (y1 - y0) * f;
        changedRows.push(r);
      }
    }
    prev = i;
  }
  return {
    column: withValues(column, out),
    entry: {
      op: 'interpolate',
      column: column.name,
      params: { ...params },
      changedRows,
      at,
    },
  };
}

function numberColumn(table: DataTable, name: string): NumberColumn {
  const col = getColumn(table, name);
  if (!col || col.kind !== 'number') {
    throw new Error(`cleaning: "${name}" is not a numeric column of "${table.name}"`);
  }
  return col;
}

/** Applies one operation to `table` (new table, same other columns) and returns its log entry. */
export function applyOperation(
  table: DataTable,
  op: CleaningOp,
  at = Date.now(),
): { table: DataTable; entry: CleaningEntry } {
  const col = numberColumn(table, op.column);
  let result: OpResult;
  switch (op.op) {
    case 'cap':
      result = cap(col, op.params, at);
      break;
    case 'remove':
      result = remove(col, op.params, at);
      break;
    case 'interpolate':
      result = interpolate(col, op.params, timeColumn(table)?.values, at);
      break;
  }
  return {
    table: {
      ...table,
      columns: table.columns.map((c) => (c === col ? result.column : c)),
    },
    entry: result.entry,
  };
}

/** Re-applies every entry of `log`, in order, to `original` (keeping each entry's `at`). */
export function applyLog(original: DataTable, log: readonly CleaningEntry[]): DataTable {
  let table = original;
  for (const entry of log) {
    const op = { op: entry.op, column: entry.column, params: entry.params } as CleaningOp;
    table = applyOperation(table, op, entry.at).table;
  }
  return table;
}

/** Undo: the log without its last entry, and the table rebuilt from it. */
export function undoLast(
  original: DataTable,
  log: readonly CleaningEntry[],
): { table: DataTable; log: CleaningEntry[] } {
  const shorter = log.slice(0, -1);
  return { table: applyLog(original, shorter), log: shorter };
}
