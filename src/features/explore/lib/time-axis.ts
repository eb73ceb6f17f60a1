import type { DataTable } from '../../../data/data-table';
import { timeColumn } from '../../../data/data-table';

/**
 * A table's time axis in ascending order, for charts: rows without a time are left out, and
 * when the file was not in time order the rows are put in order (once per table).
 */
export interface TimeAxis {
  name: string;
  t: Float64Array;
  /** Row index of each point (null when the rows were already in order and all had a time). */
  order: Int32Array | null;
}

const cache = new WeakMap<DataTable, TimeAxis | null>();

export function timeAxisOf(table: DataTable): TimeAxis | null {
  if (cache.has(table)) return cache.get(table) ?? null;
  const col = timeColumn(table);
  let axis: TimeAxis | null = null;
  if (col) {
    const v = col.values;
    let sorted = true;
    let complete = true;
    let prev = -Infinity;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as number;
      if (Number.isNaN(x)) {
        complete = false;
        continue;
      }
      if (x < prev) sorted = false;
      prev = x;
    }
    if (sorted && complete) axis = { name: col.name, t: v, order: null };
    else {
      const rows: number[] = [];
      for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i] as number)) rows.push(i);
      if (!sorted) rows.sort((a, b) => (v[a] as number) - (v[b] as number) || a - b);
      const order = Int32Array.from(rows);
      axis = { name: col.name, t: Float64Array.from(rows, (r) => v[r] as number), order };
    }
  }
  cache.set(table, axis);
  return axis;
}

/** A column's values in the axis's order. */
export function inAxisOrder(values: ArrayLike<number>, axis: TimeAxis): Float64Array {
  if (axis.order === null)
    return values instanceof Float64Array ? values : Float64Array.from(values);
  const order = axis.order;
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i] as number] as number;
  return out;
}

/** First index with t[i] ≥ x (t ascending). */
export function lowerBound(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with t[i] > x (t ascending). */
export function upperBound(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The [from, to) index range of the points inside [t0, t1] (both ends included). */
export function indexRange(t: ArrayLike<number>, t0: number, t1: number): [number, number] {
  return [lowerBound(t, t0), upperBound(t, t1)];
}
