/**
 * Resampling a table onto a regular time axis, and joining several sources on one axis.
 *
 * Bins are half-open, [origin + k·step, origin + (k + 1)·step), labelled by their start. Times
 * are wall-clock ms (see data-table.ts), so with the default origin 0 hourly and daily bins start
 * on the hour and at midnight of the plant's own clock. Within a bin:
 * - numbers are averaged ('mean', for states such as turbidity or pH) or summed ('sum', for
 *   accumulations such as rain), chosen per column by `guessQuantity(name).aggregation` unless
 *   overridden; NaN values are skipped, and a bin with no value for that column is NaN (a sum
 *   over some but not all readings of a bin is the sum of the readings present: pandas
 *   `sum(min_count=1)`);
 * - categories take the last non-null label of the bin (row order);
 * - date-time columns other than the time axis are dropped.
 * Rows whose time is NaN are ignored. The axis runs from the first to the last occupied bin, and
 * every bin in between is present, so gaps show up as NaN rows.
 */
import { guessQuantity } from '../../domain/quantities';
import type { Column, DataTable } from '../data-table';
import { timeColumn } from '../data-table';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './series';

export type Aggregation = 'mean' | 'sum';

export const STEP_MS = {
  '10min': 10 * MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
} as const;
export type StepName = keyof typeof STEP_MS;
/** A named step or a step in milliseconds. */
export type Step = StepName | number;

/** Step in ms; throws RangeError unless it is a positive whole number of ms. */
export function stepMs(step: Step): number {
  const ms = typeof step === 'number' ? step : STEP_MS[step];
  if (!(Number.isInteger(ms) && ms > 0)) {
    throw new RangeError(`step must be a positive whole number of ms, got ${String(step)}`);
  }
  return ms;
}

/** 'sum' for accumulations (rain), 'mean' otherwise; `overrides[name]` wins when present. */
export function aggregationFor(
  name: string,
  overrides?: Readonly<Record<string, Aggregation>>,
): Aggregation {
  return overrides?.[name] ?? guessQuantity(name)?.aggregation ?? 'mean';
}

export interface ResampleOptions {
  /** Per-column aggregation, by column name; others follow `aggregationFor`. */
  aggregation?: Readonly<Record<string, Aggregation>>;
  /** Bin alignment in ms (default 0: bins start at multiples of the step on the wall clock). */
  origin?: number;
  /** Force the axis to start at the bin containing this time (default: first occupied bin). */
  start?: number;
  /** Force the axis to end at the bin containing this time (default: last occupied bin). */
  end?: number;
  /** Refuse to build an axis longer than this (default 5,000,000 bins): a stray year-1900 date
   * would otherwise allocate millions of rows. Throws RangeError. */
  maxBins?: number;
}

const DEFAULT_MAX_BINS = 5_000_000;

/** Start of the bin that contains t. */
export function binStart(t: number, step: number, origin = 0): number {
  return Math.floor((t - origin) / step) * step + origin;
}

/** Regular axis [first, first + step, …] with `count` bins (fresh Float64Array). */
function axisValues(first: number, count: number, step: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = first + k * step;
  return out;
}

interface Axis {
  first: number;
  count: number;
}

function timeRange(time: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = time[i] as number;
    if (!Number.isFinite(t)) continue;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return { min, max };
}

function makeAxis(
  min: number,
  max: number,
  step: number,
  options: ResampleOptions | undefined,
): Axis {
  const origin = options?.origin ?? 0;
  const lo = options?.start ?? min;
  const hi = options?.end ?? max;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return { first: NaN, count: 0 };
  const first = binStart(lo, step, origin);
  const last = binStart(hi, step, origin);
  const count = Math.round((last - first) / step) + 1;
  const maxBins = options?.maxBins ?? DEFAULT_MAX_BINS;
  if (count > maxBins) {
    throw new RangeError(
      `resample: ${count} bins of ${step} ms between ${new Date(first).toISOString()} and ` +
        `${new Date(last).toISOString()} exceed maxBins (${maxBins}); check for stray dates`,
    );
  }
  return { first, count };
}

/** Resamples onto a given axis. The time column keeps its name; see the module comment. */
function resampleOnAxis(
  table: DataTable,
  step: number,
  axis: Axis,
  options: ResampleOptions | undefined,
): DataTable {
  const time = timeColumn(table);
  if (!time) throw new Error(`resample: table "${table.name}" has no date-time column`);
  const { first, count } = axis;
  const t = time.values;
  const bin = new Int32Array(table.rowCount);
  for (let i = 0; i < table.rowCount; i++) {
    const ti = t[i] as number;
    const k = Number.isFinite(ti) ? Math.floor((ti - first) / step) : -1;
    bin[i] = k >= 0 && k < count ? k : -1;
  }
  const columns: Column[] = [
    { name: time.name, kind: 'datetime', values: axisValues(first, count, step) },
  ];
  for (const col of table.columns) {
    if (col === time || col.kind === 'datetime') continue;
    if (col.kind === 'category') {
      const out: (string | null)[] = new Array<string | null>(count).fill(null);
      for (let i = 0; i < table.rowCount; i++) {
        const k = bin[i] as number;
        const v = col.values[i];
        if (k >= 0 && v !== null && v !== undefined) out[k] = v;
      }
      columns.push({ name: col.name, kind: 'category', values: out });
      continue;
    }
    const agg = aggregationFor(col.name, options?.aggregation);
    const sums = new Float64Array(count);
    const counts = new Uint32Array(count);
    const v = col.values;
    for (let i = 0; i < table.rowCount; i++) {
      const k = bin[i] as number;
      const x = v[i] as number;
      if (k < 0 || Number.isNaN(x)) continue;
      sums[k] = (sums[k] as number) + x;
      counts[k] = (counts[k] as number) + 1;
    }
    const out = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const c = counts[k] as number;
      out[k] = c === 0 ? NaN : agg === 'sum' ? (sums[k] as number) : (sums[k] as number) / c;
    }
    columns.push(
      col.unit === undefined
        ? { name: col.name, kind: 'number', values: out }
        : { name: col.name, kind: 'number', values: out, unit: col.unit },
    );
  }
  return { name: table.name, rowCount: count, columns };
}

/**
 * Resamples `table` on its first date-time column to a regular `step` ('10min', 'hour', 'day'
 * or ms). Returns a new table (the input is not touched). Throws when the table has no
 * date-time column, or when the axis would exceed `maxBins`.
 */
export function resample(table: DataTable, step: Step, options?: ResampleOptions): DataTable {
  const ms = stepMs(step);
  const time = timeColumn(table);
  if (!time) throw new Error(`resample: table "${table.name}" has no date-time column`);
  const { min, max } = timeRange(time.values);
  return resampleOnAxis(table, ms, makeAxis(min, max, ms, options), options);
}

/** How much of the joined axis one source covers: for the UI's source list. */
export interface SourceCoverage {
  /** The source table's name. */
  source: string;
  /** Its columns as named in the joined table (in the source's order). */
  columns: string[];
  /** Bins of the joined axis where at least one of its numeric columns has a value. */
  binsWithData: number;
  /** binsWithData / bins of the joined axis (0 for an empty axis). */
  coverage: number;
  /** Start of the first and last bin with data (NaN when none). */
  first: number;
  last: number;
  /** Same share per column (joined names), for a coverage strip per series. */
  columnCoverage: { column: string; coverage: number }[];
}

export interface JoinOptions extends ResampleOptions {
  /** Name of the shared time column (default: the first source's time column name). */
  timeName?: string;
}

export interface JoinResult {
  table: DataTable;
  step: number;
  coverage: SourceCoverage[];
}

/**
 * Resamples every table to `step` on one shared axis (from the earliest to the latest occupied
 * bin over all sources, or `start`/`end`) and puts their columns side by side: one wide table,
 * one time column. A column name used by more than one source becomes "source: column" in all
 * of them; unique names are kept. Tables without a date-time column throw. Aggregation
 * overrides are keyed by the source's own column name.
 */
export function joinOnTime(
  tables: readonly DataTable[],
  step: Step,
  options?: JoinOptions,
): JoinResult {
  const ms = stepMs(step);
  let min = Infinity;
  let max = -Infinity;
  for (const table of tables) {
    const time = timeColumn(table);
    if (!time) throw new Error(`joinOnTime: table "${table.name}" has no date-time column`);
    const r = timeRange(time.values);
    min = Math.min(min, r.min);
    max = Math.max(max, r.max);
  }
  const axis = makeAxis(min, max, ms, options);
  const resampled = tables.map((t) => resampleOnAxis(t, ms, axis, options));

  const nameCount = new Map<string, number>();
  resampled.forEach((t) =>
    t.columns.slice(1).forEach((c) => nameCount.set(c.name, (nameCount.get(c.name) ?? 0) + 1)),
  );
  const firstTime = resampled[0]?.columns[0];
  const timeName = options?.timeName ?? firstTime?.name ?? 'time';
  const columns: Column[] = [
    { name: timeName, kind: 'datetime', values: axisValues(axis.first, axis.count, ms) },
  ];
  const taken = new Set<string>([timeName]);
  const coverage: SourceCoverage[] = [];

  resampled.forEach((t) => {
    const has = new Uint8Array(axis.count);
    const names: string[] = [];
    const columnCoverage: { column: string; coverage: number }[] = [];
    for (const col of t.columns.slice(1)) {
      let name = (nameCount.get(col.name) ?? 0) > 1 ? `${t.name}: ${col.name}` : col.name;
      // A name can still clash (the time column's name, or two identical "source: column").
      const base = name;
      for (let k = 2; taken.has(name); k++) name = `${base} (${k})`;
      taken.add(name);
      names.push(name);
      columns.push({ ...col, name });
      if (col.kind === 'number') {
        let c = 0;
        for (let k = 0; k < axis.count; k++) {
          if (!Number.isNaN(col.values[k] as number)) {
            has[k] = 1;
            c++;
          }
        }
        columnCoverage.push({ column: name, coverage: axis.count === 0 ? 0 : c / axis.count });
      }
    }
    let binsWithData = 0;
    let first = NaN;
    let last = NaN;
    for (let k = 0; k < axis.count; k++) {
      if (has[k] !== 1) continue;
      binsWithData++;
      const tk = axis.first + k * ms;
      if (Number.isNaN(first)) first = tk;
      last = tk;
    }
    coverage.push({
      source: t.name,
      columns: names,
      binsWithData,
      coverage: axis.count === 0 ? 0 : binsWithData / axis.count,
      first,
      last,
      columnCoverage,
    });
  });

  const table: DataTable = {
    name: tables.map((t) => t.name).join(' + '),
    rowCount: axis.count,
    columns,
  };
  return { table, step: ms, coverage };
}
